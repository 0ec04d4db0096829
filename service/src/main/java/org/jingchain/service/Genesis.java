package org.jingchain.service;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * The chain's birth certificate: its id, crypto suite, start time, validators (public keys, in
 * leader order), round timeouts, and what governance starts with (permissions, organisations,
 * parameters), which the governance service turns into the state of height 0. Block 0 is derived
 * from it deterministically, so nodes with the same genesis agree on block 0's hash; every
 * validator must use the same file.
 */
public record Genesis(
    String chainId,
    String suite,
    long timestampMillis,
    List<String> validators,
    long roundTimeoutMillis,
    long maxRoundTimeoutMillis,
    String permissions,
    List<Organisation> organisations,
    Map<String, String> parameters) {
  public static final long DEFAULT_ROUND_TIMEOUT_MILLIS = 2_000;
  public static final long DEFAULT_MAX_ROUND_TIMEOUT_MILLIS = 10_000;

  /**
   * An organisation at genesis (docs/spec/governance.md): its admin accounts, the validator keys it
   * runs, and member accounts.
   */
  public record Organisation(
      @JsonProperty(value = "id", required = true) String id,
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "admins", required = true) List<String> admins,
      @JsonProperty("validators") List<String> validators,
      @JsonProperty("members") List<String> members) {
    public Organisation {
      admins = List.copyOf(Objects.requireNonNull(admins, "admins"));
      validators = validators == null ? List.of() : List.copyOf(validators);
      members = members == null ? List.of() : List.copyOf(members);
    }
  }

  @JsonCreator
  public Genesis(
      @JsonProperty(value = "chainId", required = true) String chainId,
      @JsonProperty(value = "suite", required = true) String suite,
      @JsonProperty(value = "timestampMillis", required = true) long timestampMillis,
      @JsonProperty(value = "validators", required = true) List<String> validators,
      @JsonProperty("roundTimeoutMillis") Long roundTimeoutMillis,
      @JsonProperty("maxRoundTimeoutMillis") Long maxRoundTimeoutMillis,
      @JsonProperty("permissions") String permissions,
      @JsonProperty("organisations") List<Organisation> organisations,
      @JsonProperty("parameters") Map<String, String> parameters) {
    this(
        chainId,
        suite,
        timestampMillis,
        validators,
        roundTimeoutMillis == null ? DEFAULT_ROUND_TIMEOUT_MILLIS : roundTimeoutMillis,
        maxRoundTimeoutMillis == null ? DEFAULT_MAX_ROUND_TIMEOUT_MILLIS : maxRoundTimeoutMillis,
        permissions == null ? "open" : permissions,
        organisations == null ? List.of() : organisations,
        parameters == null ? Map.of() : parameters);
  }

  /** A genesis with open permissions and the validators as the one organisation. */
  public Genesis(
      String chainId,
      String suite,
      long timestampMillis,
      List<String> validators,
      long roundTimeoutMillis,
      long maxRoundTimeoutMillis) {
    this(
        chainId,
        suite,
        timestampMillis,
        validators,
        roundTimeoutMillis,
        maxRoundTimeoutMillis,
        "open",
        List.of(),
        Map.of());
  }

  public Genesis {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(permissions, "permissions");
    organisations = List.copyOf(Objects.requireNonNull(organisations, "organisations"));
    parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters"));
    validators = List.copyOf(Objects.requireNonNull(validators, "validators"));
    if (validators.isEmpty() || validators.size() > ValidatorSet.MAX_VALIDATORS) {
      throw new IllegalArgumentException(
          "genesis needs 1.." + ValidatorSet.MAX_VALIDATORS + " validators");
    }
    SuiteId id =
        SuiteId.fromLabel(suite)
            .orElseThrow(() -> new IllegalArgumentException("unknown suite '" + suite + "'"));
    var seen = new HashSet<String>();
    for (String v : validators) {
      if (PublicKey.parse(v).suite() != id) {
        throw new IllegalArgumentException("validator " + v + " is not a " + suite + " key");
      }
      if (!seen.add(v)) {
        throw new IllegalArgumentException("validator " + v + " is listed twice");
      }
    }
    if (roundTimeoutMillis < 100 || maxRoundTimeoutMillis < roundTimeoutMillis) {
      throw new IllegalArgumentException(
          "need roundTimeoutMillis >= 100 and maxRoundTimeoutMillis >= roundTimeoutMillis");
    }
  }

  /** A one-validator chain (the dev chain). */
  public static Genesis single(String chainId, SuiteId suite, long timestampMillis, PublicKey v) {
    return new Genesis(
        chainId,
        suite.label(),
        timestampMillis,
        List.of(v.toString()),
        DEFAULT_ROUND_TIMEOUT_MILLIS,
        DEFAULT_MAX_ROUND_TIMEOUT_MILLIS);
  }

  @JsonIgnore
  public SuiteId suiteId() {
    return SuiteId.fromLabel(suite)
        .orElseThrow(() -> new IllegalArgumentException("unknown suite '" + suite + "'"));
  }

  @JsonIgnore
  public List<PublicKey> validatorKeys() {
    List<PublicKey> keys = new ArrayList<>(validators.size());
    for (String v : validators) {
      keys.add(PublicKey.parse(v));
    }
    return keys;
  }

  public ValidatorSet validatorSet(HashFunction hash) {
    return new ValidatorSet(validatorKeys(), hash);
  }

  /** Block 0's header: round 0, no transactions, the empty state root, proposer validator 0. */
  public BlockHeader header(HashFunction hash) {
    return new BlockHeader(
        chainId,
        0,
        0,
        Hash.ZERO,
        timestampMillis,
        Address.of(validatorKeys().get(0), hash),
        Hash.ZERO,
        0,
        Hash.ZERO,
        Hash.ZERO);
  }
}
