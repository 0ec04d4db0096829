package org.jingchain.crypto;

/** Parameter checks shared by the two GCM implementations. */
final class GcmLimits {
  static final int NONCE_LENGTH = 12;
  static final int TAG_LENGTH = 16;

  private GcmLimits() {}

  /** Fails fast on a wrong key or nonce length: those are programmer errors, not bad input. */
  static void check(String name, int keyLength, byte[] key, byte[] nonce) {
    if (key.length != keyLength) {
      throw new IllegalArgumentException(
          name + " needs a " + keyLength + "-byte key, got " + key.length);
    }
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          name + " needs a " + NONCE_LENGTH + "-byte nonce, got " + nonce.length);
    }
  }
}
