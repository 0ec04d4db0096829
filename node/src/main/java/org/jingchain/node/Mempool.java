package org.jingchain.node;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;

/**
 * Pending transactions, bounded in count and bytes. A sender's transactions are admitted only in
 * strict nonce order (the next nonce after its state nonce and its pending ones), so arrival order
 * is also each sender's nonce order and blocks can be filled first-in first-out. Signatures are
 * checked before admission, once per node. Thread-safe.
 */
public final class Mempool {
  private final String chainId;
  private final SuiteId suite;
  private final HashFunction hash;
  private final ToLongFunction<Address> stateNonce;
  private final Clock clock;
  private final int maxTxs;
  private final long maxBytes;
  private final long maxTtlMillis;

  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private final Map<Hash, Entry> byHash = new HashMap<>();
  private final Map<Hash, Entry> inFlight = new HashMap<>();
  private final Map<Address, Sender> senders = new HashMap<>();
  private long bytes;
  private Runnable onAdmit = () -> {};

  private record Entry(Transaction tx, Hash hash, Address sender, int size) {}

  /**
   * Per sender: the nonce its next transaction must carry and how many it has pending or in flight.
   */
  private static final class Sender {
    long nextNonce;
    int outstanding;
  }

  public Mempool(
      String chainId,
      SuiteId suite,
      HashFunction hash,
      ToLongFunction<Address> stateNonce,
      Clock clock,
      int maxTxs,
      long maxBytes,
      long maxTtlMillis) {
    this.chainId = chainId;
    this.suite = suite;
    this.hash = hash;
    this.stateNonce = stateNonce;
    this.clock = clock;
    this.maxTxs = maxTxs;
    this.maxBytes = maxBytes;
    this.maxTtlMillis = maxTtlMillis;
  }

  /** Called after each admission (the block producer uses it to wake up). */
  public synchronized void onAdmit(Runnable r) {
    onAdmit = r;
  }

  /**
   * Checks and admits {@code tx}. The caller has already verified the signature ({@code
   * signatureValid}), outside this lock and in parallel.
   */
  public Admission admit(Transaction tx, int encodedSize, boolean signatureValid) {
    Admission a;
    synchronized (this) {
      a = admitLocked(tx, encodedSize, signatureValid);
    }
    if (a instanceof Admission.Accepted) {
      onAdmit.run();
    }
    return a;
  }

  private Admission admitLocked(Transaction tx, int size, boolean signatureValid) {
    var body = tx.body();
    if (!body.chainId().equals(chainId)) {
      return reject(
          ErrorCode.TX_WRONG_CHAIN,
          "transaction is for chain '" + body.chainId() + "', this is '" + chainId + "'");
    }
    if (body.sender().suite() != suite) {
      return reject(
          ErrorCode.TX_WRONG_SUITE,
          "sender key is " + body.sender().suite() + ", this chain uses " + suite);
    }
    if (!signatureValid) {
      return reject(ErrorCode.TX_BAD_SIGNATURE, "signature does not verify against the sender key");
    }
    long now = clock.millis();
    if (body.expiresAtMillis() < now) {
      return reject(ErrorCode.TX_EXPIRED, "expired at " + body.expiresAtMillis() + ", now " + now);
    }
    if (body.expiresAtMillis() > now + maxTtlMillis) {
      return reject(
          ErrorCode.TX_EXPIRY_TOO_FAR, "expiry may be at most " + maxTtlMillis + " ms ahead");
    }
    Hash id = tx.hash(hash);
    if (byHash.containsKey(id) || inFlight.containsKey(id)) {
      return reject(ErrorCode.TX_DUPLICATE, "transaction " + id + " is already pending");
    }
    Address from = Address.of(body.sender(), hash);
    Sender s = senders.get(from);
    long expected = s != null ? s.nextNonce : stateNonce.applyAsLong(from);
    if (body.nonce() < expected) {
      return reject(
          ErrorCode.TX_NONCE_TOO_LOW,
          "nonce " + body.nonce() + " already used; next is " + expected);
    }
    if (body.nonce() > expected) {
      return reject(
          ErrorCode.TX_NONCE_GAP, "nonce " + body.nonce() + " skips ahead; next is " + expected);
    }
    if (queue.size() >= maxTxs) {
      return reject(
          ErrorCode.MEMPOOL_FULL, "mempool holds its maximum of " + maxTxs + " transactions");
    }
    if (bytes + size > maxBytes) {
      return reject(ErrorCode.MEMPOOL_FULL, "mempool holds its maximum of " + maxBytes + " bytes");
    }
    Entry e = new Entry(tx, id, from, size);
    queue.addLast(e);
    byHash.put(id, e);
    bytes += size;
    if (s == null) {
      s = new Sender();
      senders.put(from, s);
    }
    s.nextNonce = expected + 1;
    s.outstanding++;
    return new Admission.Accepted(id);
  }

