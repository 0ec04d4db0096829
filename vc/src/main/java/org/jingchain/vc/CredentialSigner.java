package org.jingchain.vc;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.DidKey;
import org.jingchain.types.SuiteId;

/**
 * A key that signs credentials or presentations, with its JOSE algorithm and the DID URL that names
 * it ({@code kid}, e.g. {@code did:jing:abc#key-1}).
 */
public final class CredentialSigner {
  private final String alg;
  private final String kid;
  private final UnaryOperator<byte[]> sign;

  private CredentialSigner(String alg, String kid, UnaryOperator<byte[]> sign) {
    this.alg = alg;
    this.kid = Objects.requireNonNull(kid, "kid");
    this.sign = sign;
  }

  /** An Ed25519 ({@code EdDSA}) or SM2 ({@code SM2SM3}) key pair of our crypto suites. */
  public static CredentialSigner of(KeyPair key, String kid) {
    String alg =
        key.suite().id() == SuiteId.INTL
            ? Algorithms.of(DidKey.Type.ED25519)
            : Algorithms.of(DidKey.Type.SM2);
    return new CredentialSigner(alg, kid, key::sign);
  }

  /** A P-256 private key of the JCA ({@code ES256}, signature r || s as JOSE requires). */
  public static CredentialSigner p256(PrivateKey key, String kid) {
    return new CredentialSigner(
        Algorithms.of(DidKey.Type.P256),
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

  /** The same key under another name (tests use it to play a forger). */
  CredentialSigner withKid(String otherKid) {
    return new CredentialSigner(alg, otherKid, sign);
  }

  public String alg() {
    return alg;
  }

  public String kid() {
    return kid;
  }

  /** The DID part of {@link #kid()}. */
  public String did() {
    int hash = kid.indexOf('#');
    return hash < 0 ? kid : kid.substring(0, hash);
  }

  byte[] sign(byte[] signingInput) {
    return sign.apply(signingInput);
  }

  @Override
  public String toString() {
    return "CredentialSigner[" + alg + " " + kid + "]";
  }
}
