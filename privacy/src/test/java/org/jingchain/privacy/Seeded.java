package org.jingchain.privacy;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** A SecureRandom that replays from a fixed seed, so a failing case reruns exactly. */
final class Seeded {
  private Seeded() {}

  static SecureRandom random(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