  private static Admission reject(ErrorCode code, String message) {
    return new Admission.Rejected(code, message);
  }

  /**
   * Takes up to {@code maxTxs} / {@code maxBytes} transactions for a block with timestamp {@code
   * blockMillis}, first-in first-out. Expired ones are dropped with every later one of the same
   * sender (which could no longer execute). Taken transactions stay "in flight" until {@link
   * #committed}.
   */
  public synchronized List<Transaction> take(int maxTxs, long maxBytes, long blockMillis) {
    List<Transaction> out = new ArrayList<>();
    Set<Address> broken = new HashSet<>();
    long taken = 0;
    while (!queue.isEmpty() && out.size() < maxTxs) {
      Entry e = queue.peekFirst();
      if (taken + e.size > maxBytes && !out.isEmpty()) {
        break;
      }
      queue.pollFirst();
      byHash.remove(e.hash);
      bytes -= e.size;
      if (broken.contains(e.sender) || e.tx.body().expiresAtMillis() < blockMillis) {
        dropFromSender(e, broken.add(e.sender));
        continue;
      }
      inFlight.put(e.hash, e);
      out.add(e.tx);
      taken += e.size;
    }
    if (!broken.isEmpty()) {
      dropQueued(broken);
    }
    return out;
  }

  /** Removes the still-queued transactions of senders whose nonce sequence broke. */
  private void dropQueued(Set<Address> broken) {
    var it = queue.iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (broken.contains(e.sender)) {
        it.remove();
        byHash.remove(e.hash);
        bytes -= e.size;
        dropFromSender(e, false);
      }
    }
  }

  private void dropFromSender(Entry e, boolean first) {
    Sender s = senders.get(e.sender);
    if (first) {
      s.nextNonce = e.tx.body().nonce();
    }
    release(e.sender, s);
  }

  private void release(Address a, Sender s) {
    if (--s.outstanding == 0) {
      senders.remove(a);
    }
  }

  /** The in-flight transactions were committed in a block. */
  public synchronized void committed(List<Hash> txHashes) {
    for (Hash h : txHashes) {
      Entry e = inFlight.remove(h);
      if (e != null) {
        release(e.sender, senders.get(e.sender));
      }
    }
  }

  public synchronized boolean isPending(Hash txHash) {
    return byHash.containsKey(txHash) || inFlight.containsKey(txHash);
  }

  public synchronized Optional<Transaction> pending(Hash txHash) {
    Entry e = byHash.getOrDefault(txHash, inFlight.get(txHash));
    return Optional.ofNullable(e).map(Entry::tx);
  }

  /** The nonce the sender's next transaction must carry, counting pending ones. */
  public synchronized long nextNonce(Address a) {
    Sender s = senders.get(a);
    return s != null ? s.nextNonce : stateNonce.applyAsLong(a);
  }

  public synchronized int size() {
    return queue.size();
  }

  public synchronized long bytes() {
    return bytes;
  }
}
