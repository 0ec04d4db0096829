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
            new Route("GET", PREFIX + "/objects", r -> Response.ok(lookup(node, r))));
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
          n.active() ? "active" : "retired",
          n.reputation(),
          n.audits(),
          n.failed(),
          n.missed(),
          n.registeredHeight());
    }
  }

  /** {@code GET /store/nodes}. */
  public record NodeList(List<NodeView> nodes) {}

  /** One shard of an object in an answer: its root, node, the node's endpoint, and confirmation. */
  public record ShardView(
      int index, String root, String node, String endpoint, boolean confirmed) {}

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
      List<ShardView> shards,
      long createdHeight,
      long expiresHeight,
      String asset) {}

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
    return view(node.latest(), StoreState.objectId(node.chain().suite(), a, name));
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
              o.confirmed().get(i)));
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
        o.stored() ? "stored" : "uploading",
        o.confirmedCount(),
        shards,
        o.createdHeight(),
        o.expiresHeight(),
        o.asset());
  }
}
