package org.jingchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;

class ConsensusConfigTest {
  // [CONS-LIVE-1]
  @Test
  void roundTimeoutsBackOffWhileRoundsFailAndResetAfterACommit() {
    ConsensusConfig c = new ConsensusConfig("c", Hash.ZERO, 1_000, 10_000, 16, 1_000, 100);
    assertThat(c.timeoutMillis(11, 10)).isEqualTo(1_000);
    assertThat(c.timeoutMillis(12, 10)).isEqualTo(1_500);
    assertThat(c.timeoutMillis(13, 10)).isEqualTo(2_250);
    assertThat(c.timeoutMillis(30, 10)).isEqualTo(10_000);
    assertThat(c.timeoutMillis(31, 30)).isEqualTo(1_000);
  }
}
