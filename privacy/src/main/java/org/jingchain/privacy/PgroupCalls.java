package org.jingchain.privacy;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;

/**
 * The {@code pgroup} contract's methods, their argument encodings, and the messages member nodes
 * sign (docs/spec/privacy.md section 6).
 */
public final class PgroupCalls {
  public static final String CONTRACT = "pgroup";
  public static final String CREATE = "create";
  public static final String SUBMIT = "submit";
  public static final String PURGE = "purge";

  /** The governance approval's purpose for a group definition. */
  public static final String PURPOSE = "pgroup";

  /** The largest private payload a member node takes: 1 MiB of plaintext. */
  public static final int MAX_PAYLOAD = 1 << 20;

  /** A member node's signature that it holds a ciphertext. */
  public record Attestation(int member, Bytes signature) {}

  public record Submit(String group, Hash hash, long size, List<Attestation> attestations) {
    public Submit {
      attestations = List.copyOf(attestations);
    }
  }

  public record Purge(String group, long seq) {}

  private PgroupCalls() {}

  private static Call call(String method, Encoder e) {
    return new Call(CONTRACT, method, Bytes.wrap(e.toByteArray()));
  }

  public static Call create(PgroupDef def) {
    return call(CREATE, new Encoder().raw(def.encode()));
  }

  public static PgroupDef decodeCreate(Bytes b) {
    return PgroupDef.decode(b.unsafeArray());
  }

  public static Call submit(Submit s) {
    Encoder e =
        new Encoder().string(s.group()).hash(s.hash()).u64(s.size()).u32(s.attestations().size());
    for (Attestation a : s.attestations()) {
      e.u8(a.member()).bytes(a.signature());
    }
    return call(SUBMIT, e);
  }

  public static Submit decodeSubmit(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    String g = d.string("group", 64);
    Hash h = d.hash("hash");
    long size = d.u64("size");
    int n = d.count("attestations", PgroupDef.MAX_MEMBERS);
    List<Attestation> as = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      as.add(new Attestation(d.u8("member"), d.bytesValue("signature", 64)));
    }
    d.finish("submit");
    return new Submit(g, h, size, as);
  }

  public static Call purge(String group, long seq) {
    return call(PURGE, new Encoder().string(group).u64(seq));
  }

  public static Purge decodePurge(Bytes b) {
    Decoder d = new Decoder(b.unsafeArray());
    Purge p = new Purge(d.string("group", 64), d.u64("seq"));
    d.finish("purge");
    return p;
  }

  /**
   * What a member node signs to attest it holds the ciphertext of {@code hash}, {@code size} bytes
   * long ([PRIV-31]).
   */
  public static byte[] holdMessage(String chainId, String group, Hash hash, long size) {
    return new Encoder()
        .string("jing-pgroup-hold")
        .string(chainId)
        .string(group)
        .hash(hash)
        .u64(size)
        .toByteArray();
  }

  /** Gas a call declares ([PRIV-18]): 3,000 per signature it checks, as the EVM's ECRECOVER. */
  public static long gas(Call call) {
    try {
      return switch (call.method()) {
        case SUBMIT -> 3_000L * decodeSubmit(call.args()).attestations().size();
        case CREATE -> 3_000L * decodeCreate(call.args()).members().size();
        default -> 0;
      };
    } catch (org.jingchain.codec.DecodeException e) {
      return 0;
    }
  }

  /** What a member node signs to push a ciphertext to, or fetch one from, another member. */
  public static byte[] nodeRequest(String what, String chainId, String group, Hash hash) {
    return new Encoder()
        .string("jing-pgroup-" + what)
        .string(chainId)
        .string(group)
        .hash(hash)
        .toByteArray();
  }

  /** What an account signs to send a payload through its member node, or read one. */
  public static byte[] accountRequest(String what, String chainId, String group, Hash subject) {
    return new Encoder()
        .string("jing-pgroup-" + what)
        .string(chainId)
        .string(group)
        .hash(subject)
        .toByteArray();
  }
}
