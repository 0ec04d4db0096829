package org.jingchain.light;

import java.util.Objects;
import org.jingchain.consensus.ValidatorSet;

/**
 * An epoch a client trusts: its number, the first height its validators certify, and the set — the
 * genesis set as epoch 0 from height 0, or an epoch the client verified before and kept (a chain's
 * client of another chain keeps its epochs in state, docs/spec/xchain.md).
 */
public record TrustedEpoch(long number, long firstHeight, ValidatorSet validators) {
  public TrustedEpoch {
    Objects.requireNonNull(validators, "validators");
    if (number < 0 || firstHeight < 0) {
      throw new IllegalArgumentException("negative epoch number or first height");
    }
  }
}
