package org.jingchain.evm;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Keccak-256 as Ethereum uses it (the original Keccak padding, not SHA3-256). */
public final class Keccak {
  public static final byte[] EMPTY_HASH = hash(new byte[0]);

  private Keccak() {}

  public static byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  public static byte[] hash(byte[] data, int off, int len) {
    KeccakDigest d = new KeccakDigest(256);
    d.update(data, off, len);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
