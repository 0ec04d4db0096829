package org.jingchain.identity;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.identity.DidOperation.Create;
import org.jingchain.identity.DidOperation.Deactivate;
import org.jingchain.identity.DidOperation.Patch;
import org.jingchain.identity.DidOperation.Recover;
import org.jingchain.identity.DidOperation.Update;
import org.jingchain.types.Bytes;
import org.jingchain.types.Limits;

/** Canonical encoding of DID operations and records; decoding throws only DecodeException. */
public final class DidCodec {
  static final int TAG_CREATE = 0x41;
  static final int TAG_UPDATE = 0x42;
  static final int TAG_RECOVER = 0x43;
  static final int TAG_DEACTIVATE = 0x44;
  static final int TAG_RECORD = 0x45;
  static final int MAX_ID_BYTES = 64;
  static final int MAX_DID_BYTES = 128;
  static final int MAX_TYPE_BYTES = 64;
  static final int MAX_ENDPOINT_BYTES = 512;
  static final int MAX_METHODS = 32;
  static final int MAX_SERVICES = 16;
  static final int MAX_PATCHES = 64;

  /**
   * Most creates in one createBatch transaction [DID-10]: 1,000 creates with one method each (about
   * 230 bytes apiece) fit the 256 KiB limit on a transaction's arguments (docs/spec/encoding.md).
   */
  public static final int MAX_BATCH = 1000;

  /** Largest encoded batch: a transaction's arguments. */
  public static final int MAX_BATCH_BYTES = Limits.MAX_ARGS_BYTES;

  private DidCodec() {}

  /** A signed operation: the operation's bytes and the signature over them. */
  public record Signed(byte[] operation, byte[] signature) {}

  public static byte[] encode(Signed s) {
    return new Encoder(s.operation().length + 80)
        .bytes(s.operation())
        .bytes(s.signature())
        .toByteArray();
  }

  public static Signed decodeSigned(byte[] in) {
    Decoder d = new Decoder(in);
    Signed s =
        new Signed(
            d.bytes("operation", Limits.MAX_ARGS_BYTES),
            d.bytes("signature", Limits.MAX_SIGNATURE_BYTES));
    d.finish("signed did operation");
    return s;
  }

  /** A createBatch argument: u32 n, then n signed creates. */
  public static byte[] encodeBatch(List<Signed> batch) {
    Encoder e = new Encoder(batch.size() * 220 + 8).u32(batch.size());
    for (Signed s : batch) {
      e.bytes(encode(s));
    }
    return e.toByteArray();
  }

