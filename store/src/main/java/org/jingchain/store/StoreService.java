package org.jingchain.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.SystemContract;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Resources;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;

/**
 * Trusted object storage as a platform service: the {@code store} system contract, the routes that
 * read storage nodes and object records, and the console's storage view (docs/spec/storage.md).
 */
public final class StoreService implements PlatformService {
  private static final String PREFIX = "/api/v1/store";

  @Override
  public String name() {
    return "store";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(new StoreContract(chain.suite()));
  }

  @Override
  public NodePart start(NodeContext node) {
    return new NodePart() {
      @Override
      public List<Route> routes() {
        return List.of(
            new Route("GET", PREFIX + "/nodes", r -> Response.ok(nodes(node.latest()))),
            new Route("GET", PREFIX + "/nodes/{id}", r -> Response.ok(node(node.latest(), r))),
            new Route("GET", PREFIX + "/objects/{id}", r -> Response.ok(object(node, r))),
            new Route("GET", PREFIX + "/objects", r -> Response.ok(lookup(node, r))),
            new Route("GET", PREFIX + "/challenges/{id}", r -> Response.ok(challenge(node, r))),
            new Route("GET", PREFIX + "/audit", r -> Response.ok(audit(node))),
            new Route("GET", PREFIX + "/index", r -> Response.ok(index(node, r))),
            new Route("GET", PREFIX + "/nodes/{id}/work", r -> Response.ok(work(node, r))));
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(Resources.text(StoreService.class, "openapi.json"));
      }

      @Override
      public Optional<String> consoleScript() {
        return Optional.of(Resources.text(StoreService.class, "console.js"));
      }
    };
  }

  /** A storage node in an answer. */
  public record NodeView(
      String id,
      String operator,
      String org,
      String zone,
      String domain,
      String endpoint,
      long capacity,
      long used,
      String status,
      int reputation,
      long audits,
      long failed,
      long missed,
      long registeredHeight) {
    static NodeView of(StorageNode n) {
      return new NodeView(
          n.id(),
          n.operator().toString(),
          n.org(),
          n.zone(),
          n.domain(),
          n.endpoint(),
          n.capacity(),
          n.used(),
          !n.active() ? "retired" : n.down() ? "down" : "active",
          n.reputation(),
          n.audits(),
          n.failed(),
          n.missed(),
          n.registeredHeight());
    }
  }

  /** {@code GET /store/nodes}. */
  public record NodeList(List<NodeView> nodes) {}

  /**
   * One shard of an object in an answer: its root, node, the node's endpoint, whether the node
   * confirmed it, and whether an audit found it lost.
   */
  public record ShardView(
      int index, String root, String node, String endpoint, boolean confirmed, boolean lost) {}

  /** {@code GET /store/challenges/{id}}. */
  public record ChallengeView(
      long id,
      String object,
      int shard,
      long leaf,
      String node,
      long issuedHeight,
      long deadlineHeight,
      String status,
      long round) {
    static ChallengeView of(Challenge c) {
      return new ChallengeView(
          c.id(),
          c.object().toHex(),
          c.shard(),
          c.leaf(),
          c.node(),
          c.issued(),
          c.deadline(),
          c.status().name().toLowerCase(java.util.Locale.ROOT),
          c.round());
    }
  }

  /**
   * One object of {@code GET /store/index}: its place in the order objects were recorded, its id
   * (empty once deleted), and whether a confirmed, not yet lost shard sits on a down or retired
   * node — what {@code check_object} would act on ([STORE-34]).
   */
  public record IndexEntry(long seq, String id, boolean atRisk, boolean repairStalled) {}

  /** {@code GET /store/index?from=&limit=}: objects in the order they were recorded. */
  public record IndexPage(long count, List<IndexEntry> entries, long next) {}

  /** {@code GET /store/audit}: the audit rounds so far and the governed timing. */
  public record AuditView(
      long height,
      long rounds,
      long lastRoundHeight,
      long nextRoundHeight,
      long intervalBlocks,
      long deadlineBlocks) {}

  /**
   * {@code GET /store/nodes/{id}/work}: what a storage node has to do — its open challenges, the
   * objects it is to rebuild shards of — and whether an audit round is due or a deadline passed.
   */
  public record WorkView(
      long height,
      List<ChallengeView> challenges,
      List<String> repairs,
      long nextRoundHeight,
      boolean expired) {}

  /** {@code GET /store/objects/{id}}. */
  public record ObjectView(
      String id,
      String owner,
      String name,
      long size,
      int dataShards,
      int parityShards,
      int stripeUnit,
      int leafSize,
      long shardLength,
      String contentRoot,
      String status,
      int confirmed,
      int healthy,
      String repairer,
      int openAudits,
      List<ShardView> shards,
      long createdHeight,
      long expiresHeight,
      String asset,
      boolean encrypted,
      String salt,
      long plainSize) {}

  static NodeList nodes(StateReader s) {
    return new NodeList(StoreState.nodes(s).stream().map(NodeView::of).toList());
  }

