package org.jingchain.service;

import org.jingchain.execution.StateReader;

/**
 * A service's index of committed state (a search index, say): derived data the chain is the only
 * source of. The node runs it through {@link NodeContext#index}: one thread, blocks in commit
 * order.
 */
public interface StateIndex extends AutoCloseable {
  /** The committed height this index reflects on disk (after it was opened). */
  long indexedHeight();

  /** Rebuilds from scratch from {@code state}, the committed state at {@code height}. */
  void rebuild(StateReader state, long height);

  /**
   * Applies one committed block; {@code state} is the latest committed state, which may already be
   * ahead of the block (index what the state says, not what the block did).
   */
  void apply(CommittedBlock block, StateReader state);

  /** Makes everything applied durable as of {@code height} (a clean stop needs no rebuild). */
  void flush(long height);

  @Override
  void close();
}
