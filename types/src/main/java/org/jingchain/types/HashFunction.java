package org.jingchain.types;

/** The chain's hash function (SHA-256 for {@code intl}, SM3 for {@code sm}); thread-safe. */
@FunctionalInterface
public interface HashFunction {
  Hash hash(byte[] data);

  /**
   * Hashes the concatenation of {@code parts} without copying them together first where possible.
   */
  default Hash hash(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, off, p.length);
      off += p.length;
    }
    return hash(all);
  }
}
