package org.jingchain.types;

import java.util.List;

/** A header and its ordered transactions. */
public record Block(BlockHeader header, List<Transaction> transactions) {
  public Block {
    transactions = List.copyOf(transactions);
    if (transactions.size() != header.txCount()) {
      throw new IllegalArgumentException(
          "header says " + header.txCount() + " transactions, block has " + transactions.size());
    }
  }

  public long height() {
    return header.height();
  }
}
