package org.jingchain.crypto;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Deterministic randomness for reproducible tests. */
final class TestRandom {
  private TestRandom() {}

  /** A SecureRandom whose output depends only on {@code seed} (SHA1PRNG seeded before use). */
  static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(ByteBuffer.allocate(8).putLong(seed).array());
      return random;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
