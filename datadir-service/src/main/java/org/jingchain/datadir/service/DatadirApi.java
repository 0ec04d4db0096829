package org.jingchain.datadir.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jingchain.datadir.AccessRequest;
import org.jingchain.datadir.AssetVersion;
import org.jingchain.datadir.AuditEntry;
import org.jingchain.datadir.DataAsset;
import org.jingchain.datadir.Datadir;
import org.jingchain.datadir.DatadirLimits;
import org.jingchain.datadir.Grant;
import org.jingchain.datadir.LineageGraph;
import org.jingchain.datadir.Policy;
import org.jingchain.datadir.search.CatalogueDoc;
import org.jingchain.datadir.search.CatalogueIndex;
import org.jingchain.execution.StateReader;
import org.jingchain.service.StateRead;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ApiParams;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;

/**
 * The data directory's read API (docs/spec/datadir.md; docs/api.md): assets, search over the node's
 * catalogue index, lineage, audit trail, requests and grants. Reads the latest committed state;
 * proofs of any value come from {@code GET /state?proof=true} with the keys of {@link Datadir}.
 */
public final class DatadirApi {
  static final String PREFIX = "/api/v1/datadir";
  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_LINEAGE_NODES = 1_000;
  private static final int MAX_PROVEN_ENTRIES = 100;

  private final StateReader state;
  private final CatalogueIndex index;
  private final Prover prover;
  private final java.util.function.LongSupplier caughtUp;

  /** Proves a state key at the committed head, as {@code GET /state?proof=true} does. */
  @FunctionalInterface
  public interface Prover {
    StateRead prove(org.jingchain.types.Bytes key) throws ApiException;
  }

  /**
   * @param caughtUp waits (bounded) until the index has applied the chain's committed head, and
   *     returns the height it has applied: a search reads the writes its client saw commit
   */
  public DatadirApi(
      StateReader state,
      CatalogueIndex index,
      Prover prover,
      java.util.function.LongSupplier caughtUp) {
    this.state = state;
    this.index = index;
    this.prover = prover;
    this.caughtUp = caughtUp;
  }

  // JSON shapes with a fixed field order (docs/api.md)

  /** An asset's access policy. */
  record PolicyView(String kind, List<String> members) {}

  /** A version's content digest. */
  record DigestView(String algorithm, String value) {}

  /** A pending ownership transfer [DD-22]. */
  record OfferView(String from, String to, long height) {}

  /** A lineage edge: {@code from} was derived from {@code to}. */
  record EdgeView(String from, String to) {}

  public List<Route> routes() {
    return List.of(
        new Route("GET", PREFIX + "/search", this::search),
        new Route("GET", PREFIX + "/assets/{id}", this::asset),
        new Route("GET", PREFIX + "/assets/{id}/versions/{n}", this::version),
        new Route("GET", PREFIX + "/assets/{id}/lineage", this::lineage),
        new Route("GET", PREFIX + "/audit", this::audit),
        new Route("GET", PREFIX + "/requests/{id}", this::request),
        new Route("GET", PREFIX + "/grants/{id}", this::grant));
  }

