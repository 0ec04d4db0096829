package org.jingchain.bench;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.asset.AssetCalls;
import org.jingchain.asset.AssetContract;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.Nonces;
import org.jingchain.node.JingNode;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.BatchResult;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Address;
import org.jingchain.types.Call;
import org.jingchain.types.Transaction;

/** Creates the benchmark token and mints it to every account, over the API, until committed. */
final class Funding {
  static final String SYMBOL = "LOAD";
  static final long MINT_AMOUNT = 1_000_000_000L;
  private static final long WAIT_MILLIS = 120_000;

  private Funding() {}

  /** Returns after every mint is committed and every account holds {@link #MINT_AMOUNT}. */
  static void fund(
      JingNode node,
      JingClient client,
      KeyPair issuer,
      List<Address> accounts,
      int batch,
      long expiresAtMillis)
      throws InterruptedException {
    String chainId = node.genesis().chainId();
    long nonce = 0;
    submit(
        client,
        List.of(
            Transactions.sign(
                issuer, chainId, nonce++, expiresAtMillis, AssetCalls.create(SYMBOL, "Load", 0))));
    for (int from = 0; from < accounts.size(); from += batch) {
      List<Transaction> txs = new ArrayList<>(batch);
      for (Address to : accounts.subList(from, Math.min(accounts.size(), from + batch))) {
        Call mint = AssetCalls.mint(SYMBOL, to, MINT_AMOUNT);
        txs.add(Transactions.sign(issuer, chainId, nonce++, expiresAtMillis, mint));
      }
      submit(client, txs);
    }
    awaitNonce(node.chain().store(), issuer.address(), nonce);
    ChainStore store = node.chain().store();
    for (Address a : accounts) {
      long balance = AssetContract.balance(store::latest, a, SYMBOL);
      if (balance != MINT_AMOUNT) {
        throw new IllegalStateException("account " + a + " holds " + balance + " after funding");
      }
    }
  }

  private static void submit(JingClient client, List<Transaction> txs) {
    BatchResult r = client.submitBatch(txs);
    if (r.rejected() != 0) {
      throw new IllegalStateException("funding batch rejected: " + r);
    }
  }

  /** Polls the committed state; a benchmark may wait with sleeps, tests may not. */
  private static void awaitNonce(ChainStore store, Address issuer, long expected)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (Nonces.next(store::latest, issuer) < expected) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("funding not committed within " + WAIT_MILLIS + " ms");
      }
      Thread.sleep(20);
    }
  }
}
