package org.jingchain.execution;

import java.util.List;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;

/** A platform contract written in Java; deterministic, and confined to its own key prefix. */
public interface SystemContract {
  /** The name transactions address it by (the {@code contract} field of a call). */
  String name();

  /**
   * Runs {@code method}. Writes go to {@code state}, which the executor discards when this throws.
   *
   * @return the events to put in the receipt
   * @throws ExecutionFailure for any failure the sender caused (bad args, missing balance, …)
   */
  List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure;
}
