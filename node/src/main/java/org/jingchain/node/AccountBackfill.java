package org.jingchain.node;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.storage.AccountIndex;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Block;
import org.jingchain.types.Hash;

/**
 * Indexes, in the background, the blocks a store committed before it had the {@link AccountIndex}:
 * from just below {@link ChainStore#accountIndexFrom()} down to block 0, a batch of blocks per
 * atomic write, so a restart resumes where it stopped. Until it is done the account API says from
 * which height its history is complete.
 */
final class AccountBackfill implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AccountBackfill.class.getName());

  /** Blocks per write at most: small enough that stopping the node never waits long. */
  static final int BATCH_BLOCKS = 256;

  /** Entries per write at most (whole blocks: a write may pass it by one block's entries). */
  static final int BATCH_ENTRIES = 100_000;

  private final ChainStore store;
  private final CryptoSuite suite;
  private final Thread thread;
  private volatile boolean stop;

  private AccountBackfill(ChainStore store, CryptoSuite suite) {
    this.store = store;
    this.suite = suite;
    this.thread = Thread.ofPlatform().daemon().name("account-index-backfill").unstarted(this::run);
  }

  /** Starts the backfill if the store has blocks it has not indexed; null when it has none. */
  static AccountBackfill startIfNeeded(ChainStore store, CryptoSuite suite) {
    if (store.accountIndexFrom() == 0) {
      return null;
    }
    AccountBackfill b = new AccountBackfill(store, suite);
    b.thread.start();
    return b;
  }

  private void run() {
    long top = store.accountIndexFrom();
    LOG.log(
        System.Logger.Level.INFO,
        "account index: indexing the {0} blocks committed before it existed, in the background",
        top);
    try {
      long from = top;
      while (from > 0 && !stop) {
        // down from the index's lower edge, a block at a time, until a batch is full
        List<AccountIndex.Entry> entries = new ArrayList<>();
        long lo = from;
        while (lo > 0 && from - lo < BATCH_BLOCKS && entries.size() < BATCH_ENTRIES) {
          lo--;
          entries.addAll(entries(lo));
        }
        store.backfillAccounts(entries, lo);
        from = lo;
      }
      if (from == 0) {
        LOG.log(System.Logger.Level.INFO, "account index: complete from block 0");
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "account index: backfill stopped at block {0}: {1}; account history is complete from"
              + " there (restart the node to resume)",
          store.accountIndexFrom(),
          e.toString());
    }
  }

  private List<AccountIndex.Entry> entries(long height) {
    Block b =
        store
            .block(height)
            .orElseThrow(() -> new IllegalStateException("block " + height + " is missing"));
    List<Hash> ids = new ArrayList<>(b.transactions().size());
    for (var t : b.transactions()) {
      ids.add(t.hash(suite));
    }
    return AccountIndex.entries(b, ids, store.receipts(height), suite);
  }

  /** Stops after the batch in progress (which is written whole or not at all) and waits. */
  @Override
  public void close() {
    stop = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
