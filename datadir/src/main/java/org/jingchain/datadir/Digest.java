package org.jingchain.datadir;

import java.util.Objects;
import org.jingchain.types.Bytes;

/**
 * A content digest: the algorithm's name (e.g. {@code sha-256}, {@code sm3}, {@code
 * merkle-sha-256}) and its value, a hash or a Merkle root.
 */
public record Digest(String algorithm, Bytes value) {
  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(value, "value");
  }

  /** {@code <algorithm>:<hex>}, as events carry it. */
  @Override
  public String toString() {
    return algorithm + ":" + value.toHex();
  }
}
