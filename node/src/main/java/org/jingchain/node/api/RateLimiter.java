package org.jingchain.node.api;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-client token buckets: each client address may make {@code perSecond} requests per second on
 * average, with bursts up to the same number. Tracks at most 10,000 clients (least recently seen
 * are forgotten).
 */
final class RateLimiter {
  private static final int MAX_CLIENTS = 10_000;
  private final double perSecond;
  private final Map<InetAddress, double[]> buckets =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  RateLimiter(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Takes one token for {@code client} at {@code nowNanos}; false when it has none left. */
  synchronized boolean tryAcquire(InetAddress client, long nowNanos) {
    double[] b = buckets.computeIfAbsent(client, c -> new double[] {perSecond, nowNanos});
    double elapsed = (nowNanos - (long) b[1]) / 1e9;
    b[0] = Math.min(perSecond, b[0] + elapsed * perSecond);
    b[1] = nowNanos;
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }
}
