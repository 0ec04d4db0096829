package org.jingchain.light;

import org.jingchain.consensus.ValidatorSet;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/** The rules a validator change must meet before a light client schedules it [LC-8]. */
final class ValidatorChanges {
  private ValidatorChanges() {}

  static void check(
      ValidatorSet next,
      long effectiveHeight,
      CommittedHeader announced,
      ValidatorSchedule schedule,
      ValidatorSet genesis)
      throws LightClientException {
    // The announcement's own commit certificate (height a + 1) must still be under the old set.
    if (announced.height() + 1 >= effectiveHeight) {
      throw new LightClientException(
          Reason.BAD_VALIDATOR_CHANGE,
          "a change effective at height "
              + effectiveHeight
              + " must be announced in a committed header below height "
              + (effectiveHeight - 1)
              + ", not at "
              + announced.height());
    }
    SuiteId suite = genesis.key(0).suite();
    for (PublicKey key : next.keys()) {
      if (key.suite() != suite) {
        throw new LightClientException(
            Reason.BAD_VALIDATOR_CHANGE,
            "new validator " + key + " is not of the chain's suite " + suite);
      }
    }
    if (effectiveHeight <= schedule.lastChangeHeight()) {
      throw new LightClientException(
          Reason.STALE,
          "a change at height "
              + effectiveHeight
              + " is not after the last change, at height "
              + schedule.lastChangeHeight());
    }
  }
}
