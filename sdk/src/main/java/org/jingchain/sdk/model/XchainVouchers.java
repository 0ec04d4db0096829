package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The vouchers an account holds ({@code GET /xchain/vouchers/{address}}): tokens of other chains,
 * by denomination trace ({@code c-0/CNY}).
 *
 * @param address the account
 * @param vouchers its non-zero voucher balances, by denomination
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record XchainVouchers(String address, List<Voucher> vouchers) {
  public XchainVouchers {
    vouchers = Copies.list(vouchers);
  }

  /**
   * One voucher balance.
   *
   * @param denom the denomination trace, {@code <client>/<denom>}
   * @param amount the balance in the token's smallest unit
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Voucher(String denom, long amount) {}
}
