package org.jingchain.bench;

import java.util.Optional;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;

/**
 * An in-memory state that system contracts run calls against, one block per call, as the service
 * benchmarks measure them (no consensus, no signatures: those are timed apart).
 */
final class ContractHarness {
  final WriteSet state = new WriteSet(k -> Optional.empty());
  private final String chainId;
  private long height = 1;

  ContractHarness(String chainId) {
    this.chainId = chainId;
  }

  /** Runs {@code call} as {@code sender}; keeps its writes; a refusal is thrown. */
  void send(SystemContract c, Address sender, Call call) throws Exception {
    BlockHeader h =
        new BlockHeader(
            chainId, height++, 0, Hash.ZERO, 0, sender, Hash.ZERO, 0, Hash.ZERO, Hash.ZERO);
    WriteSet tx = new WriteSet(state);
    c.call(new TxContext(sender, Hash.ZERO, h), call.method(), call.args(), tx);
    tx.mergeInto(state);
  }
}
