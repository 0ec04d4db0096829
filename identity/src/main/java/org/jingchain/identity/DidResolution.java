package org.jingchain.identity;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jingchain.service.StateRead;
import org.jingchain.service.StateReads;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ApiParams;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.types.Bytes;

/**
 * W3C DID Resolution of a did:jing at the latest or a given state version
 * (docs/spec/did-method.md): 200 with the document, 400 invalidDid, 404 notFound, 410 deactivated
 * (with the last document). With {@code proof=true} the answer also carries the state read with its
 * Merkle proof (as {@code GET /state} gives it), so a client can check it against a certified state
 * root.
 */
final class DidResolution {
  private final StateReads reads;

  DidResolution(StateReads reads) {
    this.reads = reads;
  }

  Response resolve(Request req) throws ApiException {
    String did = URLDecoder.decode(req.path("did"), StandardCharsets.UTF_8);
    Optional<String> id = Did.id(did);
    if (id.isEmpty()) {
      return resolution(400, null, null, null, Map.of("error", "invalidDid"));
    }
    long head = reads.headHeight();
    boolean withProof = ApiParams.wantsProof(req);
    Bytes key = Bytes.wrap(Did.stateKey(id.get()).getBytes(StandardCharsets.UTF_8));
    int selectors =
        (req.query("version").isPresent() ? 1 : 0)
            + (req.query("versionId").isPresent() ? 1 : 0)
            + (req.query("versionTime").isPresent() ? 1 : 0);
    if (selectors > 1) {
      return invalidOptions("give one of version, versionId, versionTime");
    }
    long version = head;
    if (req.query("version").isPresent()) {
      version = ApiParams.longParam(req, "version", 0, head);
    } else if (req.query("versionTime").isPresent()) {
      Instant t;
      try {
        t = Instant.parse(req.query("versionTime").get());
      } catch (DateTimeParseException e) {
        return invalidOptions("versionTime must be like 2026-11-22T10:00:00Z");
      }
      OptionalLong h = heightAtTime(t.toEpochMilli(), head);
      if (h.isEmpty()) {
        return resolution(404, null, null, null, Map.of("error", "notFound"));
      }
      version = h.getAsLong();
    } else if (req.query("versionId").isPresent()) {
      OptionalLong h =
          heightOfDidVersion(key, ApiParams.longParam(req, "versionId", 1, Long.MAX_VALUE), head);
      if (h.isEmpty()) {
        return resolution(404, null, null, null, Map.of("error", "notFound"));
      }
      version = h.getAsLong();
    }
    // one walk of the tree: with a proof, the value comes from the proven read
    StateRead proof = withProof ? reads.read(key, version, true) : null;
    Optional<Bytes> value =
        proof != null
            ? Optional.ofNullable(proof.value()).map(Bytes::fromHex)
            : reads.get(key, version);
    if (value.isEmpty()) {
      return resolution(404, proof, null, null, Map.of("error", "notFound"));
    }
    DidRecord record = DidCodec.decodeRecord(value.get().unsafeArray());
    var doc = DidDocuments.document(did, record);
    var meta = DidDocuments.metadata(record);
    return record.deactivated()
        ? resolution(410, proof, doc, meta, Map.of("error", "deactivated"))
        : resolution(200, proof, doc, meta, Map.of("contentType", "application/did+ld+json"));
  }

  private static Response invalidOptions(String message) {
    return resolution(400, null, null, null, Map.of("error", "invalidOptions", "message", message));
  }

  /** The last height whose block was made at or before {@code millis}; empty if none was. */
  private OptionalLong heightAtTime(long millis, long head) throws ApiException {
    long lo = 0;
    long hi = head;
    if (blockTime(0) > millis) {
      return OptionalLong.empty();
    }
    while (lo < hi) { // invariant: blockTime(lo) <= millis; block timestamps never decrease
      long mid = lo + (hi - lo + 1) / 2;
      if (blockTime(mid) <= millis) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return OptionalLong.of(lo);
  }

  private long blockTime(long height) throws ApiException {
    return reads
        .header(height)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no block " + height))
        .timestampMillis();
  }

  /**
   * The first height at which the DID's record has version {@code versionId} (record versions only
   * grow with height); empty if it never had it, or only in pruned state.
   */
  private OptionalLong heightOfDidVersion(Bytes key, long versionId, long head)
      throws ApiException {
    long lo = Math.max(0, reads.oldestVersion());
    long hi = head;
    if (didVersionAt(key, hi) < versionId) {
      return OptionalLong.empty();
    }
    while (lo < hi) { // first height with version >= versionId
      long mid = lo + (hi - lo) / 2;
      if (didVersionAt(key, mid) >= versionId) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return didVersionAt(key, lo) == versionId ? OptionalLong.of(lo) : OptionalLong.empty();
  }

  private long didVersionAt(Bytes key, long height) throws ApiException {
    return reads
        .get(key, height)
        .map(v -> DidCodec.decodeRecord(v.unsafeArray()).version())
        .orElse(0L);
  }

  private static Response resolution(
      int status,
      StateRead proof,
      Object document,
      Object documentMetadata,
      Map<String, Object> resolutionMetadata) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("@context", "https://w3id.org/did-resolution/v1");
    out.put("didDocument", document);
    out.put("didResolutionMetadata", resolutionMetadata);
    out.put("didDocumentMetadata", documentMetadata == null ? Map.of() : documentMetadata);
    if (proof != null) {
      out.put("proof", proof);
    }
    return new Response(status, out);
  }
}
