package org.jingchain.sdk.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jingchain.types.Hash;

/**
 * Where a storage node keeps shards: a shard is written by appends to a part, then committed once
 * checked against its root; only committed shards are served. Implementations are safe for
 * concurrent use on different shards; the server serialises calls on one shard.
 */
public interface ShardStore extends AutoCloseable {
  /** A shard's address: the object id and the shard index. */
  record ShardId(Hash object, int shard) {
    @Override
    public String toString() {
      return object.toHex() + "/" + shard;
    }
  }

  /** The bytes of the part being written; 0 when there is none. */
  long partLength(ShardId id) throws IOException;

  /** Appends {@code b[off, off+len)} to the part. */
  void append(ShardId id, byte[] b, int off, int len) throws IOException;

  /** Reads the part from its start (to check it before committing). */
  InputStream openPart(ShardId id) throws IOException;

  /**
   * Makes the part the committed shard, keeping beside it the hashes of its leaves ({@code 32}
   * bytes each, in order) from which audit answers are built without reading the whole shard.
   */
  void commit(ShardId id, byte[] leafHashes) throws IOException;

  /** The committed shard's leaf hashes, as given to {@link #commit}. */
  byte[] leafHashes(ShardId id) throws IOException;

  /** Drops the part. */
  void discardPart(ShardId id) throws IOException;

  /** Whether the shard is committed. */
  boolean has(ShardId id) throws IOException;

  /** The committed shard's length. */
  long length(ShardId id) throws IOException;

  /** Reads the committed shard from {@code offset}. */
  InputStream open(ShardId id, long offset) throws IOException;

  /** Deletes the committed shard (and any part). */
  void delete(ShardId id) throws IOException;

  /** Every committed shard. */
  List<ShardId> list() throws IOException;

  @Override
  default void close() throws IOException {}
}