  private Response search(Request req) throws ApiException {
    Map<String, String> filters = new TreeMap<>();
    for (String f : List.of("sector", "tag", "owner", "policy", "status")) {
      req.query(f).filter(v -> !v.isBlank()).ifPresent(v -> filters.put(f, v));
    }
    if (!member(req)) {
      // [ACC-10] a reader who is no member finds public assets only; asking for others finds none
      String asked = filters.get("policy");
      filters.put(
          "policy",
          asked == null || asked.equals(Policy.Kind.PUBLIC.label())
              ? Policy.Kind.PUBLIC.label()
              : "-");
    }
    CatalogueIndex.SearchRequest sr;
    try {
      sr =
          new CatalogueIndex.SearchRequest(
              req.query("q").orElse(""),
              filters,
              number(req, "offset", 0, 10_000, 0),
              number(req, "limit", 1, CatalogueIndex.MAX_LIMIT, 20));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
    long indexedHeight = caughtUp.getAsLong();
    CatalogueIndex.SearchResult r = index.search(sr);
    List<Map<String, Object>> hits = new ArrayList<>();
    for (CatalogueDoc d : r.hits()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("id", d.id());
      h.put("owner", d.owner());
      h.put("title", d.title());
      h.put("sector", d.sector());
      h.put("tags", d.tags());
      h.put("policy", d.policy());
      h.put("status", d.status());
      h.put("format", d.format());
      h.put("licence", d.licence());
      hits.add(h);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", r.total());
    out.put("offset", sr.offset());
    out.put("hits", hits);
    out.put("facets", r.facets());
    out.put("indexedHeight", indexedHeight);
    return Response.ok(out);
  }

  private DataAsset find(String id) throws ApiException {
    return Datadir.asset(state, id)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no data asset " + id));
  }

  /**
   * [ACC-10] Whether the request's caller may see data assets whose policy is not public: on a
   * chain whose transactions are for members, only members may (docs/spec/api-access.md).
   */
  private static boolean member(Request req) {
    return !req.seesOnlyPublic();
  }

  /** Whether {@code id} names an asset the caller may see: public, or the caller a member. */
  private boolean visible(String id, boolean member) {
    return member
        || Datadir.asset(state, id).map(a -> a.policy().kind() == Policy.Kind.PUBLIC).orElse(false);
  }

  /**
   * The asset {@code id} as the caller may see it: one whose policy is not public is, to a reader
   * who is no member, exactly as absent as one that does not exist [ACC-10].
   */
  private DataAsset find(String id, Request req) throws ApiException {
    DataAsset a = find(id);
    if (!member(req) && a.policy().kind() != Policy.Kind.PUBLIC) {
      throw new ApiException(ErrorCode.NOT_FOUND, "no data asset " + id);
    }
    return a;
  }

  private Response asset(Request req) throws ApiException {
    Map<String, Object> view = assetView(state, find(req.path("id"), req));
    if (!member(req)) {
      for (String links : List.of("derivedFrom", "derivedInto")) {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) view.get(links);
        view.put(links, ids.stream().filter(x -> visible(x, false)).toList());
      }
    }
    return Response.ok(view);
  }

  /**
   * What {@code GET /datadir/assets/{id}} answers for {@code a}, read from {@code state}: the
   * node's state, or the proven reads of a client that trusts the node for nothing ({@code jing
   * data show --genesis}), so both build the same view from the same records.
   */
  public static Map<String, Object> assetView(StateReader state, DataAsset a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", a.id());
    out.put("owner", a.owner());
    out.put("title", a.metadata().title());
    out.put("description", a.metadata().description());
    out.put("sector", a.metadata().sector().label());
    out.put("tags", a.metadata().tags());
    out.put("format", a.metadata().format());
    out.put("licence", a.metadata().licence());
    out.put("policy", new PolicyView(a.policy().kind().label(), a.policy().members()));
    out.put("delegates", a.delegates());
    out.put("derivedFrom", a.derivedFrom());
    out.put("derivedInto", Datadir.derivedInto(state, a.id()));
    out.put("versions", a.versions());
    out.put("status", a.status().name().toLowerCase(Locale.ROOT));
    out.put("retiredReason", a.retiredReason());
    out.put("createdHeight", a.createdHeight());
    out.put("createdMillis", a.createdMillis());
    out.put("updatedHeight", a.updatedHeight());
    out.put("updatedMillis", a.updatedMillis());
    out.put("latest", Datadir.latest(state, a.id()).map(DatadirApi::version).orElse(null));
    out.put(
        "transferOffer",
        Datadir.transferOffer(state, a.id())
            .map(o -> new OfferView(o.from(), o.to(), o.height()))
            .orElse(null));
    return out;
  }

  private static Map<String, Object> version(AssetVersion v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", v.number());
    out.put(
        "digest",
        new DigestView(v.content().digest().algorithm(), v.content().digest().value().toHex()));
    out.put("size", v.content().sizeBytes());
    out.put("locations", v.content().locations());
    out.put("note", v.content().note());
    out.put("height", v.height());
    out.put("timeMillis", v.timeMillis());
    return out;
  }

  private Response version(Request req) throws ApiException {
    DataAsset a = find(req.path("id"), req);
    String n = req.path("n");
    if (!n.matches("\\d{1,5}")) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "a version is a number 1.." + a.versions());
    }
    return Response.ok(
        version(
            Datadir.version(state, a.id(), Integer.parseInt(n))
                .orElseThrow(
                    () -> new ApiException(ErrorCode.NOT_FOUND, a.id() + " has no version " + n))));
  }

  private Response lineage(Request req) throws ApiException {
    String id = req.path("id");
    String direction = req.query("direction").orElse("ancestors");
    int max = number(req, "max", 1, MAX_LINEAGE_NODES, 200);
    LineageGraph g =
        switch (direction) {
          case "ancestors" -> Datadir.ancestors(state, id, max).orElse(null);
          case "descendants" -> Datadir.descendants(state, id, max).orElse(null);
          default ->
              throw new ApiException(
                  ErrorCode.BAD_REQUEST, "direction must be ancestors or descendants");
        };
    boolean member = member(req);
    if (g == null || !visible(id, member)) {
      throw new ApiException(ErrorCode.NOT_FOUND, "no data asset " + id);
    }
    // [ACC-10] a reader who is no member sees the public assets of the graph and their edges
    List<String> nodes = g.nodes().stream().filter(n -> visible(n, member)).toList();
    List<EdgeView> edges = new ArrayList<>();
    for (LineageGraph.Edge e : g.edges()) {
      if (nodes.contains(e.child()) && nodes.contains(e.parent())) {
        edges.add(new EdgeView(e.child(), e.parent()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("root", g.root());
    out.put("direction", direction);
    out.put("nodes", nodes);
    out.put("edges", edges);
    out.put("truncated", g.truncated());
    return Response.ok(out);
  }

  private Response audit(Request req) throws ApiException {
    Map<Datadir.AuditIndex, String> by = new TreeMap<>();
    for (Datadir.AuditIndex i : Datadir.AuditIndex.values()) {
      req.query(i.label()).ifPresent(v -> by.put(i, v));
    }
    if (by.size() != 1) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "give exactly one of asset, requester or owner");
    }
    var e = by.entrySet().iterator().next();
    if (!member(req)) {
      // [ACC-10] an asset's trail if it is public; a requester's or owner's trail spans assets
      // whose policies differ, and its totals would count hidden ones
      if (e.getKey() != Datadir.AuditIndex.ASSET) {
        throw new ApiException(
            ErrorCode.ACCESS_DENIED,
            "an audit trail by requester or owner is for members of the chain's organisations; ask"
                + " by asset");
      }
      find(e.getValue(), req);
    }
    boolean withProof = ApiParams.wantsProof(req);
    var page =
        Datadir.audit(
            state,
            e.getKey(),
            e.getValue(),
            number(req, "from", 0, Integer.MAX_VALUE, 0),
            number(
                req,
                "limit",
                1,
                withProof ? MAX_PROVEN_ENTRIES : DatadirLimits.MAX_PAGE,
                withProof ? MAX_PROVEN_ENTRIES : DEFAULT_PAGE));
    List<Map<String, Object>> entries = new ArrayList<>();
    for (AuditEntry a : page.entries()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seq", a.seq());
      m.put("type", a.type().name().toLowerCase(Locale.ROOT));
      m.put("asset", a.assetId());
      m.put("actor", a.actor());
      m.put("subject", a.subject());
      m.put("requestId", a.requestId());
      m.put("grantId", a.grantId());
      m.put("version", a.version());
      m.put("detail", a.detail());
      m.put("height", a.height());
      m.put("timeMillis", a.timeMillis());
      m.put("tx", a.txHash().toString());
      if (withProof) {
        // the entry as stored (datadir/log/<seq>) with its Merkle proof at the head
        m.put(
            "proof",
            prover.prove(
                org.jingchain.types.Bytes.wrap(
                    Datadir.logKey(a.seq()).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      }
      entries.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", page.total());
    out.put("from", page.from());
    out.put("entries", entries);
    return Response.ok(out);
  }

  private Response request(Request req) throws ApiException {
    AccessRequest r =
        Datadir.request(state, id(req))
            .filter(x -> visible(x.assetId(), member(req)))
            .orElseThrow(
                () -> new ApiException(ErrorCode.NOT_FOUND, "no access request " + req.path("id")));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("asset", r.assetId());
    m.put("requester", r.requester());
    m.put("purpose", r.purpose());
    m.put("scope", r.scope());
    m.put("durationMillis", r.durationMillis());
    m.put("height", r.height());
    m.put("timeMillis", r.timeMillis());
    m.put("status", r.status().name().toLowerCase(Locale.ROOT));
    m.put("grantId", r.grantId());
    m.put("reason", r.reason());
    m.put("answeredBy", r.answeredBy());
    m.put("answeredHeight", r.answeredHeight());
    return Response.ok(m);
  }

  private Response grant(Request req) throws ApiException {
    Grant g =
        Datadir.grant(state, id(req))
            .filter(x -> visible(x.assetId(), member(req)))
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no grant " + req.path("id")));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", g.id());
    m.put("kind", g.kind().label());
    m.put("asset", g.assetId());
    m.put("grantor", g.grantor());
    m.put("grantee", g.grantee());
    m.put("purpose", g.purpose());
    m.put("scope", g.scope());
    m.put("requestId", g.requestId());
    m.put("height", g.height());
    m.put("timeMillis", g.timeMillis());
    m.put("expiresAtMillis", g.expiresAtMillis());
    m.put("revoked", g.revoked());
    m.put("revokedBy", g.revokedBy());
    return Response.ok(m);
  }

  private static long id(Request req) throws ApiException {
    String id = req.path("id");
    if (!id.matches("[1-9]\\d{0,17}")) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "an id is a positive number, got " + id);
    }
    return Long.parseLong(id);
  }

  private static int number(Request req, String name, int min, int max, int dflt)
      throws ApiException {
    var v = req.query(name);
    if (v.isEmpty()) {
      return dflt;
    }
    if (!v.get().matches("\\d{1,10}")) {
      throw new ApiException(ErrorCode.BAD_REQUEST, name + " must be a number " + min + ".." + max);
    }
    long n = Long.parseLong(v.get());
    if (n < min || n > max) {
      throw new ApiException(ErrorCode.BAD_REQUEST, name + " must be " + min + ".." + max);
    }
    return (int) n;
  }
}
