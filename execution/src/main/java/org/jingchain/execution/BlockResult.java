package org.jingchain.execution;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.jingchain.types.Bytes;
import org.jingchain.types.Receipt;

/**
 * The outcome of executing a block: one receipt per transaction and the state changes, in key
 * order.
 */
public record BlockResult(List<Receipt> receipts, SortedMap<Bytes, Optional<Bytes>> changes) {
  public BlockResult {
    receipts = List.copyOf(receipts);
  }
}
