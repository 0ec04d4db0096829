package org.jingchain.p2p;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * [P2P-5] Who may hold the node's pending-handshake slots, and how often one address may start a
 * handshake — checked when a connection is accepted, before any key agreement or signature. A
 * responder does real work for a HELLO that names its key (a key agreement and a signature), and
 * anyone can name it: the key is in the genesis file. So each source address may start at most
 * {@link #HANDSHAKES_PER_SECOND} handshakes a second (bursts of {@link #HANDSHAKE_BURST}) and hold
 * at most an eighth of the slots, and addresses that are no configured peer's share at most half of
 * them: a flood from anywhere else leaves the validators their way in.
 */
final class SourceLimits {
  static final double HANDSHAKES_PER_SECOND = 10;
  static final int HANDSHAKE_BURST = 20;
  static final int MAX_SOURCES = 4096;

  /** Why an accepted connection is refused before its handshake, or null when it may proceed. */
  enum Refusal {
    TOTAL,
    UNKNOWN_SOURCES,
    PER_SOURCE,
    RATE
  }

  private static final class Source {
    int pending;
    double tokens = HANDSHAKE_BURST;
    long refilledNanos;
  }

  private final int maxPending;
  private final Map<InetAddress, Source> sources = new HashMap<>();
  private int pending;
  private int pendingUnknown;

  SourceLimits(int maxPending) {
    this.maxPending = maxPending;
  }

  int perSource() {
    return Math.max(1, maxPending / 8);
  }

  int unknownShare() {
    return Math.max(1, maxPending / 2);
  }

  /**
   * Takes a pending slot for a connection from {@code from} at {@code nowNanos}; {@code known} when
   * the address is one of the configured peers'. Returns null when taken (release it with {@link
   * #release}), else why not (nothing taken).
   */
  synchronized Refusal acquire(InetAddress from, boolean known, long nowNanos) {
    Source s = sources.get(from);
    if (s == null && sources.size() >= MAX_SOURCES) {
      // many addresses at once (an IPv6 range): forget the idle ones, their buckets refill
      sources.values().removeIf(x -> x.pending == 0);
      if (sources.size() >= MAX_SOURCES) {
        return Refusal.TOTAL;
      }
    }
    if (s == null) {
      s = new Source();
      s.refilledNanos = nowNanos;
      sources.put(from, s);
    }
    s.tokens =
        Math.min(
            HANDSHAKE_BURST, s.tokens + (nowNanos - s.refilledNanos) / 1e9 * HANDSHAKES_PER_SECOND);
    s.refilledNanos = nowNanos;
    Refusal r = null;
    if (s.tokens < 1) {
      r = Refusal.RATE;
    } else if (pending >= maxPending) {
      r = Refusal.TOTAL;
    } else if (!known && s.pending >= perSource()) {
      r = Refusal.PER_SOURCE;
    } else if (!known && pendingUnknown >= unknownShare()) {
      r = Refusal.UNKNOWN_SOURCES;
    }
    if (r != Refusal.RATE) {
      s.tokens -= 1; // a refused attempt costs too: refusing is work
    }
    if (r != null) {
      forgetIfIdle(from, s);
      return r;
    }
    s.pending++;
    pending++;
    if (!known) {
      pendingUnknown++;
    }
    return null;
  }

  synchronized void release(InetAddress from, boolean known) {
    Source s = sources.get(from);
    if (s == null || s.pending == 0) {
      return;
    }
    s.pending--;
    pending--;
    if (!known) {
      pendingUnknown--;
    }
    forgetIfIdle(from, s);
  }

  synchronized int pending() {
    return pending;
  }

  /** A source with nothing pending and a full bucket is dropped, so the map stays small. */
  private void forgetIfIdle(InetAddress from, Source s) {
    if (s.pending == 0 && s.tokens >= HANDSHAKE_BURST) {
      sources.remove(from);
    }
  }
}
