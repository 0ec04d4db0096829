package org.jingchain.crypto;

import java.util.Arrays;
import javax.security.auth.Destroyable;
import org.jingchain.types.Bytes;
import org.jingchain.types.SuiteId;

/**
 * A one-exchange key pair for {@link KeyAgreement}: an X25519 key ({@code intl}) or an SM2 key
 * ({@code sm}). {@link #toString()} never shows the private part; {@link #destroy()} zeroes it.
 */
public final class EphemeralKey implements Destroyable {
  private final SuiteId suite;
  private final byte[] privateKey;
  private final Bytes publicKey;
  private volatile boolean destroyed;

  EphemeralKey(SuiteId suite, byte[] privateKey, Bytes publicKey) {
    this.suite = suite;
    this.privateKey = privateKey.clone();
    this.publicKey = publicKey;
  }

  public SuiteId suite() {
    return suite;
  }

  /** The encoded public key to send to the peer (32 or 33 bytes, by suite). */
  public Bytes publicKey() {
    return publicKey;
  }

  /** A copy of the private key; package-private because only the suites need it. */
  byte[] privateKeyBytes() {
    if (destroyed) {
      throw new IllegalStateException("ephemeral key was destroyed");
    }
    return privateKey.clone();
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
    return "EphemeralKey[" + suite + ":" + publicKey.toHex() + "]";
  }
}
