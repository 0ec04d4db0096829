package org.jingchain.service;

import java.util.List;
import java.util.OptionalLong;
import org.jingchain.execution.StateReader;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;

/**
 * What consensus and block production read from the chain's state: who validates (an epoch ends at
 * the block after which this changes, docs/spec/governance.md [GOV-8]) and the limits governance
 * set [GOV-12]. Deterministic: a function of the state it is given.
 */
public interface ChainRules {
  /** The state key holding the validator set, whose proof light clients follow [GOV-10]. */
  Bytes validatorsKey();

  /** The validators, in leader order, in {@code state}. */
  List<PublicKey> validators(StateReader state);

  /** The validators in a value of {@link #validatorsKey()}. */
  List<PublicKey> decodeValidators(Bytes value);

  /** The block and mempool limits set in {@code state}. */
  Parameters parameters(StateReader state);

  /**
   * [ACC-1] Who may read the API routes of {@code family} (docs/spec/api-access.md) in {@code
   * state}; anyone, unless governance set a rule.
   */
  default org.jingchain.service.api.ReadRule readRule(StateReader state, String family) {
    return org.jingchain.service.api.ReadRule.PUBLIC;
  }

  /**
   * [ACC-10] Whether the chain admits transactions from members only in {@code state}: there a
   * reader who is no member sees only the public records of the services.
   */
  default boolean membersOnly(StateReader state) {
    return false;
  }

  /** [ACC-5] {@code account}'s organisation and roles in {@code state}; empty when it has none. */
  default java.util.Optional<org.jingchain.service.api.Caller.Membership> membership(
      StateReader state, org.jingchain.types.Address account) {
    return java.util.Optional.empty();
  }

  /** Limits governance set; each empty when not set (the node's configuration applies then). */
  record Parameters(
      OptionalLong blockIntervalMillis,
      OptionalLong blockMaxTxs,
      OptionalLong blockMaxBytes,
      OptionalLong mempoolMaxTxs,
      OptionalLong mempoolMaxBytes,
      OptionalLong blockMaxGas) {
    public static final Parameters NONE =
        new Parameters(
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty());
  }
}
