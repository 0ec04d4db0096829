package org.jingchain.light;

import java.util.Map;
import java.util.TreeMap;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.light.LightClientException.Reason;

/**
 * Which validator set certifies each height: the genesis set, then each accepted change from its
 * effective height on [LC-8]. Holds at most {@link #MAX_SETS} sets, dropping the oldest.
 */
final class ValidatorSchedule {
  /** Bound on remembered sets; heights below the oldest kept one can no longer be verified. */
  static final int MAX_SETS = 256;

  private final TreeMap<Long, ValidatorSet> byFirstHeight = new TreeMap<>();

  ValidatorSchedule(ValidatorSet genesis) {
    byFirstHeight.put(0L, genesis);
  }

  /** The set whose certificates count at {@code height}. */
  synchronized ValidatorSet at(long height) throws LightClientException {
    Map.Entry<Long, ValidatorSet> e = byFirstHeight.floorEntry(height);
    if (e == null) {
      throw new LightClientException(
          Reason.STALE,
          "height "
              + height
              + " is below the oldest validator set kept (from height "
              + byFirstHeight.firstKey()
              + ")");
    }
    return e.getValue();
  }

  /** The first height of the newest set (0 for the genesis set). */
  synchronized long lastChangeHeight() {
    return byFirstHeight.lastKey();
  }

  /** Adds a set from {@code effectiveHeight} on; the caller checked it is after the last change. */
  synchronized void add(long effectiveHeight, ValidatorSet next) {
    byFirstHeight.put(effectiveHeight, next);
    while (byFirstHeight.size() > MAX_SETS) {
      byFirstHeight.pollFirstEntry();
    }
  }
}
