package org.jingchain.node.api;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jingchain.asset.AssetContract;
import org.jingchain.execution.Nonces;
import org.jingchain.node.Admission;
import org.jingchain.node.Chain;
import org.jingchain.node.ErrorCode;
import org.jingchain.node.Genesis;
import org.jingchain.node.Mempool;
import org.jingchain.node.TxIngress;
import org.jingchain.state.ProofResult;
import org.jingchain.state.VersionNotFoundException;
import org.jingchain.storage.TxLocation;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/** The handlers of the {@code /api/v1} routes; the OpenAPI document describes each one. */
public final class NodeApi {
  public static final String PREFIX = "/api/v1";
  private static final int MAX_BLOCK_LIST = 100;
  private static final int MAX_BALANCES = 1000;

  private final Chain chain;
  private final Mempool mempool;
  private final TxIngress ingress;
  private final Genesis genesis;
  private final Ops ops;
  private final int maxBatchTxs;
  private final BlockStream stream;
  private final String version;

  public NodeApi(
      Chain chain,
      Mempool mempool,
      TxIngress ingress,
      Genesis genesis,
      Ops ops,
      int maxBatchTxs,
      int maxStreams,
      String version) {
    this.chain = chain;
    this.mempool = mempool;
    this.ingress = ingress;
    this.genesis = genesis;
    this.ops = ops;
    this.maxBatchTxs = maxBatchTxs;
    this.stream = new BlockStream(chain, maxStreams);
    this.version = version;
  }

  /**
   * What the API reads from consensus and operations.
   *
   * @param health liveness (false: consensus stopped) with a reason
   * @param readiness whether this node is caught up and connected, with reasons if not
   * @param metrics the Prometheus text exposition
   */
  public record Ops(
      Supplier<Views.ConsensusView> consensus,
      java.util.function.LongFunction<Optional<Views.Certificate>> certificates,
      Supplier<Views.Health> health,
      Supplier<Views.Health> readiness,
      Supplier<String> metrics,
      Supplier<List<Views.EpochView>> epochs) {}

