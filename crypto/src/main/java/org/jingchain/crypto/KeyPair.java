package org.jingchain.crypto;

import java.util.Arrays;
import javax.security.auth.Destroyable;
import org.jingchain.types.Address;
import org.jingchain.types.PublicKey;

/**
 * A private key with its public key. {@link #toString()} never shows the private key; {@link
 * #destroy()} zeroes it. Suites may cache decoded forms inside the key pair.
 */
public final class KeyPair implements Destroyable {
  private final CryptoSuite suite;
  private final byte[] privateKey;
  private final PublicKey publicKey;
  private volatile boolean destroyed;

  public KeyPair(CryptoSuite suite, byte[] privateKey, PublicKey publicKey) {
    if (publicKey.suite() != suite.id()) {
      throw new IllegalArgumentException(
          "public key suite " + publicKey.suite() + " != " + suite.id());
    }
    this.suite = suite;
    this.privateKey = privateKey.clone();
    this.publicKey = publicKey;
  }

  public CryptoSuite suite() {
    return suite;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public Address address() {
    return suite.address(publicKey);
  }

  /** A copy of the 32-byte private key (for key stores only). */
  public byte[] privateKeyBytes() {
    if (destroyed) {
      throw new IllegalStateException("key pair was destroyed");
    }
    return privateKey.clone();
  }

  public byte[] sign(byte[] message) {
    return suite.sign(this, message);
  }

  @Override
  public void destroy() {
    Arrays.fill(privateKey, (byte) 0);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "KeyPair[" + publicKey + "]";
  }
}
