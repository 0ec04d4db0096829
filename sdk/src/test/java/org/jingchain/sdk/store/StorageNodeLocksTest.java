package org.jingchain.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jingchain.sdk.store.ShardStore.ShardId;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;

/** A storage node's upload locks: one per shard while it uploads, a bounded set for ever. */
class StorageNodeLocksTest {
  @Test
  void theSameShardTakesTheSameLockAndAMillionShardsShareABoundedSet() {
    ShardId a = new ShardId(Hash.of(new byte[32]), 3);
    assertThat(StorageNodeServer.lockFor(new ShardId(Hash.of(new byte[32]), 3)))
        .isSameAs(StorageNodeServer.lockFor(a));
    Set<Object> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    byte[] h = new byte[32];
    for (int i = 0; i < 1_000_000; i++) {
      h[0] = (byte) i;
      h[1] = (byte) (i >> 8);
      h[2] = (byte) (i >> 16);
      distinct.add(StorageNodeServer.lockFor(new ShardId(Hash.of(h), i % 14)));
    }
    assertThat(distinct).hasSize(StorageNodeServer.LOCK_STRIPES);
  }
}
