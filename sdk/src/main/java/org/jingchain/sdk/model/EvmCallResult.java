package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a contract call or deployment would do on the latest state ({@code POST /evm/call}).
 *
 * @param status {@code success}, {@code revert} or {@code halt}
 * @param code {@code EVM_REVERT} or {@code EVM_<halt>} when it failed
 * @param reason the decoded revert reason or the halt, when it failed
 * @param output the return data (0x-hex), or the revert data
 * @param gasUsed gas a transaction doing the same would use, intrinsic cost included
 * @param address the address a deployment would create
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvmCallResult(
    String status,
    String code,
    String reason,
    String output,
    long gasUsed,
    String address,
    List<EvmLog> logs) {
  public boolean success() {
    return "success".equals(status);
  }

  /** A log the call emitted. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EvmLog(String address, List<String> topics, String data) {}
}
