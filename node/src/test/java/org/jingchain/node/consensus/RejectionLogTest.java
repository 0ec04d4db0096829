package org.jingchain.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RejectionLogTest {
  // a validator sending garbage is named in the log at once, then once a minute with a count
  @Test
  void theFirstDroppedMessageIsLoggedThenOneLineAMinuteCountsTheRest() {
    RejectionLog log = new RejectionLog();
    assertThat(log.note(2, "undecodable (3 bytes): unknown message kind 9", 1_000))
        .hasValue(
            "dropped a message from validator 2: undecodable (3 bytes): unknown message kind 9");
    for (int i = 0; i < 500; i++) {
      assertThat(log.note(2, "undecodable", 1_001 + i)).isEmpty();
    }
    assertThat(log.note(1, "bad signature", 1_600)).as("another validator").isPresent();
    assertThat(log.note(2, "bad signature", 1_000 + RejectionLog.QUIET_MILLIS))
        .hasValue(
            "dropped a message from validator 2: bad signature (and 500 more from it since the"
                + " last such line)");
    assertThat(log.note(2, "bad signature", 2_000 + RejectionLog.QUIET_MILLIS)).isEmpty();
  }
}
