package org.jingchain.evm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The world as one transaction changes it: an overlay on a read-only {@link WorldView} with a
 * journal, so a reverted or failed call undoes exactly its own writes [EVM-STATE-1] — accounts,
 * storage, transient storage, warm addresses and slots, logs and the refund counter. Only sorted
 * collections are iterated, so what {@link #changes} reports is deterministic.
 */
public final class TxState {
  /** A log record: emitting address, 0–4 topics, data. */
  public record Log(Address address, List<UInt256> topics, byte[] data) {}

  /** A storage slot of one account. */
  private record Slot(Address address, UInt256 key) implements Comparable<Slot> {
    @Override
    public int compareTo(Slot o) {
      int c = address.compareTo(o.address);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }

  private static final Account DELETED = new Account(0, UInt256.ZERO, new byte[0]);

  private final WorldView base;
  private final NavigableMap<Address, Account> accounts = new TreeMap<>();
  private final NavigableMap<Slot, UInt256> storage = new TreeMap<>();
  private final NavigableMap<Slot, UInt256> originals = new TreeMap<>();
  private final NavigableMap<Slot, UInt256> transientStorage = new TreeMap<>();
  private final Set<Address> warmAddresses = new TreeSet<>();
  private final Set<Slot> warmSlots = new TreeSet<>();
  private final Set<Address> created = new TreeSet<>();
  private final Set<Address> destructed = new TreeSet<>();
  private final List<Log> logs = new ArrayList<>();
  private final List<Runnable> journal = new ArrayList<>();
  private long refund;

  public TxState(WorldView base) {
    this.base = base;
  }

  // ---- journal ----

  /** A point to {@link #revert} to. */
  public int checkpoint() {
    return journal.size();
  }

  /** Undoes everything recorded since {@code checkpoint}, newest first. */
  public void revert(int checkpoint) {
    for (int i = journal.size() - 1; i >= checkpoint; i--) {
      journal.remove(i).run();
    }
  }

  // ---- accounts ----

  /** The account, or null if none exists. */
  public Account account(Address a) {
    Account acc = accounts.get(a);
    if (acc == null) {
      acc = base.account(a);
      return acc;
    }
    return acc == DELETED ? null : acc;
  }

  /** Absent or empty by EIP-161 (the "dead" accounts CALL charges a new-account cost for). */
  public boolean isDead(Address a) {
    Account acc = account(a);
    return acc == null || acc.isEmpty();
  }

  public long nonce(Address a) {
    Account acc = account(a);
    return acc == null ? 0 : acc.nonce();
  }

  public UInt256 balance(Address a) {
    Account acc = account(a);
    return acc == null ? UInt256.ZERO : acc.balance();
  }

  public byte[] code(Address a) {
    Account acc = account(a);
    return acc == null ? new byte[0] : acc.code();
  }

  void putAccount(Address a, Account acc) {
    Account previous = accounts.get(a);
    journal.add(
        () -> {
          if (previous == null) {
            accounts.remove(a);
          } else {
            accounts.put(a, previous);
          }
        });
    accounts.put(a, acc == null ? DELETED : acc);
  }

  private Account orEmpty(Address a) {
    Account acc = account(a);
    return acc == null ? Account.EMPTY : acc;
  }

  void setNonce(Address a, long nonce) {
    putAccount(a, orEmpty(a).withNonce(nonce));
  }

  void setCode(Address a, byte[] code) {
    putAccount(a, orEmpty(a).withCode(code));
  }

  void addBalance(Address a, UInt256 amount) {
    if (amount.isZero()) {
      return;
    }
    Account acc = orEmpty(a);
    putAccount(a, acc.withBalance(acc.balance().add(amount)));
  }

  void subBalance(Address a, UInt256 amount) {
    if (amount.isZero()) {
      return;
    }
    Account acc = orEmpty(a);
    putAccount(a, acc.withBalance(acc.balance().sub(amount)));
  }

  /** Moves {@code value}; the caller has checked the sender's balance. */
  void transfer(Address from, Address to, UInt256 value) {
    subBalance(from, value);
    addBalance(to, value);
  }

  /**
   * Makes {@code a} a new contract account [EVM-CREATE-3]: nonce 1, its existing balance kept,
   * storage empty, recorded as created in this transaction.
   */
  void createAccount(Address a) {
    putAccount(a, new Account(1, balance(a), new byte[0]));
    boolean added = created.add(a);
    if (added) {
      journal.add(() -> created.remove(a));
    }
  }

  boolean createdInThisTx(Address a) {
    return created.contains(a);
  }

  /** Marks {@code a} for deletion at the end of the transaction (EIP-6780's same-tx case). */
  void markDestructed(Address a) {
    if (destructed.add(a)) {
      journal.add(() -> destructed.remove(a));
    }
  }

  // ---- storage ----

  public UInt256 storage(Address a, UInt256 key) {
    Slot s = new Slot(a, key);
    UInt256 v = storage.get(s);
    return v != null ? v : original(s);
  }

  /** The slot's value when the transaction began (EIP-2200's "original value"). */
  public UInt256 originalStorage(Address a, UInt256 key) {
    return original(new Slot(a, key));
  }

  private UInt256 original(Slot s) {
    UInt256 v = originals.get(s);
    if (v == null) {
      v = created.contains(s.address) ? UInt256.ZERO : base.storage(s.address, s.key);
      originals.put(s, v);
    }
    return v;
  }

  void setStorage(Address a, UInt256 key, UInt256 value) {
    Slot s = new Slot(a, key);
    original(s);
    UInt256 previous = storage.get(s);
    journal.add(
        () -> {
          if (previous == null) {
            storage.remove(s);
          } else {
            storage.put(s, previous);
          }
        });
    storage.put(s, value);
  }

  UInt256 transientStorage(Address a, UInt256 key) {
    return transientStorage.getOrDefault(new Slot(a, key), UInt256.ZERO);
  }

  void setTransientStorage(Address a, UInt256 key, UInt256 value) {
    Slot s = new Slot(a, key);
    UInt256 previous = transientStorage.get(s);
    journal.add(
        () -> {
          if (previous == null) {
            transientStorage.remove(s);
          } else {
            transientStorage.put(s, previous);
          }
        });
    transientStorage.put(s, value);
  }

  // ---- access lists (EIP-2929) ----

  /** Marks {@code a} warm; returns whether it was warm already. */
  boolean warmAddress(Address a) {
    if (warmAddresses.add(a)) {
      journal.add(() -> warmAddresses.remove(a));
      return false;
    }
    return true;
  }

  /** Marks the slot warm; returns whether it was warm already. */
  boolean warmSlot(Address a, UInt256 key) {
    Slot s = new Slot(a, key);
    if (warmSlots.add(s)) {
      journal.add(() -> warmSlots.remove(s));
      return false;
    }
    return true;
  }

  /** Warms an address before execution starts (origin, target, coinbase, precompiles). */
  public void prewarm(Address a) {
    warmAddresses.add(a);
  }

  // ---- logs and refunds ----

  void log(Log log) {
    logs.add(log);
    int at = logs.size() - 1;
    journal.add(() -> logs.remove(at));
  }

  void addRefund(long delta) {
    refund += delta;
    journal.add(() -> refund -= delta);
  }

  /** The refund counter (EIP-3529), before the transaction-level cap. */
  public long refund() {
    return refund;
  }

  public List<Log> logs() {
    return Collections.unmodifiableList(logs);
  }

  // ---- end of transaction ----

  /** What the transaction did to one account: its final state, or deleted, and its slot writes. */
  public record AccountChange(
      Address address, Account account, boolean deleted, NavigableMap<UInt256, UInt256> storage) {}

  /**
   * Ends the transaction: deletes the accounts destroyed in it (created in it too, per EIP-6780)
   * and returns every changed account in address order, each with its changed slots in key order
   * [EVM-STATE-2]. Slots written back to their original value are left out.
   */
  public List<AccountChange> changes() {
    NavigableMap<Address, NavigableMap<UInt256, UInt256>> slots = new TreeMap<>();
    for (Map.Entry<Slot, UInt256> e : storage.entrySet()) {
      Slot s = e.getKey();
      if (!e.getValue().equals(originals.get(s))) {
        slots.computeIfAbsent(s.address, k -> new TreeMap<>()).put(s.key, e.getValue());
      }
    }
    Set<Address> touched = new TreeSet<>(accounts.keySet());
    touched.addAll(slots.keySet());
    touched.addAll(destructed);
    List<AccountChange> out = new ArrayList<>();
    for (Address a : touched) {
      if (destructed.contains(a)) {
        out.add(new AccountChange(a, null, true, new TreeMap<>()));
        continue;
      }
      Account acc = account(a);
      out.add(
          new AccountChange(
              a, acc, acc == null, slots.getOrDefault(a, Collections.emptyNavigableMap())));
    }
    return out;
  }

  /** Accounts created in this transaction. */
  public Set<Address> created() {
    return Collections.unmodifiableSet(created);
  }
}
