package org.jingchain.datadir;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;
import org.jingchain.types.Limits;

/**
 * Canonical encodings of the data directory's parts and state records (docs/spec/datadir.md
 * sections 3 and 7). Decoding checks structure only — lengths within the input, UTF-8, known tags
 * and codes, no trailing bytes — and throws only {@link DecodeException}; limits are the
 * contract's.
 */
public final class DatadirCodec {
  static final int TAG_ASSET = 0xD1;
  static final int TAG_VERSION = 0xD2;
  static final int TAG_REQUEST = 0xD3;
  static final int TAG_GRANT = 0xD4;
  static final int TAG_ACCESS = 0xD5;
  static final int TAG_AUDIT = 0xD6;
  static final int TAG_TRANSFER = 0xD7;

  /** Structural cap of any one string or bytes field: a transaction's arguments. */
  private static final int MAX_FIELD_BYTES = Limits.MAX_ARGS_BYTES;

  private DatadirCodec() {}

  // ---- parts

  static String string(Decoder d, String what) {
    return d.string(what, MAX_FIELD_BYTES);
  }

  static void strings(Encoder e, List<String> items) {
    e.u32(items.size());
    for (String s : items) {
      e.string(s);
    }
  }

  /** A list of strings; the count is capped by the input left (each item takes ≥ 4 bytes). */
  static List<String> strings(Decoder d, String what) {
    int n = d.count(what + " count", d.remaining() / 4);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(string(d, what));
    }
    return out;
  }

  public static void digest(Encoder e, Digest digest) {
    e.string(digest.algorithm()).bytes(digest.value());
  }

  public static Digest digest(Decoder d) {
    return new Digest(string(d, "digest algorithm"), d.bytesValue("digest", MAX_FIELD_BYTES));
  }

  public static void content(Encoder e, Content c) {
    digest(e, c.digest());
    e.u64(c.sizeBytes());
    strings(e, c.locations());
    e.string(c.note());
  }

  public static Content content(Decoder d) {
    return new Content(digest(d), d.u64("size"), strings(d, "location"), string(d, "version note"));
  }

  public static void metadata(Encoder e, Metadata m) {
    e.string(m.title()).string(m.description()).u8(m.sector().code());
    strings(e, m.tags());
    e.string(m.format()).string(m.licence());
  }

  public static Metadata metadata(Decoder d) {
    String title = string(d, "title");
    String description = string(d, "description");
    int code = d.u8("sector");
    Sector sector =
        Sector.ofCode(code).orElseThrow(() -> new DecodeException("unknown sector " + code));
    return new Metadata(
        title, description, sector, strings(d, "tag"), string(d, "format"), string(d, "licence"));
  }

  public static void policy(Encoder e, Policy p) {
    e.u8(p.kind().code());
    strings(e, p.members());
  }

  public static Policy policy(Decoder d) {
    int code = d.u8("policy");
    Policy.Kind kind =
        Policy.Kind.ofCode(code).orElseThrow(() -> new DecodeException("unknown policy " + code));
    return new Policy(kind, strings(d, "group member"));
  }

  /** A u32 that must fit a Java int (versions). */
  static int u31(Decoder d, String what) {
    long v = d.u32(what);
    if (v > Integer.MAX_VALUE) {
      throw new DecodeException(what + " exceeds 2^31-1");
    }
    return (int) v;
  }

  // ---- counters

  public static Bytes u64(long v) {
    return Bytes.wrap(new Encoder(8).u64(v).toByteArray());
  }

  public static long u64(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    long v = d.u64("counter");
    d.finish("counter");
    return v;
  }

  // ---- state records

  public static byte[] encode(DataAsset a) {
    Encoder e = new Encoder(512).u8(TAG_ASSET).string(a.owner());
    metadata(e, a.metadata());
    policy(e, a.policy());
    strings(e, a.delegates());
    strings(e, a.derivedFrom());
    return e.u32(a.versions())
        .u8(a.status().code())
        .string(a.retiredReason())
        .u64(a.createdHeight())
        .u64(a.createdMillis())
        .u64(a.updatedHeight())
        .u64(a.updatedMillis())
        .toByteArray();
  }

  public static DataAsset decodeAsset(String id, byte[] in) {
    Decoder d = new Decoder(in);
    tag(d, TAG_ASSET, "asset");
    DataAsset a =
        new DataAsset(
            id,
            string(d, "owner"),
            metadata(d),
            policy(d),
            strings(d, "delegate"),
            strings(d, "derivedFrom"),
            u31(d, "versions"),
            DataAsset.Status.ofCode(d.u8("status")),
            string(d, "retired reason"),
            d.u64("createdHeight"),
            d.u64("createdMillis"),
            d.u64("updatedHeight"),
            d.u64("updatedMillis"));
    d.finish("asset");
    return a;
  }

  public static byte[] encode(TransferOffer o) {
    return new Encoder(96)
        .u8(TAG_TRANSFER)
        .string(o.from())
        .string(o.to())
        .u64(o.height())
        .u64(o.timeMillis())
        .toByteArray();
  }

  public static TransferOffer decodeTransfer(String assetId, byte[] in) {
    Decoder d = new Decoder(in);
    tag(d, TAG_TRANSFER, "transfer offer");
    TransferOffer o =
        new TransferOffer(
            assetId, string(d, "from"), string(d, "to"), d.u64("height"), d.u64("timeMillis"));
    d.finish("transfer offer");
    return o;
  }

  public static byte[] encode(AssetVersion v) {
    Encoder e = new Encoder(256).u8(TAG_VERSION);
    content(e, v.content());
    return e.u64(v.height()).u64(v.timeMillis()).toByteArray();
  }

  public static AssetVersion decodeVersion(int number, byte[] in) {
    Decoder d = new Decoder(in);
    tag(d, TAG_VERSION, "version");
    AssetVersion v = new AssetVersion(number, content(d), d.u64("height"), d.u64("timeMillis"));
    d.finish("version");
    return v;
  }

  public static byte[] encode(AccessRequest r) {
    return new Encoder(256)
        .u8(TAG_REQUEST)
        .string(r.assetId())
        .string(r.requester())
        .string(r.purpose())
        .string(r.scope())
        .u64(r.durationMillis())
        .u64(r.height())
        .u64(r.timeMillis())
        .u8(r.status().code())
        .u64(r.grantId())
        .string(r.reason())
        .string(r.answeredBy())
        .u64(r.answeredHeight())
        .toByteArray();
  }

  public static AccessRequest decodeRequest(long id, byte[] in) {
    Decoder d = new Decoder(in);
    tag(d, TAG_REQUEST, "request");
    AccessRequest r =
        new AccessRequest(
            id,
            string(d, "asset"),
            string(d, "requester"),
            string(d, "purpose"),
            string(d, "scope"),
            d.u64("durationMillis"),
            d.u64("height"),
            d.u64("timeMillis"),
            AccessRequest.Status.ofCode(d.u8("status")),
            d.u64("grantId"),
            string(d, "reason"),
            string(d, "answeredBy"),
            d.u64("answeredHeight"));
    d.finish("request");
    return r;
  }

  public static byte[] encode(Grant g) {
    return new Encoder(256)
        .u8(TAG_GRANT)
        .u8(g.kind().code())
        .string(g.assetId())
        .string(g.grantor())
        .string(g.grantee())
        .string(g.purpose())
        .string(g.scope())
        .u64(g.requestId())
        .u64(g.height())
        .u64(g.timeMillis())
        .u64(g.expiresAtMillis())
        .bool(g.revoked())
        .string(g.revokedBy())
        .u64(g.revokedHeight())
        .u64(g.revokedMillis())
        .toByteArray();
  }

  public static Grant decodeGrant(long id, byte[] in) {
    Decoder d = new Decoder(in);
    tag(d, TAG_GRANT, "grant");
    int kind = d.u8("grant kind");
    Grant g =
        new Grant(
            id,
            switch (kind) {
              case 1 -> Grant.Kind.ACCESS;
              case 2 -> Grant.Kind.CONSENT;
              default -> throw new DecodeException("unknown grant kind " + kind);
            },
            string(d, "asset"),
            string(d, "grantor"),
            string(d, "grantee"),
            string(d, "purpose"),
            string(d, "scope"),
            d.u64("requestId"),
            d.u64("height"),
            d.u64("timeMillis"),
            d.u64("expiresAtMillis"),
            d.bool("revoked"),
            string(d, "revokedBy"),
            d.u64("revokedHeight"),
            d.u64("revokedMillis"));
    d.finish("grant");
    return g;
  }

  public static byte[] encode(AccessRecord a) {
    return new Encoder(160)
        .u8(TAG_ACCESS)
        .string(a.requester())
        .u64(a.grantId())
        .u32(a.version())
        .string(a.recordedBy())
        .u64(a.height())
        .u64(a.timeMillis())
        .toByteArray();
  }

  public static AccessRecord decodeAccess(String assetId, String accessId, byte[] in) {
    Decoder d = new Decoder(in);
    tag(d, TAG_ACCESS, "access");
    AccessRecord a =
        new AccessRecord(
            assetId,
            accessId,
            string(d, "requester"),
            d.u64("grantId"),
            u31(d, "version"),
            string(d, "recordedBy"),
            d.u64("height"),
            d.u64("timeMillis"));
    d.finish("access");
    return a;
  }

  public static byte[] encode(AuditEntry a) {
    return new Encoder(256)
        .u8(TAG_AUDIT)
        .u8(a.type().code())
        .string(a.assetId())
        .string(a.actor())
        .string(a.subject())
        .u64(a.requestId())
        .u64(a.grantId())
        .u32(a.version())
        .string(a.detail())
        .u64(a.height())
        .u64(a.timeMillis())
        .hash(a.txHash())
        .toByteArray();
  }

  public static AuditEntry decodeAudit(long seq, byte[] in) {
    Decoder d = new Decoder(in);
    tag(d, TAG_AUDIT, "audit entry");
    int type = d.u8("audit type");
    AuditEntry a =
        new AuditEntry(
            seq,
            AuditEntry.Type.ofCode(type)
                .orElseThrow(() -> new DecodeException("unknown audit type " + type)),
            string(d, "asset"),
            string(d, "actor"),
            string(d, "subject"),
            d.u64("requestId"),
            d.u64("grantId"),
            u31(d, "version"),
            string(d, "detail"),
            d.u64("height"),
            d.u64("timeMillis"),
            d.hash("txHash"));
    d.finish("audit entry");
    return a;
  }

  private static void tag(Decoder d, int expected, String what) {
    int tag = d.u8(what + " tag");
    if (tag != expected) {
      throw new DecodeException("not a " + what + " record: tag " + tag);
    }
  }
}
