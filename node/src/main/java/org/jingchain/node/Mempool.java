package org.jingchain.node;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jingchain.execution.TxRules;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;

/**
 * Transactions not yet committed, bounded in count and bytes. A sender's transactions are admitted
 * only in strict nonce order (the next nonce after its state nonce and its pending ones), so
 * arrival order is also each sender's nonce order and blocks are filled first-in first-out. A
 * transaction stays here until a committed block contains it (whoever proposed that block), it
 * expires, or it can no longer execute. Signatures are checked before admission, once per node.
 * Thread-safe.
 */
public final class Mempool {
  private final String chainId;
  private final SuiteId suite;
  private final HashFunction hash;
  private final ToLongFunction<Address> stateNonce;
  private final Clock clock;
  private int maxTxs;
  private long maxBytes;
  private final long maxTtlMillis;

  /** Insertion-ordered, so iteration is arrival order and removal by hash is O(1). */
  private final LinkedHashMap<Hash, Entry> queue = new LinkedHashMap<>();

  private final Map<Address, Sender> senders = new HashMap<>();
  private long bytes;
  private Runnable onAdmit = () -> {};
  private Function<Address, Optional<TxRules.Refusal>> admission = a -> Optional.empty();

  private record Entry(Transaction tx, Hash hash, Address sender, int size) {}

  /** Per sender: the nonce its next transaction must carry and how many it has pending. */
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

  /** New limits from a chain parameter [GOV-12]; pending transactions stay. */
  public synchronized void setLimits(int maxTxs, long maxBytes) {
    this.maxTxs = maxTxs;
    this.maxBytes = maxBytes;
  }

  /**
   * Who may submit, against the latest committed state: the services' transaction rules (for
   * governance, [GOV-1] membership). A refusal is {@code NOT_A_MEMBER}.
   */
  public synchronized void checkAdmission(Function<Address, Optional<TxRules.Refusal>> admission) {
    this.admission = admission;
  }

  /** Called after each admission (the consensus driver uses it to wake a waiting leader). */
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
    if (queue.containsKey(id)) {
      return reject(ErrorCode.TX_DUPLICATE, "transaction " + id + " is already pending");
    }
    Address from = Address.of(body.sender(), hash);
    Optional<TxRules.Refusal> refused = admission.apply(from);
    if (refused.isPresent()) {
      return reject(ErrorCode.NOT_A_MEMBER, refused.get().message());
    }
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
    queue.put(id, new Entry(tx, id, from, size));
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
   * Up to {@code maxTxs} / {@code maxBytes} transactions for a block with timestamp {@code
   * blockMillis}, first-in first-out, skipping {@code exclude} (those already in the uncommitted
   * blocks the new block extends). Selected transactions stay here until committed. Expired ones
   * are dropped with every later one of the same sender (which could no longer execute).
   */
  public synchronized List<Transaction> select(
      int maxTxs, long maxBytes, long blockMillis, Set<Hash> exclude) {
    return select(maxTxs, maxBytes, Long.MAX_VALUE, tx -> 0, blockMillis, exclude);
  }

  /**
   * As {@link #select(int, long, long, Set)}, also keeping the gas the transactions declare ({@code
   * gasOf}) within {@code maxGas} — unless the first one alone exceeds it.
   */
  public synchronized List<Transaction> select(
      int maxTxs,
      long maxBytes,
      long maxGas,
      java.util.function.ToLongFunction<Transaction> gasOf,
      long blockMillis,
      Set<Hash> exclude) {
    List<Transaction> out = new ArrayList<>();
    Set<Address> broken = new java.util.HashSet<>();
    long taken = 0;
    long gas = 0;
    boolean full = false;
    var it = queue.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (exclude.contains(e.hash)) {
        continue;
      }
      if (broken.contains(e.sender) || e.tx.body().expiresAtMillis() < blockMillis) {
        it.remove();
        bytes -= e.size;
        dropFromSender(e, broken.add(e.sender));
        continue;
      }
      long g = full ? 0 : gasOf.applyAsLong(e.tx);
      if (!full
          && (out.size() >= maxTxs
              || (taken + e.size > maxBytes && !out.isEmpty())
              || (g > maxGas - gas && !out.isEmpty()))) {
        full = true;
      }
      if (full) {
        if (broken.isEmpty()) {
          break;
        }
        continue;
      }
      out.add(e.tx);
      taken += e.size;
      gas = g > maxGas - gas ? maxGas : gas + g;
    }
    return out;
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

  /** These transactions were committed (in a block from any validator): they leave the pool. */
  public synchronized void committed(List<Hash> txHashes) {
    for (Hash h : txHashes) {
      Entry e = queue.remove(h);
      if (e != null) {
        bytes -= e.size;
        release(e.sender, senders.get(e.sender));
      }
    }
  }

  /**
   * Drops transactions that can no longer execute (their nonce was used by another transaction),
   * with every later one of the same sender.
   */
  public synchronized void dropStale(List<Hash> txHashes) {
    Set<Address> broken = new java.util.HashSet<>();
    for (Hash h : txHashes) {
      Entry e = queue.get(h);
      if (e != null) {
        broken.add(e.sender);
      }
    }
    if (broken.isEmpty()) {
      return;
    }
    var it = queue.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (broken.contains(e.sender)) {
        it.remove();
        bytes -= e.size;
        Sender s = senders.get(e.sender);
        if (--s.outstanding == 0) {
          senders.remove(e.sender); // the next admission asks the state for the nonce again
        }
      }
    }
  }

  public synchronized boolean isPending(Hash txHash) {
    return queue.containsKey(txHash);
  }

  /**
   * Whether exactly {@code tx} — body and signature — was admitted here, so its signature was
   * checked. The id covers only the body: a block may carry a pending transaction's body with other
   * signature bytes, which admission never saw.
   */
  public synchronized boolean admittedExactly(Transaction tx) {
    Entry e = queue.get(tx.hash(hash));
    return e != null && e.tx.signature().equals(tx.signature());
  }

  public synchronized Optional<Transaction> pending(Hash txHash) {
    return Optional.ofNullable(queue.get(txHash)).map(Entry::tx);
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
