package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The answer of {@code GET /accounts/{address}/balances}: an account's token balances. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Balances(String address, List<Balance> balances) {
  public Balances {
    balances = Copies.list(balances);
  }

  /** What the account holds of one token, in the token's smallest unit. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Balance(String symbol, long amount) {}
}
