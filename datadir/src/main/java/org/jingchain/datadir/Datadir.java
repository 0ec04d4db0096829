package org.jingchain.datadir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.Did;

/**
 * Reads the data directory from any state (docs/spec/datadir.md sections 7 and 9): the node API,
 * the search indexer and data servers use these; the contract uses them too, so there is one
 * definition of the state layout.
 */
public final class Datadir {
  public static final String PREFIX = "datadir/";
  public static final String ASSETS = PREFIX + "assets";
  public static final String NEXT_REQUEST = PREFIX + "next/request";
  public static final String NEXT_GRANT = PREFIX + "next/grant";
  public static final String LOG = PREFIX + "log";

  /** The audit indexes [DD-16]: per asset, per requester (or grantee), per owner (or person). */
  public enum AuditIndex {
    ASSET("asset"),
    REQUESTER("requester"),
    OWNER("owner");

    private final String label;

    AuditIndex(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private Datadir() {}

  // ---- keys

  public static String assetKey(String id) {
    return PREFIX + "asset/" + id;
  }

  public static String versionKey(String id, int number) {
    return PREFIX + "version/" + id + "/" + StateLists.seq(number);
  }

  /** The list of asset ids registered by the owner with DID id {@code didId} (40 hex). */
  public static String ownedKey(String didId) {
    return PREFIX + "owned/" + didId;
  }

  /** The list of ids of the assets derived from {@code id} (reverse lineage edges). */
  public static String derivedIntoKey(String id) {
    return PREFIX + "into/" + id;
  }

  public static String derivedIntoPositionKey(String parent, String child) {
    return PREFIX + "intopos/" + parent + "/" + child;
  }

  public static String requestKey(long id) {
    return PREFIX + "request/" + StateLists.seq(id);
  }

  public static String pendingKey(String assetId, String requesterDidId) {
    return PREFIX + "pending/" + assetId + "/" + requesterDidId;
  }

  public static String grantKey(long id) {
    return PREFIX + "grant/" + StateLists.seq(id);
  }

  public static String accessKey(String assetId, String accessId) {
    return PREFIX + "access/" + assetId + "/" + accessId;
  }

  /** The pending transfer offer of an asset [DD-22]. */
  public static String transferKey(String assetId) {
    return PREFIX + "transfer/" + assetId;
  }

  public static String logKey(long seq) {
    return StateLists.itemKey(LOG, seq);
  }

  /**
   * The audit index list of {@code key}: an asset id for {@link AuditIndex#ASSET}, a DID's 40-hex
   * id otherwise.
   */
  public static String auditKey(AuditIndex index, String key) {
    return PREFIX + "audit/" + index.label() + "/" + key;
  }

  // ---- records

  public static Optional<DataAsset> asset(StateReader s, String id) {
    return s.get(WriteSet.key(assetKey(id)))
        .map(b -> DatadirCodec.decodeAsset(id, b.unsafeArray()));
  }

  public static Optional<AssetVersion> version(StateReader s, String id, int number) {
    return s.get(WriteSet.key(versionKey(id, number)))
        .map(b -> DatadirCodec.decodeVersion(number, b.unsafeArray()));
  }

  /** The latest version of an asset, if the asset exists. */
  public static Optional<AssetVersion> latest(StateReader s, String id) {
    return asset(s, id).flatMap(a -> version(s, id, a.versions()));
  }

  public static Optional<AccessRequest> request(StateReader s, long id) {
    return s.get(WriteSet.key(requestKey(id)))
        .map(b -> DatadirCodec.decodeRequest(id, b.unsafeArray()));
  }

  public static Optional<Grant> grant(StateReader s, long id) {
    return s.get(WriteSet.key(grantKey(id)))
        .map(b -> DatadirCodec.decodeGrant(id, b.unsafeArray()));
  }

  public static Optional<AccessRecord> access(StateReader s, String assetId, String accessId) {
    return s.get(WriteSet.key(accessKey(assetId, accessId)))
        .map(b -> DatadirCodec.decodeAccess(assetId, accessId, b.unsafeArray()));
  }

  /** The pending offer to transfer {@code assetId}, if any [DD-22]. */
  public static Optional<TransferOffer> transferOffer(StateReader s, String assetId) {
    return s.get(WriteSet.key(transferKey(assetId)))
        .map(b -> DatadirCodec.decodeTransfer(assetId, b.unsafeArray()));
  }

  public static Optional<AuditEntry> auditEntry(StateReader s, long seq) {
    return s.get(WriteSet.key(logKey(seq)))
        .map(b -> DatadirCodec.decodeAudit(seq, b.unsafeArray()));
  }

  // ---- decisions

  /**
   * [DD-14] Whether {@code requester} may be served asset {@code assetId} under grant {@code
   * grantId} (0: none) at block time {@code nowMillis}; what {@code recordAccess} enforces and what
   * a data server checks before serving.
   */
  public static AccessDecision decide(
      StateReader s, String assetId, String requester, long grantId, long nowMillis) {
    Optional<DataAsset> asset = asset(s, assetId);
    if (asset.isEmpty()) {
      return AccessDecision.refused(DatadirErrors.NOT_FOUND, "no asset " + assetId);
    }
    if (asset.get().retired()) {
      return AccessDecision.refused(DatadirErrors.RETIRED, assetId + " is retired");
    }
    return decide(s, asset.get(), requester, grantId, nowMillis);
  }

  static AccessDecision decide(
      StateReader s, DataAsset asset, String requester, long grantId, long nowMillis) {
    if (grantId == 0) {
      Policy p = asset.policy();
      if (p.kind() == Policy.Kind.PUBLIC
          || (p.kind() == Policy.Kind.GROUP && p.members().contains(requester))) {
        return AccessDecision.ALLOWED;
      }
      return AccessDecision.refused(
          DatadirErrors.NO_GRANT, asset.id() + " needs a grant and " + requester + " names none");
    }
    Optional<Grant> found = grant(s, grantId);
    if (found.isEmpty()) {
      return AccessDecision.refused(DatadirErrors.NO_GRANT, "no grant " + grantId);
    }
    Grant g = found.get();
    if (!g.assetId().equals(asset.id())) {
      return AccessDecision.refused(
          DatadirErrors.WRONG_ASSET,
          "grant " + grantId + " is for " + (g.assetId().isEmpty() ? "no asset" : g.assetId()));
    }
    if (!g.grantee().equals(requester)) {
      return AccessDecision.refused(
          DatadirErrors.NO_GRANT, "grant " + grantId + " is not for " + requester);
    }
    if (g.revoked()) {
      return AccessDecision.refused(
          DatadirErrors.GRANT_REVOKED, "grant " + grantId + " was revoked");
    }
    if (!g.activeAt(nowMillis)) {
      return AccessDecision.refused(
          DatadirErrors.GRANT_EXPIRED,
          "grant " + grantId + " ended at " + g.expiresAtMillis() + " ms");
    }
    return AccessDecision.ALLOWED;
  }

  // ---- lists

  /**
   * Entries {@code from .. from+limit-1} of an audit index, in the order they were appended
   * [DD-16]; {@code key} is an asset id ({@link AuditIndex#ASSET}) or a DID.
   */
  public static AuditPage audit(StateReader s, AuditIndex index, String key, long from, int limit) {
    String list = auditKey(index, index == AuditIndex.ASSET ? key : didId(key));
    long total = StateLists.count(s, list);
    List<AuditEntry> entries = new ArrayList<>();
    for (long i = from; i < Math.min(total, from + pageLimit(from, limit)); i++) {
      long seq = StateLists.item(s, list, i).map(DatadirCodec::u64).orElseThrow();
      entries.add(auditEntry(s, seq).orElseThrow());
    }
    return new AuditPage(entries, from, total);
  }

  public static long assetCount(StateReader s) {
    return StateLists.count(s, ASSETS);
  }

  /** Asset ids {@code from .. from+limit-1} in registration order. */
  public static List<String> assets(StateReader s, long from, int limit) {
    return texts(s, ASSETS, from, limit);
  }

  /**
   * Ids of the assets {@code ownerDid} registered or received by transfer, in that order; the list
   * is append-only, so it keeps assets transferred away (and lists one received twice twice): the
   * asset record says who owns it now [DD-22].
   */
  public static List<String> assetsOf(StateReader s, String ownerDid, long from, int limit) {
    return texts(s, ownedKey(didId(ownerDid)), from, limit);
  }

  /** Ids of the assets derived directly from {@code id}, sorted. */
  public static List<String> derivedInto(StateReader s, String id) {
    return Lineage.children(s, id);
  }

  /**
   * The ancestors of {@code id} (what it was derived from, transitively): breadth-first, at most
   * {@code maxNodes} nodes (1..{@value DatadirLimits#MAX_GRAPH_NODES}); empty if no such asset.
   */
  public static Optional<LineageGraph> ancestors(StateReader s, String id, int maxNodes) {
    return Lineage.graph(s, id, maxNodes, true);
  }

  /**
   * The descendants of {@code id} (what was derived from it, transitively); as {@link #ancestors}.
   */
  public static Optional<LineageGraph> descendants(StateReader s, String id, int maxNodes) {
    return Lineage.graph(s, id, maxNodes, false);
  }

  private static List<String> texts(StateReader s, String list, long from, int limit) {
    long total = StateLists.count(s, list);
    List<String> out = new ArrayList<>();
    for (long i = from; i < Math.min(total, from + pageLimit(from, limit)); i++) {
      out.add(StateLists.text(StateLists.item(s, list, i).orElseThrow()));
    }
    return out;
  }

  private static int pageLimit(long from, int limit) {
    if (from < 0 || limit < 0 || limit > DatadirLimits.MAX_PAGE) {
      throw new IllegalArgumentException(
          "from must be ≥ 0 and limit 0.."
              + DatadirLimits.MAX_PAGE
              + ", got "
              + from
              + ", "
              + limit);
    }
    return limit;
  }

  /** The 40-hex id of a did:jing; programmer error otherwise. */
  static String didId(String did) {
    return Did.id(did).orElseThrow(() -> new IllegalArgumentException("not a did:jing: " + did));
  }
}
