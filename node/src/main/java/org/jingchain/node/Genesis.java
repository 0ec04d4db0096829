package org.jingchain.node;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;

/**
 * The chain's birth certificate: its id, crypto suite, start time and first validator. Block 0 is
 * derived from it deterministically, so two nodes with the same genesis agree on block 0's hash.
 */
public record Genesis(String chainId, String suite, long timestampMillis, String validator) {
  @JsonCreator
  public Genesis(
      @JsonProperty(value = "chainId", required = true) String chainId,
      @JsonProperty(value = "suite", required = true) String suite,
      @JsonProperty(value = "timestampMillis", required = true) long timestampMillis,
      @JsonProperty(value = "validator", required = true) String validator) {
    this.chainId = Objects.requireNonNull(chainId, "chainId");
    this.suite = Objects.requireNonNull(suite, "suite");
    this.timestampMillis = timestampMillis;
    this.validator = Objects.requireNonNull(validator, "validator");
    if (suiteId().tag() != validatorAddress().suite().tag()) {
      throw new IllegalArgumentException(
          "validator " + validator + " is not a " + suite + " address");
    }
  }

  public SuiteId suiteId() {
    return SuiteId.fromLabel(suite)
        .orElseThrow(() -> new IllegalArgumentException("unknown suite '" + suite + "'"));
  }

  public Address validatorAddress() {
    return Address.parse(validator);
  }

  /** Block 0's header: no transactions, the empty state root. */
  public BlockHeader header() {
    return new BlockHeader(
        chainId,
        0,
        0,
        Hash.ZERO,
        timestampMillis,
        validatorAddress(),
        Hash.ZERO,
        0,
        Hash.ZERO,
        Hash.ZERO);
  }
}
