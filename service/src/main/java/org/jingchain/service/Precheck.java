package org.jingchain.service;

import java.util.List;
import org.jingchain.types.Call;

/**
 * Work a service does for calls to its contracts on the admission threads, before execution —
 * decoding and signature checks whose pure results execution then finds cached. It decides nothing:
 * execution repeats every check and gets the same answers.
 */
@FunctionalInterface
public interface Precheck {
  /** Runs for a batch of calls (to any contract; it picks its own); thread-safe and pure. */
  void warm(List<Call> calls);

  Precheck NONE = calls -> {};
}
