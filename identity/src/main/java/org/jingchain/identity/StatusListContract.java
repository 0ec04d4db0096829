package org.jingchain.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.Limits;

/**
 * Bitstring status lists on chain (contract {@code status}, docs/spec/status-list.md): an issuer
 * DID creates a list and flips the bits of the credentials it revokes or suspends; one small
 * transaction per change, and verifiers read a credential's bit with a Merkle proof.
 */
public final class StatusListContract implements SystemContract {
  public static final String NAME = "status";
  public static final int PAGE_BITS = 1024;
  public static final int MAX_SIZE = 1 << 20;
  public static final int MAX_INDEXES = 256;
  static final int TAG_CREATE = 0x51;
  static final int TAG_SET = 0x52;

  /** What a list is for: revocation is final, suspension can be lifted. */
  public enum Purpose {
    REVOCATION,
    SUSPENSION
  }

  /** A list's record: its issuer, size, purpose and the version operations must name. */
  public record ListRecord(String issuerDid, int size, Purpose purpose, long version) {}

  /** Creates a list of {@code size} bits (a multiple of 1024) for {@code purpose}. */
  public record CreateList(
      String chainId, String issuerDid, String keyId, String listId, int size, Purpose purpose) {}

  /** Sets ({@code value}) or clears the bits at {@code indexes}; names the list's version. */
  public record SetStatus(
      String chainId,
      String issuerDid,
      String keyId,
      String listId,
      long version,
      List<Integer> indexes,
      boolean value) {
    public SetStatus {
      indexes = List.copyOf(indexes);
    }
  }

  private final String chainId;

  public StatusListContract(String chainId) {
    this.chainId = chainId;
  }

  @Override
  public String name() {
    return NAME;
  }

  public static String listKey(String issuerDid, String listId) {
    return "status/list/" + Did.id(issuerDid).orElse("?") + "/" + listId;
  }

  public static String pageKey(String issuerDid, String listId, int page) {
    return "status/page/" + Did.id(issuerDid).orElse("?") + "/" + listId + "/" + page;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    DidCodec.Signed signed;
    Object op;
    try {
      signed = DidCodec.decodeSigned(args.unsafeArray());
      op = decode(signed.operation());
    } catch (DecodeException e) {
      throw fail("STATUS_INVALID", "malformed operation: " + e.getMessage());
    }
    return switch (op) {
      case CreateList c when method.equals("createList") -> create(c, signed, state);
      case SetStatus s when method.equals("setStatus") -> set(s, signed, state);
      default -> throw fail("STATUS_INVALID", "method " + method + " does not match the operation");
    };
  }

  private List<Event> create(CreateList c, DidCodec.Signed s, WriteSet state)
      throws ExecutionFailure {
    authorise(c.chainId(), c.issuerDid(), c.keyId(), s, state);
    if (!c.listId().matches("[A-Za-z0-9._-]{1,64}")) {
      throw fail("STATUS_INVALID", "list id must be 1..64 of A-Z a-z 0-9 . _ -");
    }
    if (c.size() < PAGE_BITS || c.size() > MAX_SIZE || c.size() % PAGE_BITS != 0) {
      throw fail("STATUS_INVALID", "size must be a multiple of 1024 up to " + MAX_SIZE);
    }
    String key = listKey(c.issuerDid(), c.listId());
    if (state.get(key).isPresent()) {
      throw fail("STATUS_EXISTS", "list " + c.listId() + " of " + c.issuerDid() + " exists");
    }
    state.put(key, Bytes.wrap(encode(new ListRecord(c.issuerDid(), c.size(), c.purpose(), 1))));
    return List.of(event("ListCreated", c.issuerDid(), c.listId(), 1));
  }

  private List<Event> set(SetStatus s, DidCodec.Signed signed, WriteSet state)
      throws ExecutionFailure {
    authorise(s.chainId(), s.issuerDid(), s.keyId(), signed, state);
    String key = listKey(s.issuerDid(), s.listId());
    ListRecord list =
        decodeRecord(
            state
                .get(key)
                .orElseThrow(() -> fail("STATUS_NOT_FOUND", "no list " + s.listId()))
                .unsafeArray());
    if (list.version() != s.version()) {
      throw fail(
          "STATUS_VERSION_MISMATCH",
          "operation is for version " + s.version() + ", the list is at " + list.version());
    }
    if (s.indexes().isEmpty() || s.indexes().size() > MAX_INDEXES) {
      throw fail("STATUS_INVALID", "1.." + MAX_INDEXES + " indexes per operation");
    }
    for (int index : s.indexes()) {
      if (index < 0 || index >= list.size()) {
        throw fail("STATUS_INVALID", "index " + index + " outside 0.." + (list.size() - 1));
      }
      String pk = pageKey(s.issuerDid(), s.listId(), index / PAGE_BITS);
      byte[] page = state.get(pk).map(Bytes::toByteArray).orElse(new byte[PAGE_BITS / 8]);
      int bit = index % PAGE_BITS;
      boolean was = (page[bit / 8] & (0x80 >>> (bit % 8))) != 0;
      if (was && !s.value() && list.purpose() == Purpose.REVOCATION) {
        throw fail("STATUS_FINAL", "revocation of index " + index + " cannot be undone");
      }
      page[bit / 8] =
          (byte)
              (s.value()
                  ? page[bit / 8] | (0x80 >>> (bit % 8))
                  : page[bit / 8] & ~(0x80 >>> (bit % 8)));
      state.put(pk, Bytes.wrap(page));
    }
    long next = list.version() + 1;
    state.put(
        key,
        Bytes.wrap(encode(new ListRecord(list.issuerDid(), list.size(), list.purpose(), next))));
    return List.of(event("StatusChanged", s.issuerDid(), s.listId(), next));
  }

