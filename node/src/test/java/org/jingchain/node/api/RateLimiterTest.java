package org.jingchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * api.requestsPerSecond: a burst up to the limit, then one request per 1/limit seconds, per client.
 */
class RateLimiterTest {
  @Test
  void allowsABurstThenRefillsAtTheConfiguredRatePerClient() throws Exception {
    RateLimiter l = new RateLimiter(3);
    InetAddress a = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    InetAddress b = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
    long t = 1_000_000_000L;
    assertThat(l.tryAcquire(a, t)).isTrue();
    assertThat(l.tryAcquire(a, t)).isTrue();
    assertThat(l.tryAcquire(a, t)).isTrue();
    assertThat(l.tryAcquire(a, t)).as("burst exhausted").isFalse();
    assertThat(l.tryAcquire(b, t)).as("other clients are unaffected").isTrue();
    assertThat(l.tryAcquire(a, t + 333_000_000L)).as("not yet a whole token").isFalse();
    // 0.7 s at 3/s has accrued 2.1 tokens: two more requests, not three
    assertThat(l.tryAcquire(a, t + 700_000_000L)).isTrue();
    assertThat(l.tryAcquire(a, t + 700_000_000L)).isTrue();
    assertThat(l.tryAcquire(a, t + 700_000_000L)).isFalse();
  }
}
