package org.jingchain.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jingchain.codec.DecodeException;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.gov.Gov;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * The {@code store} system contract (docs/spec/storage.md sections 2 and 3): the storage-node
 * registry, object records with their placement, and shard confirmations. It holds metadata only;
 * object bytes never reach a validator. Every refusal is checked before anything is written.
 */
public final class StoreContract implements SystemContract {
  /** The largest object the chain records: 1 TiB ([STORE-11]). */
  public static final long MAX_OBJECT_BYTES = 1L << 40;

  private static final Pattern ENDPOINT = Pattern.compile("https?://[^\\s/?#]{1,180}(/[^\\s?#]*)?");

  private final HashFunction h;
  private final Audits audits;

  public StoreContract(HashFunction h) {
    this.h = h;
    this.audits = new Audits(h);
  }

  @Override
  public String name() {
    return StoreCalls.CONTRACT;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    try {
      return List.of(
          switch (method) {
            case StoreCalls.REGISTER_NODE ->
                registerNode(ctx, StoreCalls.decodeRegisterNode(args), state);
            case StoreCalls.UPDATE_NODE ->
                updateNode(ctx, StoreCalls.decodeUpdateNode(args), state);
            case StoreCalls.RETIRE_NODE -> retireNode(ctx, StoreCalls.decodeNodeId(args), state);
            case StoreCalls.PUT_OBJECT -> putObject(ctx, StoreCalls.decodePutObject(args), state);
            case StoreCalls.CONFIRM_SHARD ->
                confirmShard(ctx, StoreCalls.decodeConfirmShard(args), state);
            case StoreCalls.DELETE_OBJECT ->
                deleteObject(ctx, StoreCalls.decodeObjectId(args), state);
            case StoreCalls.AUDIT_ROUND -> {
              StoreCalls.decodeNone(args);
              yield audits.round(ctx, state);
            }
            case StoreCalls.AUDIT_OBJECT ->
                audits.object(ctx, StoreCalls.decodeObjectId(args), state);
            case StoreCalls.ANSWER_CHALLENGE ->
                audits.answer(ctx, StoreCalls.decodeAnswer(args), state);
            case StoreCalls.FAIL_CHALLENGE ->
                audits.fail(ctx, StoreCalls.decodeChallengeId(args), state);
            case StoreCalls.CHECK_OBJECT ->
                audits.check(ctx, StoreCalls.decodeObjectId(args), state);
            case StoreCalls.RETRY_REPAIR ->
                audits.retryRepair(ctx, StoreCalls.decodeObjectId(args), state);
            case StoreCalls.CLOSE_EXPIRED -> {
              StoreCalls.decodeNone(args);
              yield audits.closeExpired(ctx, state);
            }
            default ->
                throw new ExecutionFailure("UNKNOWN_METHOD", "store has no method " + method);
          });
    } catch (DecodeException e) {
      throw new ExecutionFailure("INVALID_ARGS", e.getMessage());
    }
  }