  public List<Route> routes() {
    return List.of(
        new Route("GET", "/", r -> console("index.html")),
        new Route("GET", "/console/{file}", r -> console(r.path("file"))),
        new Route("GET", "/health", r -> health(ops.health().get())),
        new Route("GET", "/ready", r -> health(ops.readiness().get())),
        new Route(
            "GET",
            "/metrics",
            r ->
                Response.ok(
                    new Response.Text(
                        "text/plain; version=0.0.4; charset=utf-8",
                        org.jingchain.types.Bytes.wrap(
                            ops.metrics()
                                .get()
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))))),
        new Route("GET", PREFIX + "/status", r -> Response.ok(status())),
        new Route("POST", PREFIX + "/transactions", this::submit),
        new Route("POST", PREFIX + "/transactions/batch", this::submitBatch),
        new Route("GET", PREFIX + "/transactions/{hash}", this::transaction),
        new Route("GET", PREFIX + "/blocks", this::latestBlocks),
        new Route("GET", PREFIX + "/blocks/{id}", this::block),
        new Route("GET", PREFIX + "/blocks/{height}/certificate", this::certificate),
        new Route(
            "GET", PREFIX + "/epochs", r -> Response.ok(Map.of("epochs", ops.epochs().get()))),
        new Route("GET", PREFIX + "/accounts/{address}/nonce", this::nonce),
        new Route("GET", PREFIX + "/accounts/{address}/balances", this::balances),
        new Route("GET", PREFIX + "/assets/{symbol}", this::token),
        new Route("GET", PREFIX + "/nfts/{id}", this::nft),
        new Route("GET", PREFIX + "/state", this::state),
        new Route("GET", PREFIX + "/dids/{did}", this::resolveDid),
        new Route("GET", PREFIX + "/stream/blocks", stream::serve),
        new Route(
            "GET", PREFIX + "/openapi.json", r -> Response.ok(ApiServer.resource("openapi.json"))));
  }

  Views.Status status() {
    Chain.Head h = chain.head();
    return new Views.Status(
        genesis.chainId(),
        genesis.suite(),
        h.height(),
        h.hash().toHex(),
        h.header().timestampMillis(),
        h.stateRoot().toHex(),
        chain.oldestStateVersion(),
        new Views.MempoolView(mempool.size(), mempool.bytes()),
        ops.consensus().get(),
        version);
  }

  private Response submit(Request req) throws ApiException {
    return submit(req.body());
  }

  /** {@code POST /transactions} on a raw body (package-private for the fuzz test). */
  Response submit(byte[] raw) throws ApiException {
    Views.SubmitRequest body = ApiServer.readJson(raw, Views.SubmitRequest.class);
    Admission a = ingress.submit(hex("tx", body.tx()));
    return switch (a) {
      case Admission.Accepted ok ->
          new Response(202, new Views.SubmitResult(ok.txHash().toHex(), "pending", null, null));
      case Admission.Rejected no -> throw new ApiException(no.code(), no.message());
    };
  }

  private Response submitBatch(Request req) throws ApiException {
    return submitBatch(req.body());
  }

  /** {@code POST /transactions/batch} on a raw body (package-private for the fuzz test). */
  Response submitBatch(byte[] raw) throws ApiException {
    Views.BatchRequest body = ApiServer.readJson(raw, Views.BatchRequest.class);
    if (body.txs() == null || body.txs().isEmpty()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "field 'txs' must be a non-empty array of hex strings");
    }
    if (body.txs().size() > maxBatchTxs) {
      throw new ApiException(
          ErrorCode.BATCH_TOO_LARGE,
          "batch has " + body.txs().size() + " transactions, limit " + maxBatchTxs);
    }
    List<byte[]> encoded = new ArrayList<>(body.txs().size());
    for (int i = 0; i < body.txs().size(); i++) {
      encoded.add(hex("txs[" + i + "]", body.txs().get(i)));
    }
    List<Views.SubmitResult> results = new ArrayList<>();
    int accepted = 0;
    Admission.Rejected full = null;
    for (Admission a : ingress.submitBatch(encoded)) {
      switch (a) {
        case Admission.Accepted ok -> {
          accepted++;
          results.add(new Views.SubmitResult(ok.txHash().toHex(), "pending", null, null));
        }
        case Admission.Rejected no -> {
          if (no.code() == ErrorCode.MEMPOOL_FULL && full == null) {
            full = no;
          }
          results.add(new Views.SubmitResult(null, "rejected", no.code().name(), no.message()));
        }
      }
    }
    int rejected = results.size() - accepted;
    if (full != null) {
      return new Response(
          429,
          new Views.BatchResponse(full.code().name(), full.message(), accepted, rejected, results));
    }
    return Response.ok(new Views.BatchResponse(null, null, accepted, rejected, results));
  }

  private Response transaction(Request req) throws ApiException {
    Hash h = hash(req.path("hash"));
    Optional<TxLocation> loc = chain.store().txLocation(h);
    if (loc.isPresent()) {
      long height = loc.get().height();
      int index = loc.get().index();
      var header = chain.store().header(height).orElseThrow();
      var tx = chain.store().transaction(loc.get()).orElseThrow();
      var receipt = chain.store().receipts(height).get(index);
      return Response.ok(
          new Views.TxStatus(
              h.toHex(),
              "committed",
              height,
              index,
              chain.hashOf(header).toHex(),
              Views.ReceiptView.of(receipt),
              Views.Tx.of(tx, chain.suite())));
    }
    var pending = mempool.pending(h);
    if (pending.isPresent()) {
      return Response.ok(
          new Views.TxStatus(
              h.toHex(),
              "pending",
              null,
              null,
              null,
              null,
              Views.Tx.of(pending.get(), chain.suite())));
    }
    throw new ApiException(
        ErrorCode.NOT_FOUND, "no transaction " + h.toHex() + " is pending or committed");
  }

  private Response latestBlocks(Request req) throws ApiException {
    int limit = intParam(req, "limit", 20, 1, MAX_BLOCK_LIST);
    long top = chain.head().height();
    List<Views.Header> out = new ArrayList<>();
    for (long h = top; h >= 0 && out.size() < limit; h--) {
      var header = chain.store().header(h).orElseThrow();
      out.add(Views.Header.of(header, chain.hashOf(header)));
    }
    return Response.ok(new Views.BlockList(out));
  }

  private Response block(Request req) throws ApiException {
    String id = req.path("id");
    long height;
    if (id.matches("\\d{1,18}")) {
      height = Long.parseLong(id);
    } else {
      height =
          chain
              .store()
              .heightOf(hash(id))
              .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no block with hash " + id));
    }
    Block b =
        chain
            .store()
            .block(height)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no block at height " + id));
    return Response.ok(
        Views.BlockView.of(
            b, chain.hashOf(b.header()), chain.store().receipts(height), chain.suite()));
  }

  /** The console's files: served from the node's own jar, nothing from elsewhere. */
  private static final Map<String, String> CONSOLE_FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "app.css", "text/css; charset=utf-8");

  private static Response console(String file) throws ApiException {
    String type = CONSOLE_FILES.get(file);
    if (type == null) {
      throw new ApiException(ErrorCode.NOT_FOUND, "no console file " + file);
    }
    try (var in = NodeApi.class.getResourceAsStream("/org/jingchain/node/console/" + file)) {
      if (in == null) {
        throw new IllegalStateException("console file " + file + " missing from the jar");
      }
      return Response.ok(
          new Response.Text(type, org.jingchain.types.Bytes.wrap(in.readAllBytes())));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read console file " + file, e);
    }
  }

  private static Response health(Views.Health h) {
    return new Response(h.ok() ? 200 : 503, h);
  }

  private Response certificate(Request req) throws ApiException {
    String id = req.path("height");
    if (!id.matches("\\d{1,18}")) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "height must be a decimal number, got " + id);
    }
    long height = Long.parseLong(id);
    return Response.ok(
        ops.certificates()
            .apply(height)
            .orElseThrow(
                () -> new ApiException(ErrorCode.NOT_FOUND, "no committed block at height " + id)));
  }

  private Response nonce(Request req) throws ApiException {
    Address a = address(req.path("address"));
    long state = Nonces.next(chain.store()::latest, a);
    return Response.ok(new Views.Nonce(a.toString(), state, mempool.nextNonce(a)));
  }

  private Response balances(Request req) throws ApiException {
    Address a = address(req.path("address"));
    String prefix = AssetContract.balancePrefix(a);
    List<Views.Balance> out = new ArrayList<>();
    for (var e :
        chain
            .store()
            .scanLatest(
                Bytes.wrap(prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                MAX_BALANCES)) {
      String symbol =
          new String(e.getKey().unsafeArray(), java.nio.charset.StandardCharsets.UTF_8)
              .substring(prefix.length());
      out.add(
          new Views.Balance(
              symbol, java.nio.ByteBuffer.wrap(e.getValue().unsafeArray()).getLong()));
    }
    return Response.ok(new Views.Balances(a.toString(), out));
  }

  private Response token(Request req) throws ApiException {
    String symbol = req.path("symbol");
    var t =
        AssetContract.token(chain.store()::latest, symbol)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no token " + symbol));
    return Response.ok(
        new Views.Token(t.symbol(), t.name(), t.issuer().toString(), t.decimals(), t.supply()));
  }

  private Response nft(Request req) throws ApiException {
    String id = req.path("id");
    var n =
        AssetContract.nft(chain.store()::latest, id)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no collectible " + id));
    return Response.ok(
        new Views.Nft(n.id(), n.owner().toString(), n.creator().toString(), n.digest().toHex()));
  }

  private Response state(Request req) throws ApiException {
    Bytes key = stateKey(req);
    long head = chain.head().height();
    long version = req.query("version").isPresent() ? longParam(req, "version", 0, head) : head;
    boolean withProof = req.query("proof").map(v -> !v.equals("false")).orElse(false);
    return Response.ok(readState(key, version, withProof));
  }

  /** A state value at a version, with its proof and the block that certifies the root. */
  /**
   * {@code key} at the committed head with its Merkle proof and the block that certifies the root,
   * as {@code GET /state?proof=true} answers it.
   */
  public Views.StateRead provenRead(Bytes key) throws ApiException {
    return readState(key, chain.head().height(), true);
  }

  private Views.StateRead readState(Bytes key, long version, boolean withProof)
      throws ApiException {
    long head = chain.head().height();
    ProofResult pr;
    try {
      pr = chain.tree().prove(version, key);
    } catch (VersionNotFoundException e) {
      throw new ApiException(
          ErrorCode.VERSION_PRUNED,
          "state version " + version + " was pruned; oldest kept is " + chain.oldestStateVersion());
    }
    Hash root = chain.tree().rootHash(version);
    Views.ProofView proof = null;
    if (withProof) {
      var p = pr.proof();
      proof =
          new Views.ProofView(
              p.leaf()
                  .map(l -> new Views.ProofLeafView(l.keyHash().toHex(), l.valueHash().toHex()))
                  .orElse(null),
              p.siblings().stream().map(Hash::toHex).toList(),
              HexFormat.of().formatHex(p.encode()));
    }
    Views.Certification cert = null;
    if (version < head) {
      var next = chain.store().header(version + 1).orElseThrow();
      cert = new Views.Certification(version + 1, chain.hashOf(next).toHex());
    }
    return new Views.StateRead(
        new String(key.unsafeArray(), java.nio.charset.StandardCharsets.UTF_8),
        key.toHex(),
        version,
        root.toHex(),
        genesis.suite(),
        pr.value().map(Bytes::toHex).orElse(null),
        proof,
        cert);
  }

  /**
   * W3C DID Resolution of a did:jing at the latest or a given state version: 200 with the document,
   * 400 invalidDid, 404 notFound, 410 deactivated (with the last document). With {@code proof=true}
   * the answer also carries the state read with its Merkle proof (as {@code GET /state} gives it),
   * so a client can check it against a certified state root.
   */
  private Response resolveDid(Request req) throws ApiException {
    String did =
        java.net.URLDecoder.decode(req.path("did"), java.nio.charset.StandardCharsets.UTF_8);
    Optional<String> id = org.jingchain.identity.Did.id(did);
    if (id.isEmpty()) {
      return resolution(400, null, null, null, Map.of("error", "invalidDid"));
    }
    long head = chain.head().height();
    boolean withProof = req.query("proof").map(v -> !v.equals("false")).orElse(false);
    Bytes key =
        Bytes.wrap(
            org.jingchain.identity.Did.stateKey(id.get())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    int selectors =
        (req.query("version").isPresent() ? 1 : 0)
            + (req.query("versionId").isPresent() ? 1 : 0)
            + (req.query("versionTime").isPresent() ? 1 : 0);
    if (selectors > 1) {
      return resolution(
          400,
          null,
          null,
          null,
          Map.of(
              "error", "invalidOptions", "message", "give one of version, versionId, versionTime"));
    }
    long version = head;
    if (req.query("version").isPresent()) {
      version = longParam(req, "version", 0, head);
    } else if (req.query("versionTime").isPresent()) {
      java.time.Instant t;
      try {
        t = java.time.Instant.parse(req.query("versionTime").get());
      } catch (java.time.format.DateTimeParseException e) {
        return resolution(
            400,
            null,
            null,
            null,
            Map.of(
                "error",
                "invalidOptions",
                "message",
                "versionTime must be like 2026-11-22T10:00:00Z"));
      }
      OptionalLong h = heightAtTime(t.toEpochMilli(), head);
      if (h.isEmpty()) {
        return resolution(404, null, null, null, Map.of("error", "notFound"));
      }
      version = h.getAsLong();
    } else if (req.query("versionId").isPresent()) {
      OptionalLong h =
          heightOfDidVersion(key, longParam(req, "versionId", 1, Long.MAX_VALUE), head);
      if (h.isEmpty()) {
        return resolution(404, null, null, null, Map.of("error", "notFound"));
      }
      version = h.getAsLong();
    }
    // one walk of the tree: with a proof, the value comes from the proven read
    Views.StateRead proof = withProof ? readState(key, version, true) : null;
    Optional<Bytes> value;
    if (proof != null) {
      value = Optional.ofNullable(proof.value()).map(Bytes::fromHex);
    } else {
      try {
        value = chain.tree().get(version, key);
      } catch (VersionNotFoundException e) {
        throw new ApiException(
            ErrorCode.VERSION_PRUNED,
            "state version "
                + version
                + " was pruned; oldest kept is "
                + chain.oldestStateVersion());
      }
    }
    if (value.isEmpty()) {
      return resolution(404, proof, null, null, Map.of("error", "notFound"));
    }
    var record = org.jingchain.identity.DidCodec.decodeRecord(value.get().unsafeArray());
    var doc = org.jingchain.identity.DidDocuments.document(did, record);
    var meta = org.jingchain.identity.DidDocuments.metadata(record);
    return record.deactivated()
        ? resolution(410, proof, doc, meta, Map.of("error", "deactivated"))
        : resolution(200, proof, doc, meta, Map.of("contentType", "application/did+ld+json"));
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
    return chain
        .block(height)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no block " + height))
        .header()
        .timestampMillis();
  }

  /**
   * The first height at which the DID's record has version {@code versionId} (record versions only
   * grow with height); empty if it never had it, or only in pruned state.
   */
  private OptionalLong heightOfDidVersion(Bytes key, long versionId, long head)
      throws ApiException {
    long lo = Math.max(0, chain.oldestStateVersion());
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
    try {
      return chain
          .tree()
          .get(height, key)
          .map(v -> org.jingchain.identity.DidCodec.decodeRecord(v.unsafeArray()).version())
          .orElse(0L);
    } catch (VersionNotFoundException e) {
      throw new ApiException(
          ErrorCode.VERSION_PRUNED,
          "state version " + height + " was pruned; oldest kept is " + chain.oldestStateVersion());
    }
  }

  private static Response resolution(
      int status,
      Views.StateRead proof,
      Object document,
      Object documentMetadata,
      Map<String, Object> resolutionMetadata) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("@context", "https://w3id.org/did-resolution/v1");
    out.put("didDocument", document);
    out.put("didResolutionMetadata", resolutionMetadata);
    out.put("didDocumentMetadata", documentMetadata == null ? Map.of() : documentMetadata);
    if (proof != null) {
      out.put("proof", proof);
    }
    return new Response(status, out);
  }

  // ---- parameter parsing

  private static Bytes stateKey(Request req) throws ApiException {
    Optional<String> text = req.query("key");
    Optional<String> hex = req.query("keyHex");
    if (text.isPresent() == hex.isPresent()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "give exactly one of 'key' (UTF-8) or 'keyHex'");
    }
    Bytes k =
        text.isPresent()
            ? Bytes.wrap(text.get().getBytes(java.nio.charset.StandardCharsets.UTF_8))
            : Bytes.wrap(hex("keyHex", hex.get()));
    if (k.length() == 0 || k.length() > 1024) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "state key must be 1..1024 bytes");
    }
    return k;
  }

  private static byte[] hex(String field, String value) throws ApiException {
    if (value == null) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "field '" + field + "' is required");
    }
    try {
      return HexFormat.of().parseHex(value.startsWith("0x") ? value.substring(2) : value);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "field '" + field + "' must be hex");
    }
  }

  private static Hash hash(String s) throws ApiException {
    try {
      return Hash.fromHex(s);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "'" + s + "' is not a 64-character hex hash");
    }
  }

  private static Address address(String s) throws ApiException {
    try {
      return Address.parse(s);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
  }

  private static int intParam(Request req, String name, int dflt, int min, int max)
      throws ApiException {
    return req.query(name).isPresent() ? (int) longParam(req, name, min, max) : dflt;
  }

  private static long longParam(Request req, String name, long min, long max) throws ApiException {
    String v = req.query(name).orElseThrow();
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new ApiException(
            ErrorCode.BAD_REQUEST, "'" + name + "' must be in " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "'" + name + "' must be a whole number");
    }
  }
}
