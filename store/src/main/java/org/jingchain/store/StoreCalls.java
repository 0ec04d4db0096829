package org.jingchain.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;

/**
 * The {@code store} contract's methods and their canonical argument encodings (docs/spec/storage.md
 * section 2): clients build calls here and the contract decodes them here.
 */
public final class StoreCalls {
  public static final String CONTRACT = "store";
  public static final String REGISTER_NODE = "register_node";
  public static final String UPDATE_NODE = "update_node";
  public static final String RETIRE_NODE = "retire_node";
  public static final String PUT_OBJECT = "put_object";
  public static final String CONFIRM_SHARD = "confirm_shard";
  public static final String DELETE_OBJECT = "delete_object";
  public static final String AUDIT_ROUND = "audit_round";
  public static final String AUDIT_OBJECT = "audit_object";
  public static final String ANSWER_CHALLENGE = "answer_challenge";
  public static final String FAIL_CHALLENGE = "fail_challenge";
  public static final String CLOSE_EXPIRED = "close_expired";
  public static final String CHECK_OBJECT = "check_object";
  public static final String RETRY_REPAIR = "retry_repair";

  /** The largest leaf an object may have: an audit answer carries one in a transaction. */
  public static final int MAX_AUDIT_LEAF = 64 * 1024;

  /** Storage node ids: 1..32 of lower-case letters, digits and dashes. */
  public static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  /** Failure zones within an organisation: up to 32 of lower-case letters, digits and dashes. */
  public static final Pattern ZONE = Pattern.compile("[a-z0-9-]{0,32}");

  /** Object names: 1..200 bytes of letters, digits and {@code . _ / : -}, no leading slash. */
  public static final Pattern OBJECT_NAME =
      Pattern.compile("[A-Za-z0-9._:-][A-Za-z0-9._/:-]{0,199}");

  /** Data directory asset ids an object may be linked to (empty for none). */
  public static final Pattern ASSET_ID = Pattern.compile("([a-z0-9][a-z0-9._-]{0,63})?");

  public static final int MAX_ENDPOINT_CHARS = 200;

  /** register_node(id, endpoint, zone, capacity bytes). */
  public record RegisterNode(String id, String endpoint, String zone, long capacity) {}

  /** update_node(id, endpoint, capacity bytes). */
  public record UpdateNode(String id, String endpoint, long capacity) {}

  /** No encryption: the object's bytes are stored as they are. */
  public static final int PLAINTEXT = 0;

  /** Sealed with the suite's AEAD under the owner's key ([STORE-7]). */
  public static final int SEALED = 1;

  /**
   * put_object(name, size, coding, content root, shard roots, expires height, asset id, encryption,
   * salt): {@code size} and the roots are of the bytes stored — the sealed ones when encrypted.
   */
  public record PutObject(
      String name,
      long size,
      Coding coding,
      Hash contentRoot,
      List<Hash> shardRoots,
      long expiresHeight,
      String asset,
      int encryption,
      Bytes salt) {
    public PutObject {
      shardRoots = List.copyOf(shardRoots);
    }

    /** A plaintext object. */
    public PutObject(
        String name,
        long size,
        Coding coding,
        Hash contentRoot,
        List<Hash> shardRoots,
        long expiresHeight,
        String asset) {
      this(
          name,
          size,
          coding,
          contentRoot,
          shardRoots,
          expiresHeight,
          asset,
          PLAINTEXT,
          Bytes.EMPTY);
    }
  }

  /** answer_challenge(challenge id, leaf bytes, Merkle path). */
  public record Answer(long challenge, Bytes leaf, List<Hash> path) {
    public Answer {
      path = List.copyOf(path);
    }
  }

  /** confirm_shard(object id, shard index): the placed node holds the shard, checked. */
  public record ConfirmShard(Hash object, int shard) {}

  private StoreCalls() {}

  public static Call registerNode(String id, String endpoint, String zone, long capacity) {
    return call(
        REGISTER_NODE, new Encoder().string(id).string(endpoint).string(zone).u64(capacity));
  }

  public static Call updateNode(String id, String endpoint, long capacity) {
    return call(UPDATE_NODE, new Encoder().string(id).string(endpoint).u64(capacity));
  }

  public static Call retireNode(String id) {
    return call(RETIRE_NODE, new Encoder().string(id));
  }

  public static Call putObject(PutObject p) {
    Encoder e =
        new Encoder()
            .string(p.name())
            .u64(p.size())
            .u8(p.coding().dataShards())
            .u8(p.coding().parityShards())
            .u32(p.coding().stripeUnit())
            .u32(p.coding().leafSize())
            .hash(p.contentRoot())
            .u32(p.shardRoots().size());
    for (Hash h : p.shardRoots()) {
      e.hash(h);
    }
    e.u64(p.expiresHeight()).string(p.asset()).u8(p.encryption()).bytes(p.salt());
    return call(PUT_OBJECT, e);
  }

