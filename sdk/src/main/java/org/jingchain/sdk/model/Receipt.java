package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The outcome of one committed transaction.
 *
 * @param txHash the transaction's hash (hex)
 * @param status {@code success} or {@code failed}
 * @param code the contract's stable code when failed (e.g. {@code INSUFFICIENT_BALANCE}), empty
 *     when it succeeded
 * @param message a human explanation when failed, empty when it succeeded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Receipt(
    String txHash, String status, String code, String message, List<Event> events) {
  public Receipt {
    events = Copies.list(events);
  }

  /** Whether the transaction succeeded (a failed one used its nonce and changed no state). */
  public boolean succeeded() {
    return "success".equals(status);
  }
}