  /** The operation must be signed by the issuer DID's update key or one of its assertion keys. */
  private void authorise(
      String opChain, String issuerDid, String keyId, DidCodec.Signed s, WriteSet state)
      throws ExecutionFailure {
    if (!opChain.equals(chainId)) {
      throw fail("STATUS_WRONG_CHAIN", "operation is for chain " + opChain);
    }
    String id =
        Did.id(issuerDid).orElseThrow(() -> fail("STATUS_INVALID", "not a did:jing: " + issuerDid));
    Optional<Bytes> stored = state.get(Did.stateKey(id));
    if (stored.isEmpty()) {
      throw fail("STATUS_UNAUTHORIZED", issuerDid + " does not exist");
    }
    DidRecord did = DidCodec.decodeRecord(stored.get().unsafeArray());
    if (did.deactivated()) {
      throw fail("STATUS_UNAUTHORIZED", issuerDid + " is deactivated");
    }
    DidKey key = null;
    if (keyId.isEmpty()) {
      key = did.updateKey();
    } else {
      for (VerificationMethod m : did.methods()) {
        if (m.id().equals(keyId) && (m.relationships() & VerificationMethod.ASSERTION) != 0) {
          key = m.key();
        }
      }
    }
    if (key == null || !DidSignatures.verify(key, s.operation(), s.signature())) {
      throw fail("STATUS_UNAUTHORIZED", "not signed by an assertion key of " + issuerDid);
    }
  }

  // ---- encoding

  public static byte[] encode(CreateList c) {
    return new Encoder(128)
        .u8(TAG_CREATE)
        .string(c.chainId())
        .string(c.issuerDid())
        .string(c.keyId())
        .string(c.listId())
        .u32(c.size())
        .u8(c.purpose().ordinal())
        .toByteArray();
  }

  public static byte[] encode(SetStatus s) {
    Encoder e =
        new Encoder(128 + 4 * s.indexes().size())
            .u8(TAG_SET)
            .string(s.chainId())
            .string(s.issuerDid())
            .string(s.keyId())
            .string(s.listId())
            .u64(s.version())
            .u32(s.indexes().size());
    for (int i : s.indexes()) {
      e.u32(i);
    }
    return e.bool(s.value()).toByteArray();
  }

  static Object decode(byte[] in) {
    Decoder d = new Decoder(in);
    int tag = d.u8("status operation tag");
    Object op;
    if (tag == TAG_CREATE) {
      String chain = d.string("chainId", Limits.MAX_CHAIN_ID_BYTES);
      String issuer = d.string("issuer", DidCodec.MAX_DID_BYTES);
      String keyId = d.string("keyId", DidCodec.MAX_ID_BYTES);
      String listId = d.string("listId", DidCodec.MAX_ID_BYTES);
      int size = d.count("size", MAX_SIZE);
      op = new CreateList(chain, issuer, keyId, listId, size, purpose(d));
    } else if (tag == TAG_SET) {
      String chain = d.string("chainId", Limits.MAX_CHAIN_ID_BYTES);
      String issuer = d.string("issuer", DidCodec.MAX_DID_BYTES);
      String keyId = d.string("keyId", DidCodec.MAX_ID_BYTES);
      String listId = d.string("listId", DidCodec.MAX_ID_BYTES);
      long version = d.u64("version");
      int n = d.count("indexes", MAX_INDEXES);
      List<Integer> idx = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        idx.add(d.count("index", MAX_SIZE - 1));
      }
      op = new SetStatus(chain, issuer, keyId, listId, version, idx, d.bool("value"));
    } else {
      throw new DecodeException("unknown status operation 0x" + Integer.toHexString(tag));
    }
    d.finish("status operation");
    return op;
  }

  private static Purpose purpose(Decoder d) {
    int p = d.u8("purpose");
    if (p >= Purpose.values().length) {
      throw new DecodeException("unknown purpose " + p);
    }
    return Purpose.values()[p];
  }

  static byte[] encode(ListRecord r) {
    return new Encoder(128)
        .string(r.issuerDid())
        .u32(r.size())
        .u8(r.purpose().ordinal())
        .u64(r.version())
        .toByteArray();
  }

  public static ListRecord decodeRecord(byte[] in) {
    Decoder d = new Decoder(in);
    ListRecord r =
        new ListRecord(
            d.string("issuer", DidCodec.MAX_DID_BYTES),
            d.count("size", MAX_SIZE),
            purpose(d),
            d.u64("version"));
    d.finish("status list record");
    return r;
  }

  /** Whether bit {@code index} is set in a page value (absent page: not set). */
  public static boolean isSet(Optional<Bytes> page, int index) {
    int bit = index % PAGE_BITS;
    return page.map(p -> (p.get(bit / 8) & (0x80 >>> (bit % 8))) != 0).orElse(false);
  }

  private static Event event(String type, String issuer, String listId, long version) {
    return new Event(
        NAME,
        type,
        List.of(
            new EventAttribute("issuer", issuer),
            new EventAttribute("list", listId),
            new EventAttribute("version", Long.toString(version))));
  }

  private static ExecutionFailure fail(String code, String message) {
    return new ExecutionFailure(code, message);
  }
}
