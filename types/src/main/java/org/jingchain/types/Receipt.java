package org.jingchain.types;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one transaction. A failed receipt carries a stable {@code code} (such as {@code
 * INSUFFICIENT_BALANCE}) and a human message; its state changes are discarded but its nonce is
 * still consumed.
 */
public record Receipt(Hash txHash, Status status, String code, String message, List<Event> events) {
  /** Whether the call's state changes were applied. */
  public enum Status {
    SUCCESS,
    FAILED
  }

  public Receipt {
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    events = List.copyOf(events);
  }

  public static Receipt success(Hash txHash, List<Event> events) {
    return new Receipt(txHash, Status.SUCCESS, "", "", events);
  }

  public static Receipt failed(Hash txHash, String code, String message) {
    return new Receipt(txHash, Status.FAILED, code, message, List.of());
  }

  public boolean succeeded() {
    return status == Status.SUCCESS;
  }
}
