package org.jingchain.store;

import java.util.List;
import org.jingchain.types.Hash;

/**
 * What encoding an object commits to ([STORE-5]): its coding, size, the root of its content's leaf
 * tree, and the root of each shard's leaf tree, in shard order.
 */
public record EncodedObject(Coding coding, long size, Hash contentRoot, List<Hash> shardRoots) {
  public EncodedObject {
    shardRoots = List.copyOf(shardRoots);
    if (shardRoots.size() != coding.totalShards()) {
      throw new IllegalArgumentException(
          "an object coded "
              + coding.dataShards()
              + "+"
              + coding.parityShards()
              + " has "
              + coding.totalShards()
              + " shard roots, not "
              + shardRoots.size());
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
  }

  public long shardLength() {
    return coding.shardLength(size);
  }
}
