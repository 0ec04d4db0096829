package org.jingchain.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jingchain.consensus.SignatureVerifier;
import org.jingchain.consensus.Signer;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * A fast stand-in for validator signatures inside the simulator: a signature is SHA-256 of a
 * per-key secret and the message. Simulated Byzantine validators sign only with their own key, so
 * this tests the protocol, not the cryptography (which has its own vectors). Transactions inside
 * blocks use the real suite.
 */
final class SimCrypto implements SignatureVerifier {
  static PublicKey validatorKey(long seed, int index) {
    byte[] k = sha256(("validator/" + seed + "/" + index).getBytes(StandardCharsets.UTF_8));
    return new PublicKey(SuiteId.INTL, Bytes.wrap(k));
  }

  static Signer signer(PublicKey key) {
    return new Signer() {
      @Override
      public PublicKey publicKey() {
        return key;
      }

      @Override
      public byte[] sign(byte[] message) {
        return signature(key, message);
      }
    };
  }

  static byte[] signature(PublicKey key, byte[] message) {
    byte[] secret =
        sha256(concat("secret".getBytes(StandardCharsets.UTF_8), key.bytes().unsafeArray()));
    return sha256(concat(secret, message));
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, byte[] signature) {
    return MessageDigest.isEqual(signature(key, message), signature);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
