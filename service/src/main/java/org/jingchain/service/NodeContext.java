package org.jingchain.service;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.jingchain.execution.StateReader;

/** What a running node gives a service: its chain, state, reads with proofs, and hooks. */
public interface NodeContext {
  ChainSetup chain();

  /** The latest committed state (thread-safe; may move on between two reads). */
  StateReader latest();

  /** State at any retained version, with Merkle proofs, and block headers. */
  StateReads reads();

  /** The node's data directory; a service keeps its own files in a subdirectory it names. */
  Path dataDir();

  /**
   * Keeps {@code index} following committed blocks on a thread of its own: rebuilt from state when
   * it is not at the committed height (a first start, a crash, a deleted directory), updated block
   * by block after that, rebuilt again if an update fails. The node flushes and closes it on stop.
   */
  IndexHandle index(StateIndex index);

  /**
   * Called for each committed block, in height order, on the committing thread: must be quick and
   * must not throw (hand work to a thread of your own, or use {@link #index}).
   */
  void onCommit(Consumer<CommittedBlock> listener);

  /**
   * The node's own key (its validator key) when it is held in memory, for a service that signs or
   * derives secrets as this node (private groups); empty when the key is in a PKCS#11 token.
   */
  default java.util.Optional<org.jingchain.crypto.KeyPair> nodeKey() {
    return java.util.Optional.empty();
  }

  /** Where the service's metrics go (the node's Prometheus endpoint). */
  ServiceMetrics metrics();
}
