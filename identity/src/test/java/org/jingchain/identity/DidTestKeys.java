package org.jingchain.identity;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;

/** Keys of the three DID key types that can sign operations, for tests. */
final class DidTestKeys {
  /** A key that signs. */
  interface SigningKey {
    DidKey key();

    byte[] sign(byte[] message);
  }

  static SigningKey ed25519() {
    KeyPair k = CryptoSuites.intl().generateKeyPair(new SecureRandom());
    return of(new DidKey(DidKey.Type.ED25519, k.publicKey().bytes()), k::sign);
  }

  static SigningKey sm2() {
    KeyPair k = CryptoSuites.sm().generateKeyPair(new SecureRandom());
    return of(new DidKey(DidKey.Type.SM2, k.publicKey().bytes()), k::sign);
  }

  static SigningKey p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      java.security.KeyPair kp = g.generateKeyPair();
      ECPublicKey pub = (ECPublicKey) kp.getPublic();
      byte[] x = unsigned32(pub.getW().getAffineX().toByteArray());
      byte[] compressed = new byte[33];
      compressed[0] = (byte) (pub.getW().getAffineY().testBit(0) ? 0x03 : 0x02);
      System.arraycopy(x, 0, compressed, 1, 32);
      return of(
          new DidKey(DidKey.Type.P256, Bytes.wrap(compressed)),
          m -> {
            try {
              Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
              s.initSign(kp.getPrivate());
              s.update(m);
              return s.sign();
            } catch (java.security.GeneralSecurityException e) {
              throw new IllegalStateException(e);
            }
          });
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned32(byte[] b) {
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  private static SigningKey of(DidKey key, java.util.function.Function<byte[], byte[]> signer) {
    return new SigningKey() {
      @Override
      public DidKey key() {
        return key;
      }

      @Override
      public byte[] sign(byte[] message) {
        return signer.apply(message);
      }
    };
  }

  static Bytes signed(DidOperation op, SigningKey by) {
    byte[] bytes = DidCodec.encode(op);
    return Bytes.wrap(DidCodec.encode(new DidCodec.Signed(bytes, by.sign(bytes))));
  }

  private DidTestKeys() {}
}