  public static List<Signed> decodeBatch(byte[] in) {
    if (in.length > MAX_BATCH_BYTES) {
      throw new DecodeException("batch of " + in.length + " bytes exceeds " + MAX_BATCH_BYTES);
    }
    Decoder d = new Decoder(in);
    int n = d.count("batch size", MAX_BATCH);
    List<Signed> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(decodeSigned(d.bytes("signed create", Limits.MAX_ARGS_BYTES)));
    }
    d.finish("did batch");
    return out;
  }

  public static byte[] encode(DidOperation op) {
    Encoder e = new Encoder(256);
    switch (op) {
      case Create c -> {
        e.u8(TAG_CREATE).string(c.chainId());
        key(e, c.updateKey());
        key(e, c.recoveryKey());
        methods(e, c.methods());
        services(e, c.services());
      }
      case Update u -> {
        e.u8(TAG_UPDATE)
            .string(u.chainId())
            .string(u.did())
            .u64(u.version())
            .u32(u.patches().size());
        for (Patch p : u.patches()) {
          patch(e, p);
        }
      }
      case Recover r -> {
        e.u8(TAG_RECOVER).string(r.chainId()).string(r.did()).u64(r.version());
        key(e, r.newUpdateKey());
        key(e, r.newRecoveryKey());
      }
      case Deactivate x ->
          e.u8(TAG_DEACTIVATE).string(x.chainId()).string(x.did()).u64(x.version());
    }
    return e.toByteArray();
  }

  public static DidOperation decodeOperation(byte[] in) {
    Decoder d = new Decoder(in);
    int tag = d.u8("did operation tag");
    DidOperation op =
        switch (tag) {
          case TAG_CREATE -> new Create(chain(d), key(d), key(d), methods(d), services(d));
          case TAG_UPDATE -> {
            String chain = chain(d);
            String did = d.string("did", MAX_DID_BYTES);
            long version = d.u64("version");
            int n = d.count("patches", MAX_PATCHES);
            List<Patch> patches = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              patches.add(patch(d));
            }
            yield new Update(chain, did, version, patches);
          }
          case TAG_RECOVER ->
              new Recover(
                  chain(d), d.string("did", MAX_DID_BYTES), d.u64("version"), key(d), key(d));
          case TAG_DEACTIVATE ->
              new Deactivate(chain(d), d.string("did", MAX_DID_BYTES), d.u64("version"));
          default ->
              throw new DecodeException("unknown did operation 0x" + Integer.toHexString(tag));
        };
    d.finish("did operation");
    return op;
  }

  public static byte[] encode(DidRecord r) {
    Encoder e = new Encoder(512).u8(TAG_RECORD).u64(r.version());
    key(e, r.updateKey());
    key(e, r.recoveryKey());
    methods(e, r.methods());
    services(e, r.services());
    return e.bool(r.deactivated())
        .u64(r.createdHeight())
        .u64(r.createdMillis())
        .u64(r.updatedHeight())
        .u64(r.updatedMillis())
        .toByteArray();
  }

  public static DidRecord decodeRecord(byte[] in) {
    Decoder d = new Decoder(in);
    if (d.u8("did record tag") != TAG_RECORD) {
      throw new DecodeException("not a did record");
    }
    DidRecord r =
        new DidRecord(
            d.u64("version"),
            key(d),
            key(d),
            methods(d),
            services(d),
            d.bool("deactivated"),
            d.u64("createdHeight"),
            d.u64("createdMillis"),
            d.u64("updatedHeight"),
            d.u64("updatedMillis"));
    d.finish("did record");
    return r;
  }

  private static String chain(Decoder d) {
    return d.string("chainId", Limits.MAX_CHAIN_ID_BYTES);
  }

  static void key(Encoder e, DidKey k) {
    e.u8(k.type().tag).bytes(k.publicKey());
  }

  static DidKey key(Decoder d) {
    int tag = d.u8("key type");
    try {
      DidKey.Type t = DidKey.Type.ofTag(tag);
      return new DidKey(t, d.bytesValue("public key", 64));
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }

  private static void methods(Encoder e, List<VerificationMethod> ms) {
    e.u32(ms.size());
    for (VerificationMethod m : ms) {
      e.string(m.id());
      key(e, m.key());
      e.u8(m.relationships());
    }
  }

  private static List<VerificationMethod> methods(Decoder d) {
    int n = d.count("methods", MAX_METHODS);
    List<VerificationMethod> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new VerificationMethod(
              d.string("method id", MAX_ID_BYTES), key(d), d.u8("relationships")));
    }
    return out;
  }

  private static void services(Encoder e, List<DidService> ss) {
    e.u32(ss.size());
    for (DidService s : ss) {
      e.string(s.id()).string(s.type()).string(s.endpoint());
    }
  }

  private static List<DidService> services(Decoder d) {
    int n = d.count("services", MAX_SERVICES);
    List<DidService> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new DidService(
              d.string("service id", MAX_ID_BYTES),
              d.string("service type", MAX_TYPE_BYTES),
              d.string("endpoint", MAX_ENDPOINT_BYTES)));
    }
    return out;
  }

  private static void patch(Encoder e, Patch p) {
    switch (p) {
      case Patch.AddMethod a -> methods(e.u8(1), List.of(a.method()));
      case Patch.RemoveMethod r -> e.u8(2).string(r.id());
      case Patch.AddService a -> services(e.u8(3), List.of(a.service()));
      case Patch.RemoveService r -> e.u8(4).string(r.id());
      case Patch.RotateUpdateKey k -> key(e.u8(5), k.key());
    }
  }

  private static Patch patch(Decoder d) {
    int kind = d.u8("patch kind");
    return switch (kind) {
      case 1 -> {
        List<VerificationMethod> m = methods(d);
        if (m.size() != 1) {
          throw new DecodeException("addMethod carries exactly one method");
        }
        yield new Patch.AddMethod(m.getFirst());
      }
      case 2 -> new Patch.RemoveMethod(d.string("method id", MAX_ID_BYTES));
      case 3 -> {
        List<DidService> s = services(d);
        if (s.size() != 1) {
          throw new DecodeException("addService carries exactly one service");
        }
        yield new Patch.AddService(s.getFirst());
      }
      case 4 -> new Patch.RemoveService(d.string("service id", MAX_ID_BYTES));
      case 5 -> new Patch.RotateUpdateKey(key(d));
      default -> throw new DecodeException("unknown patch kind " + kind);
    };
  }

  static Bytes bytes(byte[] b) {
    return Bytes.wrap(b);
  }
}
