package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.DecodeException;

/**
 * A lifted ElGamal ciphertext {@code (C1, C2) = (r·G, m·G + r·Y)} ([PRIV-10]): adding two adds
 * their plaintexts, so the chain sums contributions without opening any. Encoded C1 ‖ C2, each 33
 * bytes (the identity as zeros: the empty sum is (O, O)).
 */
public record Ciphertext(ECPoint c1, ECPoint c2) {
  public static final int BYTES = 2 * EcGroup.POINT_BYTES;

  /** The encryption of 0 with r = 0: the sum of nothing. */
  public static Ciphertext zero(EcGroup g) {
    return new Ciphertext(g.identity(), g.identity());
  }

  public Ciphertext add(EcGroup g, Ciphertext o) {
    return new Ciphertext(g.add(c1, o.c1), g.add(c2, o.c2));
  }

  /**
   * The ciphertext a contribution's bits sum to: {@code Σ 2^i · bit_i}, so it encrypts the value
   * whose binary digits the bits are.
   */
  public static Ciphertext ofBits(EcGroup g, List<BitCipher> bits) {
    ECPoint a = g.identity();
    ECPoint b = g.identity();
    for (int i = bits.size() - 1; i >= 0; i--) {
      a = g.add(a.twice(), bits.get(i).c1());
      b = g.add(b.twice(), bits.get(i).c2());
    }
    return new Ciphertext(a, b);
  }

  /**
   * Encrypts {@code value} as {@code bits} bit ciphertexts, each with its proof bound to {@code
   * context} and its index ([PRIV-11]).
   */
  public static List<BitCipher> encryptBits(
      EcGroup g, ECPoint y, long value, int bits, byte[] context, SecureRandom random) {
    if (bits < 1 || bits > 63 || value < 0 || (bits < 63 && value >= 1L << bits)) {
      throw new IllegalArgumentException(value + " does not fit in " + bits + " bits");
    }
    List<BitCipher> out = new ArrayList<>(bits);
    for (int i = 0; i < bits; i++) {
      out.add(BitCipher.encrypt(g, y, (int) ((value >>> i) & 1), bitContext(context, i), random));
    }
    return out;
  }

  /** The proof context of bit {@code i}: the contribution's context and the bit's index. */
  public static byte[] bitContext(byte[] context, int i) {
    return new org.jingchain.codec.Encoder().bytes(context).u32(i).toByteArray();
  }

  /** {@code M = C2 − x·C1}: with the full secret x, {@code m·G}. */
  public ECPoint decryptToPoint(EcGroup g, BigInteger x) {
    return g.sub(c2, g.mul(c1, x));
  }

  public byte[] encode(EcGroup g) {
    byte[] out = new byte[BYTES];
    System.arraycopy(g.encode(c1), 0, out, 0, 33);
    System.arraycopy(g.encode(c2), 0, out, 33, 33);
    return out;
  }

  public static Ciphertext decode(EcGroup g, byte[] b, String what) throws DecodeException {
    if (b.length != BYTES) {
      throw new DecodeException(what + " is " + b.length + " bytes, not " + BYTES);
    }
    return new Ciphertext(
        g.decodeOrIdentity(java.util.Arrays.copyOfRange(b, 0, 33), what + " C1"),
        g.decodeOrIdentity(java.util.Arrays.copyOfRange(b, 33, 66), what + " C2"));
  }
}
