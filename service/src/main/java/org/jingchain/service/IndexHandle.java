package org.jingchain.service;

/** A running index: how far it got, and a way to read your own writes. */
public interface IndexHandle {
  /** The committed height the index has applied. */
  long appliedHeight();

  /**
   * Waits, at most {@code maxMillis}, until the index has applied the committed head as it is now;
   * returns the height it has applied then (lower if the wait ran out).
   */
  long awaitHead(long maxMillis);
}