  private static NodeView node(StateReader s, Request r) throws ApiException {
    String id = r.path("id");
    if (!StoreCalls.NODE_ID.matcher(id).matches()) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "a node id is 1 to 32 of a-z, 0-9 and -");
    }
    return StoreState.node(s, id)
        .map(NodeView::of)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no storage node " + id));
  }

  private static ObjectView object(NodeContext node, Request r) throws ApiException {
    String id = r.path("id");
    Hash h;
    try {
      h = Hash.fromHex(id);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "an object id is 64 hex digits");
    }
    return view(node.latest(), h);
  }

  private static ObjectView lookup(NodeContext node, Request r) throws ApiException {
    String owner = r.query("owner").orElse("");
    String name = r.query("name").orElse("");
    if (owner.isEmpty() || name.isEmpty()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "give ?owner=<account>&name=<object name>, or GET /objects/{id}");
    }
    Address a;
    try {
      a = Address.parse(owner);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "owner: " + e.getMessage());
    }
    StateReader s = node.latest();
    Hash id =
        StoreState.idByName(s, node.chain().suite(), a, name)
            .orElseThrow(
                () -> new ApiException(ErrorCode.NOT_FOUND, a + " has no object named " + name));
    return view(s, id);
  }

  private static ChallengeView challenge(NodeContext node, Request r) throws ApiException {
    long id;
    try {
      id = Long.parseLong(r.path("id"));
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "a challenge id is a number");
    }
    return StoreState.challenge(node.latest(), id)
        .map(ChallengeView::of)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no challenge " + id));
  }

  private static IndexPage index(NodeContext node, Request r) throws ApiException {
    long from;
    int limit;
    try {
      from = Long.parseLong(r.query("from").orElse("0"));
      limit = Integer.parseInt(r.query("limit").orElse("100"));
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "from and limit are numbers");
    }
    if (from < 0 || limit < 1 || limit > 1000) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "from >= 0 and limit 1..1000");
    }
    StateReader s = node.latest();
    long count = StoreState.objectCount(s);
    List<IndexEntry> out = new ArrayList<>();
    java.util.Map<String, Boolean> up = new java.util.HashMap<>();
    for (long seq = from; seq < count && out.size() < limit; seq++) {
      java.util.Optional<StoredObject> o =
          StoreState.indexed(s, seq).flatMap(id -> StoreState.object(s, id));
      boolean atRisk = false;
      if (o.isPresent()) {
        for (int i = 0; i < o.get().placement().size(); i++) {
          if (o.get().confirmed().get(i) && !o.get().lost().get(i)) {
            String n = o.get().placement().get(i);
            atRisk |=
                !up.computeIfAbsent(
                    n, x -> StoreState.node(s, x).map(v -> v.active() && !v.down()).orElse(false));
          }
        }
      }
      long head = node.reads().headHeight();
      out.add(
          new IndexEntry(
              seq,
              o.map(x -> x.id().toHex()).orElse(""),
              atRisk,
              o.map(x -> Audits.stalled(x, head + 1)).orElse(false)));
    }
    return new IndexPage(count, out, from + out.size());
  }

  private static AuditView audit(NodeContext node) {
    StateReader s = node.latest();
    StoreState.AuditState a = StoreState.audit(s);
    long interval = Audits.interval(s);
    return new AuditView(
        node.reads().headHeight(),
        a.rounds(),
        a.lastRoundHeight(),
        a.rounds() == 0 ? 0 : a.lastRoundHeight() + interval,
        interval,
        Audits.deadline(s));
  }

  private static WorkView work(NodeContext node, Request r) throws ApiException {
    NodeView n = node(node.latest(), r);
    StateReader s = node.latest();
    long height = node.reads().headHeight();
    List<ChallengeView> open = new ArrayList<>();
    boolean expired = false;
    for (long id : StoreState.openChallenges(s, n.id())) {
      Challenge c = StoreState.challenge(s, id).orElseThrow();
      open.add(ChallengeView.of(c));
      expired |= c.deadline() < height;
    }
    if (!expired) {
      // another node's missed challenge also wants closing; any node may close it
      for (String other : StoreState.nodeIds(s)) {
        for (long id : StoreState.openChallenges(s, other)) {
          expired |= StoreState.challenge(s, id).map(c -> c.deadline() < height).orElse(false);
        }
      }
    }
    StoreState.AuditState a = StoreState.audit(s);
    return new WorkView(
        height,
        open,
        StoreState.repairs(s, n.id()).stream().map(Hash::toHex).toList(),
        a.rounds() == 0 ? 0 : a.lastRoundHeight() + Audits.interval(s),
        expired);
  }

  static ObjectView view(StateReader s, Hash id) throws ApiException {
    StoredObject o =
        StoreState.object(s, id)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no object " + id.toHex()));
    List<ShardView> shards = new ArrayList<>();
    for (int i = 0; i < o.placement().size(); i++) {
      String n = o.placement().get(i);
      shards.add(
          new ShardView(
              i,
              o.encoded().shardRoots().get(i).toHex(),
              n,
              StoreState.node(s, n).map(StorageNode::endpoint).orElse(""),
              o.confirmed().get(i),
              o.lost().get(i)));
    }
    Coding c = o.encoded().coding();
    return new ObjectView(
        o.id().toHex(),
        o.owner().toString(),
        o.name(),
        o.encoded().size(),
        c.dataShards(),
        c.parityShards(),
        c.stripeUnit(),
        c.leafSize(),
        o.encoded().shardLength(),
        o.encoded().contentRoot().toHex(),
        !o.repairer().isEmpty() ? "repairing" : o.stored() ? "stored" : "uploading",
        o.confirmedCount(),
        o.healthy(),
        o.repairer(),
        o.openAudits(),
        shards,
        o.createdHeight(),
        o.expiresHeight(),
        o.asset(),
        o.encryption() == StoreCalls.SEALED,
        o.salt().toHex(),
        o.encryption() == StoreCalls.SEALED
            ? ObjectCipher.plainSize(o.encoded().size())
            : o.encoded().size());
  }
}
