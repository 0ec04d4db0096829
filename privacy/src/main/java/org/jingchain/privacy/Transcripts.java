package org.jingchain.privacy;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;

/**
 * The contexts every proof of the aggregate service is bound to ([PRIV-4]): the chain, the
 * committee or aggregate, and the sender or member, so a proof copied to another chain, object or
 * account fails.
 */
public final class Transcripts {
  private Transcripts() {}

  public static byte[] join(String chainId, String committee, Address member) {
    return new Encoder()
        .string("jing-agg-join")
        .string(chainId)
        .string(committee)
        .address(member)
        .toByteArray();
  }

  public static byte[] deal(String chainId, String committee, int dealer) {
    return new Encoder()
        .string("jing-agg-deal")
        .string(chainId)
        .string(committee)
        .u32(dealer)
        .toByteArray();
  }

  public static byte[] complaint(String chainId, String committee, Address member, int dealer) {
    return new Encoder()
        .string("jing-agg-complaint")
        .string(chainId)
        .string(committee)
        .address(member)
        .u32(dealer)
        .toByteArray();
  }

  public static byte[] contribution(String chainId, String aggregate, Address sender) {
    return new Encoder()
        .string("jing-agg-contribution")
        .string(chainId)
        .string(aggregate)
        .address(sender)
        .toByteArray();
  }

  public static byte[] share(String chainId, String aggregate, int member) {
    return new Encoder()
        .string("jing-agg-share")
        .string(chainId)
        .string(aggregate)
        .u32(member)
        .toByteArray();
  }

  /**
   * The pad that masks dealer i's share for member j ([PRIV-6]): a scalar hashed from the shared
   * point {@code K = ρ_i·E_j = e_j·R_i} and both numbers.
   */
  public static BigInteger pad(
      EcGroup g, String chainId, String committee, int dealer, int member, ECPoint k) {
    return g.hashToScalar(
        "jing-agg-pad",
        new Encoder().string(chainId).string(committee).u32(dealer).u32(member).toByteArray(),
        g.encode(k));
  }
}