  private Event registerNode(TxContext ctx, StoreCalls.RegisterNode r, WriteSet state)
      throws ExecutionFailure {
    if (!StoreCalls.NODE_ID.matcher(r.id()).matches()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a node id is 1 to 32 lower-case letters, digits and dashes");
    }
    checkEndpoint(r.endpoint());
    if (!StoreCalls.ZONE.matcher(r.zone()).matches()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "a zone is up to 32 lower-case letters, digits and dashes");
    }
    if (r.capacity() <= 0) {
      throw new ExecutionFailure("INVALID_ARGS", "capacity must be positive");
    }
    // With permissions "members" only members submit at all ([GOV-1]); on an open chain an
    // operator may belong to no organisation, and then the node is a failure domain of its own.
    String org = Gov.roles(state, ctx.sender()).map(Gov.Roles::org).orElse("");
    if (StoreState.node(state, r.id()).isPresent()) {
      throw new ExecutionFailure("NODE_EXISTS", "storage node " + r.id() + " is registered");
    }
    List<String> ids = new ArrayList<>(StoreState.nodeIds(state));
    long mine =
        StoreState.nodes(state).stream().filter(n -> n.operator().equals(ctx.sender())).count();
    if (mine >= StoreState.MAX_NODES_PER_OPERATOR) {
      throw new ExecutionFailure(
          "TOO_MANY_NODES",
          ctx.sender() + " operates " + mine + " storage nodes, the most one account may");
    }
    if (ids.size() >= StoreState.MAX_NODES) {
      throw new ExecutionFailure(
          "TOO_MANY_NODES", "the chain has the most storage nodes it registers, " + ids.size());
    }
    StorageNode node =
        new StorageNode(
            r.id(),
            ctx.sender(),
            org,
            r.zone(),
            r.endpoint(),
            r.capacity(),
            0,
            true,
            StorageNode.START_REPUTATION,
            0,
            0,
            0,
            0,
            ctx.block().height());
    ids.add(r.id());
    StoreState.putNodeIds(state, ids);
    StoreState.putNode(state, node);
    return event(
        "NodeRegistered",
        "node",
        r.id(),
        "operator",
        ctx.sender().toString(),
        "org",
        org,
        "endpoint",
        r.endpoint());
  }

  private Event updateNode(TxContext ctx, StoreCalls.UpdateNode u, WriteSet state)
      throws ExecutionFailure {
    StorageNode node = operated(ctx, u.id(), state);
    checkEndpoint(u.endpoint());
    if (u.capacity() <= 0) {
      throw new ExecutionFailure("INVALID_ARGS", "capacity must be positive");
    }
    StoreState.putNode(state, node.withEndpoint(u.endpoint(), u.capacity()));
    return event(
        "NodeUpdated",
        "node",
        u.id(),
        "endpoint",
        u.endpoint(),
        "capacity",
        Long.toString(u.capacity()));
  }

  private Event retireNode(TxContext ctx, String id, WriteSet state) throws ExecutionFailure {
    StorageNode node = operated(ctx, id, state);
    if (!node.active()) {
      throw new ExecutionFailure("NODE_RETIRED", "storage node " + id + " is already retired");
    }
    StoreState.putNode(state, node.retired());
    return event("NodeRetired", "node", id);
  }

  private Event putObject(TxContext ctx, StoreCalls.PutObject p, WriteSet state)
      throws ExecutionFailure {
    if (!StoreCalls.OBJECT_NAME.matcher(p.name()).matches()) {
      throw new ExecutionFailure(
          "INVALID_ARGS",
          "an object name is 1 to 200 letters, digits and . _ / : - (not starting with /)");
    }
    if (p.size() == 0) {
      throw new ExecutionFailure("EMPTY_OBJECT", "an object must have at least one byte");
    }
    if (p.size() > MAX_OBJECT_BYTES) {
      throw new ExecutionFailure(
          "OBJECT_TOO_LARGE",
          "an object is at most " + MAX_OBJECT_BYTES + " bytes, not " + p.size());
    }
    Coding c = p.coding();
    if (p.shardRoots().size() != c.totalShards()) {
      throw new ExecutionFailure(
          "INVALID_ARGS",
          "a "
              + c.dataShards()
              + "+"
              + c.parityShards()
              + " object has "
              + c.totalShards()
              + " shard roots, not "
              + p.shardRoots().size());
    }
    if (p.expiresHeight() != 0 && p.expiresHeight() <= ctx.block().height()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "expires height " + p.expiresHeight() + " has passed");
    }
    if (c.leafSize() > StoreCalls.MAX_AUDIT_LEAF) {
      throw new ExecutionFailure(
          "INVALID_ARGS",
          "leaves are at most " + StoreCalls.MAX_AUDIT_LEAF + " bytes, so that audit answers fit");
    }
    if (p.encryption() == StoreCalls.SEALED) {
      if (p.salt().length() != ObjectCipher.SALT || ObjectCipher.plainSize(p.size()) < 0) {
        throw new ExecutionFailure(
            "INVALID_ARGS",
            "a sealed object has a 32-byte salt and a size that sealed segments can have");
      }
    } else if (p.encryption() != StoreCalls.PLAINTEXT || p.salt().length() != 0) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "encryption is 0 (none, no salt) or 1 (sealed, with a salt)");
    }
    if (!StoreCalls.ASSET_ID.matcher(p.asset()).matches()) {
      throw new ExecutionFailure("INVALID_ARGS", "asset must be a data directory asset id");
    }
    if (StoreState.idByName(state, h, ctx.sender(), p.name()).isPresent()) {
      throw new ExecutionFailure(
          "OBJECT_EXISTS", ctx.sender() + " already stores an object named " + p.name());
    }
    Hash id = StoreState.objectId(h, ctx.sender(), p.name(), StoreState.objectCount(state));
    long shardBytes = c.shardLength(p.size());
    List<StorageNode> nodes = StoreState.nodes(state);
    List<String> placement = StoreState.place(h, id, nodes, c.totalShards(), shardBytes);
    if (placement.size() < c.totalShards()) {
      throw new ExecutionFailure(
          "NOT_ENOUGH_NODES",
          c.dataShards()
              + "+"
              + c.parityShards()
              + " needs "
              + c.totalShards()
              + " storage nodes with "
              + shardBytes
              + " bytes free; "
              + placement.size()
              + " are eligible");
    }
    for (String nodeId : placement) {
      StorageNode n = StoreState.node(state, nodeId).orElseThrow();
      StoreState.putNode(state, n.withUsed(n.used() + shardBytes));
    }
    List<Boolean> confirmed = new ArrayList<>();
    for (int i = 0; i < c.totalShards(); i++) {
      confirmed.add(false);
    }
    List<Boolean> lost = List.copyOf(confirmed);
    StoredObject o =
        new StoredObject(
            id,
            ctx.sender(),
            p.name(),
            new EncodedObject(c, p.size(), p.contentRoot(), p.shardRoots()),
            placement,
            confirmed,
            lost,
            "",
            0,
            ctx.block().height(),
            p.expiresHeight(),
            p.asset(),
            p.encryption(),
            p.salt(),
            0);
    StoreState.putObject(state, o);
    StoreState.addToIndex(state, id);
    StoreState.putName(state, h, ctx.sender(), p.name(), id);
    return event(
        "ObjectPut",
        "object",
        id.toHex(),
        "owner",
        ctx.sender().toString(),
        "name",
        p.name(),
        "size",
        Long.toString(p.size()),
        "placement",
        String.join(",", placement));
  }

  private Event confirmShard(TxContext ctx, StoreCalls.ConfirmShard c, WriteSet state)
      throws ExecutionFailure {
    StoredObject o = object(state, c.object());
    if (c.shard() >= o.placement().size()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "the object has " + o.placement().size() + " shards, not " + c.shard());
    }
    String nodeId = o.placement().get(c.shard());
    Optional<StorageNode> node = StoreState.node(state, nodeId);
    if (node.isEmpty() || !node.get().operator().equals(ctx.sender())) {
      throw new ExecutionFailure(
          "NOT_PLACED",
          "shard "
              + c.shard()
              + " is placed on "
              + nodeId
              + ", which "
              + ctx.sender()
              + " does not operate");
    }
    if (o.confirmed().get(c.shard())) {
      throw new ExecutionFailure(
          "ALREADY_CONFIRMED", "shard " + c.shard() + " is already confirmed");
    }
    StoredObject after = o.confirm(c.shard());
    StoreState.putObject(state, after);
    audits.confirmed(state, o, after, ctx.block().height());
    return event(
        "ShardConfirmed",
        "object",
        o.id().toHex(),
        "shard",
        Integer.toString(c.shard()),
        "node",
        nodeId,
        "confirmed",
        Integer.toString(after.confirmedCount()),
        "of",
        Integer.toString(after.confirmed().size()));
  }

  private Event deleteObject(TxContext ctx, Hash id, WriteSet state) throws ExecutionFailure {
    StoredObject o = object(state, id);
    boolean expired = o.expiresHeight() != 0 && ctx.block().height() > o.expiresHeight();
    if (!o.owner().equals(ctx.sender()) && !expired) {
      throw new ExecutionFailure(
          "NOT_OWNER",
          "only the owner "
              + o.owner()
              + " may delete it before it expires"
              + (o.expiresHeight() == 0 ? "" : " (after height " + o.expiresHeight() + ")"));
    }
    long shardBytes = o.encoded().shardLength();
    for (String nodeId : o.placement()) {
      Optional<StorageNode> n = StoreState.node(state, nodeId);
      if (n.isPresent()) {
        StoreState.putNode(state, n.get().withUsed(Math.max(0, n.get().used() - shardBytes)));
      }
    }
    if (!o.repairer().isEmpty()) {
      List<Hash> queue = new ArrayList<>(StoreState.repairs(state, o.repairer()));
      queue.remove(id);
      StoreState.putRepairs(state, o.repairer(), queue);
    }
    state.delete(WriteSet.key(StoreState.objectKey(id)));
    StoreState.deleteName(state, h, o.owner(), o.name());
    return event("ObjectDeleted", "object", id.toHex(), "name", o.name());
  }

  static StoredObject object(WriteSet state, Hash id) throws ExecutionFailure {
    return StoreState.object(state, id)
        .orElseThrow(() -> new ExecutionFailure("NO_OBJECT", "no object " + id.toHex()));
  }

  private static StorageNode operated(TxContext ctx, String id, WriteSet state)
      throws ExecutionFailure {
    StorageNode node =
        StoreState.node(state, id)
            .orElseThrow(() -> new ExecutionFailure("NO_NODE", "no storage node " + id));
    if (!node.operator().equals(ctx.sender())) {
      throw new ExecutionFailure(
          "NOT_OPERATOR", "only its operator " + node.operator() + " may change " + id);
    }
    return node;
  }

  private static void checkEndpoint(String endpoint) throws ExecutionFailure {
    if (!ENDPOINT.matcher(endpoint).matches()) {
      throw new ExecutionFailure(
          "INVALID_ARGS", "an endpoint is an http:// or https:// URL of at most 200 characters");
    }
  }

  static Event event(String type, String... kv) {
    List<EventAttribute> attrs = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      attrs.add(new EventAttribute(kv[i], kv[i + 1]));
    }
    return new Event(StoreCalls.CONTRACT, type, attrs);
  }
}
