package org.jingchain.sdk.datadir;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.jingchain.crypto.KeyPair;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.Receipt;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.Transaction;

/**
 * Records accesses with transactions signed by the data server's key (an authentication key of the
 * asset owner's DID or of a delegate's), one at a time in nonce order, and waits for each to
 * commit.
 */
public final class ChainRecorder implements AccessRecorder {
  /** How long a recording may take to commit before the request is answered 503. */
  public static final Duration DEFAULT_COMMIT_WAIT = Duration.ofSeconds(30);

  /** How long a recording transaction stays valid in the mempool. */
  static final Duration TX_LIFETIME = Duration.ofMinutes(2);

  private final JingClient client;
  private final KeyPair key;
  private final String chainId;
  private final Duration commitWait;
  private final Clock clock;
  private final ReentrantLock submitting = new ReentrantLock();
  private long nextNonce = -1;

  public ChainRecorder(
      JingClient client, KeyPair key, String chainId, Duration commitWait, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.key = Objects.requireNonNull(key, "key");
    this.chainId = Objects.requireNonNull(chainId, "chainId");
    this.commitWait = Objects.requireNonNull(commitWait, "commitWait");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Recorded record(DatadirCalls.RecordAccess access) throws RecordingException {
    Hash hash = submit(DatadirCalls.call(access));
    TxStatus t;
    try {
      t = client.waitForCommit(hash, commitWait);
    } catch (JingApiException e) {
      throw RecordingException.unavailable(
          e.code(), "recording " + hash + " did not commit: " + e.getMessage(), e);
    }
    Receipt receipt = t.receipt();
    if (receipt.succeeded()) {
      return new Recorded(hash, t.height());
    }
    throw RecordingException.refused(
        Objects.requireNonNullElse(receipt.code(), "UNKNOWN"),
        Objects.requireNonNullElse(receipt.message(), ""));
  }

  /**
   * Submits under a lock so that concurrent recordings take consecutive nonces; a nonce the node
   * refuses (another client of the same key) is fetched again once.
   */
  private Hash submit(Call call) throws RecordingException {
    submitting.lock();
    try {
      for (int attempt = 0; ; attempt++) {
        long nonce = Math.max(nextNonce, client.nextNonce(key.address()));
        Transaction tx =
            Transactions.sign(key, chainId, nonce, clock.millis() + TX_LIFETIME.toMillis(), call);
        try {
          Hash hash = client.submit(tx);
          nextNonce = nonce + 1;
          return hash;
        } catch (JingApiException e) {
          if (attempt > 0 || !e.code().contains("NONCE")) {
            throw e;
          }
          nextNonce = -1;
        }
      }
    } catch (JingApiException e) {
      throw RecordingException.unavailable(
          e.code(), "cannot submit the recording: " + e.getMessage(), e);
    } finally {
      submitting.unlock();
    }
  }
}
