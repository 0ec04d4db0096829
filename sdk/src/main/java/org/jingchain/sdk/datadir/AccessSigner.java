package org.jingchain.sdk.datadir;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidKey;
import org.jingchain.types.SuiteId;
import org.jingchain.vc.Algorithms;

/**
 * The key a requester signs access tokens with: one of its DID's authentication keys, with the JOSE
 * algorithm of its type ({@link Algorithms}) and the DID URL that names it ({@code kid}, e.g.
 * {@code did:jing:abc…#key-1}). The same keys as a {@link org.jingchain.vc.CredentialSigner}, whose
 * signing function vc keeps to itself.
 */
public final class AccessSigner {
  private final String alg;
  private final String kid;
  private final String did;
  private final UnaryOperator<byte[]> sign;

  private AccessSigner(String alg, String kid, UnaryOperator<byte[]> sign) {
    this.alg = alg;
    this.kid = Objects.requireNonNull(kid, "kid");
    int hash = kid.indexOf('#');
    if (hash < 0 || hash == kid.length() - 1 || Did.id(kid.substring(0, hash)).isEmpty()) {
      throw new IllegalArgumentException("kid must be a did:jing DID URL <did>#<key id>: " + kid);
    }
    this.did = kid.substring(0, hash);
    this.sign = sign;
  }

  /** An Ed25519 ({@code EdDSA}) or SM2 ({@code SM2SM3}) key pair of our crypto suites. */
  public static AccessSigner of(KeyPair key, String kid) {
    String alg =
        Algorithms.of(key.suite().id() == SuiteId.INTL ? DidKey.Type.ED25519 : DidKey.Type.SM2);
    return new AccessSigner(alg, kid, key::sign);
  }

  /** A P-256 private key of the JCA ({@code ES256}; the signature r || s, as JOSE requires). */
  public static AccessSigner p256(PrivateKey key, String kid) {
    Objects.requireNonNull(key, "key");
    return new AccessSigner(
        Algorithms.ES256,
        kid,
        m -> {
          try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initSign(key);
            s.update(m);
            return s.sign();
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 signing failed", e);
          }
        });
  }

  public String alg() {
    return alg;
  }

  public String kid() {
    return kid;
  }

  /** The DID part of {@link #kid()}: the requester. */
  public String did() {
    return did;
  }

  byte[] sign(byte[] signingInput) {
    return sign.apply(signingInput);
  }

  @Override
  public String toString() {
    return "AccessSigner[" + alg + " " + kid + "]";
  }
}
