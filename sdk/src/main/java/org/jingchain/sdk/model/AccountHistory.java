package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The answer of {@code GET /accounts/{address}/transactions}: a page of an account's committed
 * transactions, newest first.
 *
 * @param indexedFrom the history is complete from this height (0 unless the node is still indexing
 *     blocks it committed before an upgrade)
 * @param next the cursor of the next, older page ({@code before}), or null on the last page
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountHistory(
    String address, long indexedFrom, List<Entry> transactions, String next) {
  public AccountHistory {
    transactions = Copies.list(transactions);
  }

  /**
   * One transaction of the account.
   *
   * @param sent the account signed it
   * @param named its events name the account (a transfer's recipient, a grant's grantee)
   * @param status {@code success} or {@code failed}, with the failure's {@code code}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Entry(
      String hash,
      long height,
      int index,
      long timestampMillis,
      boolean sent,
      boolean named,
      String contract,
      String method,
      String status,
      String code) {}
}
