package org.jingchain.light;

import java.util.Map;
import java.util.TreeMap;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.light.LightClientException.Reason;

/**
 * Which epoch, and so which validator set, certifies each height: the genesis set as epoch 0 from
 * height 0, then each followed epoch from the height after its predecessor's last block [LC-8].
 * Holds at most {@link #MAX_SETS} epochs, dropping the oldest.
 */
final class ValidatorSchedule {
  /** Bound on remembered epochs; heights below the oldest kept one can no longer be verified. */
  static final int MAX_SETS = 256;

  /**
   * One epoch: its validators certify heights from {@code firstHeight} until the next epoch's first
   * height, signing with {@code VoteData.signingBytes(number)}.
   */
  record Epoch(long firstHeight, long number, ValidatorSet validators) {}

  private final TreeMap<Long, Epoch> byFirstHeight = new TreeMap<>();

  ValidatorSchedule(ValidatorSet genesis) {
    byFirstHeight.put(0L, new Epoch(0, 0, genesis));
  }

  /**
   * A schedule of trusted epochs: consecutive numbers, strictly increasing first heights, at most
   * {@link #MAX_SETS}.
   *
   * @throws IllegalArgumentException otherwise
   */
  ValidatorSchedule(java.util.List<TrustedEpoch> epochs) {
    if (epochs.isEmpty() || epochs.size() > MAX_SETS) {
      throw new IllegalArgumentException("1.." + MAX_SETS + " epochs, got " + epochs.size());
    }
    TrustedEpoch previous = null;
    for (TrustedEpoch e : epochs) {
      if (previous != null
          && (e.number() != previous.number() + 1 || e.firstHeight() <= previous.firstHeight())) {
        throw new IllegalArgumentException(
            "epochs must have consecutive numbers and increasing first heights: "
                + previous
                + " then "
                + e);
      }
      byFirstHeight.put(e.firstHeight(), new Epoch(e.firstHeight(), e.number(), e.validators()));
      previous = e;
    }
  }

  /** The epoch in force at {@code height}. */
  synchronized Epoch at(long height) throws LightClientException {
    Map.Entry<Long, Epoch> e = byFirstHeight.floorEntry(height);
    if (e == null) {
      throw new LightClientException(
          Reason.STALE,
          "height "
              + height
              + " is below the oldest epoch kept (epoch "
              + byFirstHeight.firstEntry().getValue().number()
              + ", from height "
              + byFirstHeight.firstKey()
              + ")");
    }
    return e.getValue();
  }

  /** The newest scheduled epoch (the genesis epoch until an epoch change is followed). */
  synchronized Epoch newest() {
    return byFirstHeight.lastEntry().getValue();
  }

  /**
   * Schedules {@code next} as the epoch after the newest one, from {@code firstHeight} on; the
   * caller checked that {@code firstHeight} is above the newest epoch's first height.
   */
  synchronized Epoch add(long firstHeight, ValidatorSet next) {
    Epoch newest = newest();
    if (firstHeight <= newest.firstHeight()) {
      throw new IllegalStateException(
          "epoch from height " + firstHeight + " is not after " + newest.firstHeight());
    }
    Epoch epoch = new Epoch(firstHeight, newest.number() + 1, next);
    byFirstHeight.put(firstHeight, epoch);
    while (byFirstHeight.size() > MAX_SETS) {
      byFirstHeight.pollFirstEntry();
    }
    return epoch;
  }
}
