package org.jingchain.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.codec.Encoder;
import org.jingchain.crypto.Aead;
import org.jingchain.crypto.AeadException;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;

/**
 * Keys of private groups ([PRIV-32]): a member node's share-encryption secret e (derived from its
 * node key and the chain, so it keeps no key file of its own), the group key wrapped for each
 * member's {@code E = e·G} by a one-time Diffie–Hellman, and payloads sealed under the group key
 * with the suite's AEAD.
 */
public final class PgroupKeys {
  private PgroupKeys() {}

  /** A node's share-encryption secret for private groups. */
  public static BigInteger encSecret(EcGroup g, String chainId, KeyPair nodeKey) {
    byte[] priv = nodeKey.privateKeyBytes();
    try {
      BigInteger e =
          g.hashToScalar("jing-pgroup-enc", new Encoder().string(chainId).toByteArray(), priv);
      return e.signum() == 0 ? BigInteger.ONE : e;
    } finally {
      Arrays.fill(priv, (byte) 0);
    }
  }

  private static byte[] mask(EcGroup g, String group, ECPoint shared, byte[] key) {
    byte[] p =
        g.encodeScalar(
            g.hashToScalar(
                "jing-pgroup-wrap",
                group.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                g.encode(shared)));
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (key[i] ^ p[i]);
    }
    return out;
  }

  /** {@code R ‖ (groupKey ⊕ pad(k·E))}: the 32-byte group key wrapped for a member's E. */
  public static byte[] wrap(EcGroup g, String group, ECPoint e, byte[] groupKey, SecureRandom r) {
    BigInteger k = g.randomScalar(r);
    byte[] out = new byte[EcGroup.POINT_BYTES + 32];
    System.arraycopy(g.encode(g.base(k)), 0, out, 0, EcGroup.POINT_BYTES);
    System.arraycopy(mask(g, group, g.mul(e, k), groupKey), 0, out, EcGroup.POINT_BYTES, 32);
    return out;
  }

  /** The group key from its wrapping, with the member's secret e. */
  public static byte[] unwrap(EcGroup g, String group, byte[] wrapped, BigInteger e) {
    ECPoint r = g.decode(Arrays.copyOf(wrapped, EcGroup.POINT_BYTES), "wrapped key");
    return mask(
        g, group, g.mul(r, e), Arrays.copyOfRange(wrapped, EcGroup.POINT_BYTES, wrapped.length));
  }

  private static byte[] aeadKey(CryptoSuite suite, byte[] groupKey) {
    byte[] k =
        suite
            .hash(new Encoder().string("jing-pgroup-aead").raw(groupKey).toByteArray())
            .toByteArray();
    return Arrays.copyOf(k, suite.aead().keyLength());
  }

  /** {@code nonce ‖ AEAD(payload)}, with the group id as associated data. */
  public static byte[] seal(
      CryptoSuite suite, String group, byte[] groupKey, byte[] payload, SecureRandom r) {
    Aead aead = suite.aead();
    byte[] nonce = new byte[aead.nonceLength()];
    r.nextBytes(nonce);
    byte[] ct =
        aead.encrypt(
            aeadKey(suite, groupKey),
            nonce,
            payload,
            group.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] out = new byte[nonce.length + ct.length];
    System.arraycopy(nonce, 0, out, 0, nonce.length);
    System.arraycopy(ct, 0, out, nonce.length, ct.length);
    return out;
  }

  public static byte[] open(CryptoSuite suite, String group, byte[] groupKey, byte[] sealed)
      throws AeadException {
    Aead aead = suite.aead();
    int n = aead.nonceLength();
    if (sealed.length < n) {
      throw new AeadException("too short");
    }
    return aead.decrypt(
        aeadKey(suite, groupKey),
        Arrays.copyOf(sealed, n),
        Arrays.copyOfRange(sealed, n, sealed.length),
        group.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
