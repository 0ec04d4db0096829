package org.jingchain.evm;

/**
 * The state a transaction starts from, read-only. The chain backs it with the authenticated state
 * tree; tests back it with a map. Reads must be deterministic: the same view answers the same.
 */
public interface WorldView {
  /** The account at {@code address}, or null if none exists. */
  Account account(Address address);

  /** The value of storage slot {@code key} of {@code address} (zero if unset). */
  UInt256 storage(Address address, UInt256 key);
}
