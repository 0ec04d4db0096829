package org.jingchain.node.consensus;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator hears about an authenticated validator's messages that are dropped as
 * undecodable or invalid: the first at once, then at most one line a minute per validator counting
 * the rest, so a faulty or hostile peer is visible in the log without filling the disk. Times are
 * the engine's clock, passed in.
 */
final class RejectionLog {
  static final long QUIET_MILLIS = 60_000;

  private final Map<Integer, long[]> byValidator = new HashMap<>(); // {last line at, quiet count}

  /** The line to log for this rejection, or empty when one was logged less than a minute ago. */
  synchronized Optional<String> note(int validator, String what, long nowMillis) {
    long[] s = byValidator.get(validator);
    if (s != null && nowMillis - s[0] < QUIET_MILLIS) {
      s[1]++;
      return Optional.empty();
    }
    long quiet = s == null ? 0 : s[1];
    byValidator.put(validator, new long[] {nowMillis, 0});
    return Optional.of(
        "dropped a message from validator "
            + validator
            + ": "
            + what
            + (quiet == 0 ? "" : " (and " + quiet + " more from it since the last such line)"));
  }
}
