package org.jingchain.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.agreement.SM2KeyExchange;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.SM2KeyExchangePrivateParameters;
import org.bouncycastle.crypto.params.SM2KeyExchangePublicParameters;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * SM2 key exchange (GB/T 32918.3) for the {@code sm} suite via BouncyCastle's {@link
 * SM2KeyExchange}: both parties use their static SM2 signing keys, a fresh ephemeral SM2 key and
 * the default user id {@code 1234567812345678}; the secret is the standard's KDF output K_A = K_B
 * of 256 bits. The optional confirmation hashes S_1/S_2 are not exchanged.
 */
final class Sm2KeyAgreement implements KeyAgreement {
  private static final int SECRET_BITS = SECRET_LENGTH * 8;

  private final SmSuite suite;

  Sm2KeyAgreement(SmSuite suite) {
    this.suite = suite;
  }

  @Override
  public int ephemeralPublicKeyLength() {
    return Sm2.PUBLIC_KEY_LENGTH;
  }

  @Override
  public EphemeralKey generateEphemeral(SecureRandom random) {
    BigInteger d = Sm2.randomScalar(random);
    byte[] sk = Sm2.encodePrivateKey(d);
    byte[] pk = Sm2.publicPoint(Sm2.DOMAIN, d).getEncoded(true);
    EphemeralKey key = new EphemeralKey(SuiteId.SM, sk, Bytes.wrap(pk));
    Arrays.fill(sk, (byte) 0);
    return key;
  }

  @Override
  public byte[] agree(
      Role role,
      KeyPair staticKey,
      EphemeralKey ephemeralKey,
      PublicKey peerStatic,
      Bytes peerEphemeral)
      throws KeyAgreementException {
    if (staticKey.suite().id() != SuiteId.SM || ephemeralKey.suite() != SuiteId.SM) {
      throw new IllegalArgumentException("SM2 key exchange needs sm keys");
    }
    ECPublicKeyParameters peerS =
        peerStatic.suite() == SuiteId.SM ? suite.decode(peerStatic.bytes()) : null;
    if (peerS == null) {
      throw new KeyAgreementException("peer static key is not a valid sm public key");
    }
    ECPublicKeyParameters peerE = Sm2.decodePublicKey(Sm2.DOMAIN, peerEphemeral.unsafeArray());
    if (peerE == null) {
      throw new KeyAgreementException("peer ephemeral key is not a valid SM2 point");
    }
    ECPrivateKeyParameters s = privateKey(staticKey.privateKeyBytes());
    ECPrivateKeyParameters e = privateKey(ephemeralKey.privateKeyBytes());
    SM2KeyExchange exchange = new SM2KeyExchange();
    exchange.init(
        new ParametersWithID(
            new SM2KeyExchangePrivateParameters(role == Role.INITIATOR, s, e),
            Sm2.DEFAULT_USER_ID));
    try {
      return exchange.calculateKey(
          SECRET_BITS,
          new ParametersWithID(
              new SM2KeyExchangePublicParameters(peerS, peerE), Sm2.DEFAULT_USER_ID));
    } catch (IllegalStateException | IllegalArgumentException ex) {
      // The shared point U was the point at infinity: a degenerate peer key combination.
      throw new KeyAgreementException("SM2 key exchange failed: " + ex.getMessage());
    }
  }

  @Override
  public String toString() {
    return "sm2-key-exchange";
  }

  private static ECPrivateKeyParameters privateKey(byte[] sk) {
    try {
      return new ECPrivateKeyParameters(Sm2.privateScalar(sk), Sm2.DOMAIN);
    } finally {
      Arrays.fill(sk, (byte) 0);
    }
  }
}
