package org.jingchain.testkit;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.DidKey;
import org.jingchain.types.Bytes;

/**
 * A key a DID lists — Ed25519 or SM2 of the crypto suites, or P-256 — which signs DID and
 * status-list operations the way the identity contracts verify them.
 */
public sealed interface TestKey {
  DidKey didKey();

  byte[] sign(byte[] message);

  /** An Ed25519 or SM2 key pair of the crypto suites. */
  record OfSuite(KeyPair pair) implements TestKey {
    @Override
    public DidKey didKey() {
      return TestKeys.didKey(pair);
    }

    @Override
    public byte[] sign(byte[] message) {
      return pair.sign(message);
    }
  }

  /**
   * A P-256 key as the JCA holds it (signers of credentials and tokens take its private key); it
   * signs operations with deterministic ECDSA (RFC 6979), so they too repeat from run to run.
   */
  record P256(java.security.KeyPair pair) implements TestKey {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
        new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    /** The key whose private scalar is {@code seed} reduced into [1, n-1]. */
    static P256 of(BigInteger seed) {
      BigInteger d = seed.mod(CURVE.getN().subtract(BigInteger.ONE)).add(BigInteger.ONE);
      var q = CURVE.getG().multiply(d).normalize();
      try {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        KeyFactory f = KeyFactory.getInstance("EC");
        ECPoint w =
            new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return new P256(
            new java.security.KeyPair(
                f.generatePublic(new ECPublicKeySpec(w, spec)),
                f.generatePrivate(new ECPrivateKeySpec(d, spec))));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK lacks P-256", e);
      }
    }

    @Override
    public DidKey didKey() {
      var q = DOMAIN.getG().multiply(scalar()).normalize();
      return new DidKey(DidKey.Type.P256, Bytes.wrap(q.getEncoded(true)));
    }

    /** The signature r || s over the SHA-256 of {@code message}, as did:jing expects. */
    @Override
    public byte[] sign(byte[] message) {
      SHA256Digest sha = new SHA256Digest();
      sha.update(message, 0, message.length);
      byte[] digest = new byte[32];
      sha.doFinal(digest, 0);
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      signer.init(true, new ECPrivateKeyParameters(scalar(), DOMAIN));
      BigInteger[] rs = signer.generateSignature(digest);
      byte[] out = new byte[64];
      copy32(rs[0], out, 0);
      copy32(rs[1], out, 32);
      return out;
    }

    private BigInteger scalar() {
      return ((ECPrivateKey) pair.getPrivate()).getS();
    }

    private static void copy32(BigInteger v, byte[] out, int offset) {
      byte[] b = v.toByteArray();
      int n = Math.min(32, b.length);
      System.arraycopy(b, b.length - n, out, offset + 32 - n, n);
    }
  }
}