  /** The put_object call of an encoded object, stored as it is. */
  public static Call putObject(String name, EncodedObject o, long expiresHeight, String asset) {
    return putObject(name, o, expiresHeight, asset, PLAINTEXT, Bytes.EMPTY);
  }

  /** The put_object call of an encoded object, sealed with {@code salt} when {@code encryption}. */
  public static Call putObject(
      String name, EncodedObject o, long expiresHeight, String asset, int encryption, Bytes salt) {
    return putObject(
        new PutObject(
            name,
            o.size(),
            o.coding(),
            o.contentRoot(),
            o.shardRoots(),
            expiresHeight,
            asset,
            encryption,
            salt));
  }

  public static Call confirmShard(Hash object, int shard) {
    return call(CONFIRM_SHARD, new Encoder().hash(object).u32(shard));
  }

  public static Call deleteObject(Hash object) {
    return call(DELETE_OBJECT, new Encoder().hash(object));
  }

  public static Call auditRound() {
    return call(AUDIT_ROUND, new Encoder());
  }

  public static Call auditObject(Hash object) {
    return call(AUDIT_OBJECT, new Encoder().hash(object));
  }

  public static Call answerChallenge(long challenge, byte[] leaf, List<Hash> path) {
    Encoder e = new Encoder().u64(challenge).bytes(leaf).u32(path.size());
    path.forEach(e::hash);
    return call(ANSWER_CHALLENGE, e);
  }

  public static Call failChallenge(long challenge) {
    return call(FAIL_CHALLENGE, new Encoder().u64(challenge));
  }

  public static Call checkObject(Hash object) {
    return call(CHECK_OBJECT, new Encoder().hash(object));
  }

  public static Call retryRepair(Hash object) {
    return call(RETRY_REPAIR, new Encoder().hash(object));
  }

  public static Call closeExpired() {
    return call(CLOSE_EXPIRED, new Encoder());
  }

  private static Call call(String method, Encoder args) {
    return new Call(CONTRACT, method, Bytes.wrap(args.toByteArray()));
  }

  static RegisterNode decodeRegisterNode(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    RegisterNode r =
        new RegisterNode(
            d.string("id", 32),
            d.string("endpoint", MAX_ENDPOINT_CHARS),
            d.string("zone", 32),
            d.u64("capacity"));
    d.finish("register_node args");
    return r;
  }

  static UpdateNode decodeUpdateNode(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    UpdateNode u =
        new UpdateNode(
            d.string("id", 32), d.string("endpoint", MAX_ENDPOINT_CHARS), d.u64("capacity"));
    d.finish("update_node args");
    return u;
  }

  static String decodeNodeId(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    String id = d.string("id", 32);
    d.finish("retire_node args");
    return id;
  }

  /**
   * Decodes put_object; a coding out of range is a {@link org.jingchain.codec.DecodeException}
   * naming it.
   */
  static PutObject decodePutObject(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    String name = d.string("name", 200);
    long size = d.u64("size");
    int k = d.u8("data shards");
    int m = d.u8("parity shards");
    long unit = d.u32("stripe unit");
    long leaf = d.u32("leaf size");
    Coding coding;
    try {
      coding =
          new Coding(
              k,
              m,
              (int) Math.min(unit, Integer.MAX_VALUE),
              (int) Math.min(leaf, Integer.MAX_VALUE));
    } catch (IllegalArgumentException e) {
      throw new org.jingchain.codec.DecodeException(e.getMessage());
    }
    Hash content = d.hash("content root");
    int n = d.count("shard roots", ReedSolomon.MAX_SHARDS);
    List<Hash> roots = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      roots.add(d.hash("shard root"));
    }
    PutObject p =
        new PutObject(
            name,
            size,
            coding,
            content,
            roots,
            d.u64("expires height"),
            d.string("asset", 64),
            d.u8("encryption"),
            d.bytesValue("salt", ObjectCipher.SALT));
    d.finish("put_object args");
    return p;
  }

  static ConfirmShard decodeConfirmShard(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    ConfirmShard c = new ConfirmShard(d.hash("object"), (int) Math.min(d.u32("shard"), 1 << 16));
    d.finish("confirm_shard args");
    return c;
  }

  static Hash decodeObjectId(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    Hash h = d.hash("object");
    d.finish("object args");
    return h;
  }

  static void decodeNone(Bytes args) {
    new Decoder(args.unsafeArray()).finish("no args");
  }

  static long decodeChallengeId(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    long id = d.u64("challenge");
    d.finish("challenge args");
    return id;
  }

  static Answer decodeAnswer(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    long id = d.u64("challenge");
    Bytes leaf = d.bytesValue("leaf", MAX_AUDIT_LEAF);
    int n = d.count("path", 64);
    List<Hash> path = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      path.add(d.hash("path"));
    }
    d.finish("answer_challenge args");
    return new Answer(id, leaf, path);
  }
}
