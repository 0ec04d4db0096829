package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.jingchain.p2p.SourceLimits.Refusal;
import org.junit.jupiter.api.Test;

/**
 * [P2P-5] The pending-handshake slots by source address, and the handshake rate, on a given clock.
 */
class SourceLimitsTest {
  static InetAddress ip(int last) throws Exception {
    return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
  }

  static final long SECOND = 1_000_000_000L;

  @Test
  void unknownAddressesShareHalfTheSlotsAndEachAddressAnEighth() throws Exception {
    SourceLimits l = new SourceLimits(16); // 2 per address, 8 for unknown addresses
    long t = 0;
    assertThat(l.acquire(ip(1), false, t)).isNull();
    assertThat(l.acquire(ip(1), false, t)).isNull();
    assertThat(l.acquire(ip(1), false, t)).isEqualTo(Refusal.PER_SOURCE);
    for (int i = 2; i <= 4; i++) {
      assertThat(l.acquire(ip(i), false, t)).isNull();
      assertThat(l.acquire(ip(i), false, t)).isNull();
    }
    assertThat(l.acquire(ip(5), false, t)).isEqualTo(Refusal.UNKNOWN_SOURCES);
    // a configured peer's address still gets in, up to the total, however many share it
    for (int i = 0; i < 8; i++) {
      assertThat(l.acquire(ip(100), true, t)).isNull();
    }
    assertThat(l.pending()).isEqualTo(16);
    assertThat(l.acquire(ip(200), true, t)).isEqualTo(Refusal.TOTAL);
    l.release(ip(1), false);
    assertThat(l.pending()).isEqualTo(15);
    assertThat(l.acquire(ip(5), false, t)).isNull();
  }

  @Test
  void oneAddressStartsAtMostTenHandshakesASecondAfterABurstOfTwenty() throws Exception {
    SourceLimits l = new SourceLimits(64);
    long t = 5 * SECOND;
    for (int i = 0; i < SourceLimits.HANDSHAKE_BURST; i++) {
      assertThat(l.acquire(ip(7), false, t)).as("attempt " + i).isNull();
      l.release(ip(7), false);
    }
    assertThat(l.acquire(ip(7), false, t)).isEqualTo(Refusal.RATE);
    assertThat(l.acquire(ip(8), false, t)).as("another address").isNull();
    assertThat(l.acquire(ip(7), false, t + SECOND / 10)).as("a tenth of a second later").isNull();
    assertThat(l.acquire(ip(7), false, t + SECOND / 10)).isEqualTo(Refusal.RATE);
  }
}
