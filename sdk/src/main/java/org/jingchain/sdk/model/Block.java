package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A committed block ({@code GET /blocks/{height or hash}}, and what a block subscription delivers):
 * its header, transactions and their receipts, in the same order.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Block(Header header, List<Tx> transactions, List<Receipt> receipts) {
  public Block {
    transactions = Copies.list(transactions);
    receipts = Copies.list(receipts);
  }
}
