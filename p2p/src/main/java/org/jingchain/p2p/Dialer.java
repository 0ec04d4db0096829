package org.jingchain.p2p;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jingchain.types.PublicKey;

/**
 * Keeps dialing the configured peers until each is connected, one attempt at a time per peer, with
 * exponential back-off between {@code reconnectMin} and {@code reconnectMax} [P2P-10]. Wall-clock
 * timers are fine here: this is the edge of the system, and nothing above depends on the timing.
 */
final class Dialer {
  /** Opens a connection and runs the initiator handshake; reports once to {@code outcome}. */
  interface Connector {
    void dial(PeerAddress address, Outcome outcome);
  }

  /** The end of one dial attempt. */
  interface Outcome {
    void established();

    void failed();
  }

  private static final class Target {
    PeerAddress address;
    long backoffMillis;
    ScheduledFuture<?> timer;
    boolean inFlight;
  }

  private final ScheduledExecutorService timers;
  private final Predicate<PublicKey> connected;
  private final long minMillis;
  private final long maxMillis;
  private final Map<PublicKey, Target> targets = new HashMap<>(); // guarded by this
  private volatile Connector connector; // set once before the first dial
  private boolean closed; // guarded by this

  Dialer(
      ScheduledExecutorService timers,
      Predicate<PublicKey> connected,
      Duration reconnectMin,
      Duration reconnectMax) {
    this.timers = timers;
    this.connected = connected;
    this.minMillis = reconnectMin.toMillis();
    this.maxMillis = reconnectMax.toMillis();
  }

  void connector(Connector c) {
    this.connector = c;
  }

  /** Adds or re-addresses a peer and dials it now unless it is connected or being dialed. */
  void add(PeerAddress address) {
    synchronized (this) {
      if (closed) {
        return;
      }
      Target t = targets.computeIfAbsent(address.key(), k -> new Target());
      t.address = address;
      t.backoffMillis = minMillis;
      cancelTimer(t);
    }
    attempt(address.key());
  }

  /** Stops dialing {@code peer}; a connection it has stays up. */
  synchronized void remove(PublicKey peer) {
    Target t = targets.remove(peer);
    if (t != null) {
      cancelTimer(t);
    }
  }

  /** The peer's last connection closed: dial it again after the back-off, if it is a target. */
  synchronized void peerLost(PublicKey peer) {
    Target t = targets.get(peer);
    if (t != null && !t.inFlight && t.timer == null) {
      schedule(peer, t);
    }
  }

  synchronized void close() {
    closed = true;
    targets.values().forEach(Dialer::cancelTimer);
    targets.clear();
  }

  private void attempt(PublicKey peer) {
    PeerAddress address;
    synchronized (this) {
      Target t = targets.get(peer);
      if (closed || t == null) {
        return;
      }
      t.timer = null;
      if (t.inFlight || connected.test(peer)) {
        return;
      }
      t.inFlight = true;
      address = t.address;
    }
    // Outside the lock: a connect to 127.0.0.1 can complete, and even fail, inside this call.
    connector.dial(address, outcome(peer));
  }

  private Outcome outcome(PublicKey peer) {
    return new Outcome() {
      @Override
      public void established() {
        synchronized (Dialer.this) {
          Target t = targets.get(peer);
          if (t != null) {
            t.inFlight = false;
            t.backoffMillis = minMillis;
          }
        }
      }

      @Override
      public void failed() {
        synchronized (Dialer.this) {
          Target t = targets.get(peer);
          if (t != null) {
            t.inFlight = false;
            schedule(peer, t);
          }
        }
      }
    };
  }

  private void schedule(PublicKey peer, Target t) {
    if (closed) {
      return;
    }
    cancelTimer(t);
    try {
      t.timer = timers.schedule(() -> attempt(peer), t.backoffMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException shuttingDown) {
      return;
    }
    t.backoffMillis = Math.min(t.backoffMillis * 2, maxMillis);
  }

  private static void cancelTimer(Target t) {
    if (t.timer != null) {
      t.timer.cancel(false);
      t.timer = null;
    }
  }
}
