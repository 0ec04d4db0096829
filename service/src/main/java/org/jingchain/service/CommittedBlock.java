package org.jingchain.service;

import java.util.List;
import org.jingchain.types.Block;
import org.jingchain.types.Hash;
import org.jingchain.types.Receipt;

/** A block as committed: its hash, transaction ids, receipts and the state root after it. */
public record CommittedBlock(
    Block block, Hash hash, List<Hash> txHashes, List<Receipt> receipts, Hash stateRoot) {
  public CommittedBlock {
    txHashes = List.copyOf(txHashes);
    receipts = List.copyOf(receipts);
  }

  public long height() {
    return block.header().height();
  }
}
