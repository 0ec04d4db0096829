package org.jingchain.sdk.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.store.StoreService.NodeList;
import org.jingchain.store.StoreService.ObjectView;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.Transaction;

/**
 * What the store's clients and nodes read from and send to the chain, through a node's API: object
 * records, the node registry, and transactions signed by one key in nonce order.
 */
public class StoreChain {
  /** How long a transaction of ours stays valid in the mempool. */
  static final Duration TX_LIFETIME = Duration.ofMinutes(5);

  private final JingClient client;
  private final String chainId;
  private final Clock clock;
  private final ReentrantLock submitting = new ReentrantLock();
  private long nextNonce = -1;

  public StoreChain(JingClient client, String chainId, Clock clock) {
    this.client = client;
    this.chainId = chainId;
    this.clock = clock;
  }

  public JingClient client() {
    return client;
  }

  public String chainId() {
    return chainId;
  }

  /** The record of {@code id}, or empty when the chain has none. */
  public Optional<ObjectView> object(Hash id) {
    try {
      return Optional.of(client.storeObject(id));
    } catch (JingApiException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public NodeList nodes() {
    return client.storeNodes();
  }

  /**
   * Signs {@code call} as {@code key}, submits it and waits up to {@code wait} for its block: one
   * submission at a time, so that a key's transactions take consecutive nonces; a nonce the node
   * refuses (another client of the same key) is fetched again once.
   */
  public TxStatus send(KeyPair key, Call call, Duration wait) {
    Hash hash;
    submitting.lock();
    try {
      for (int attempt = 0; ; attempt++) {
        long nonce = Math.max(nextNonce, client.nextNonce(key.address()));
        Transaction tx =
            Transactions.sign(key, chainId, nonce, clock.millis() + TX_LIFETIME.toMillis(), call);
        try {
          hash = client.submit(tx);
          nextNonce = nonce + 1;
          break;
        } catch (JingApiException e) {
          if (attempt > 0 || !e.code().contains("NONCE")) {
            throw e;
          }
          nextNonce = -1;
        }
      }
    } finally {
      submitting.unlock();
    }
    return client.waitForCommit(hash, wait);
  }
}
