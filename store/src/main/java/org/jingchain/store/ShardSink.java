package org.jingchain.store;

import java.io.IOException;

/** Where shard bytes go as they are produced, in order within each shard. */
@FunctionalInterface
public interface ShardSink {
  void write(int shard, byte[] b, int off, int len) throws IOException;
}
