package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redialing with exponential back-off, driven by hand instead of by a clock. */
class DialerTest {
  /** Records what the dialer schedules and runs it only when the test says so. */
  private static final class ManualTimers extends ScheduledThreadPoolExecutor {
    final List<Long> delaysMillis = new ArrayList<>();
    final List<Runnable> due = new ArrayList<>();

    ManualTimers() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
      delaysMillis.add(unit.toMillis(delay));
      due.add(task);
      return super.schedule(() -> {}, 1, TimeUnit.DAYS);
    }

    void runDue() {
      List<Runnable> now = List.copyOf(due);
      due.clear();
      now.forEach(Runnable::run);
    }
  }

  private final ManualTimers timers = new ManualTimers();
  private final PublicKey peer = TestNet.key(SuiteId.INTL).publicKey();
  private final PeerAddress address = new PeerAddress(peer, "127.0.0.1", 9);
  private boolean connected;
  private int dials;

  @AfterEach
  void stopTimers() {
    timers.shutdownNow();
  }

  // [P2P-10]
  @Test
  void failedDialsBackOffExponentiallyUpToTheMaximum() {
    Dialer dialer = dialer();
    dialer.connector(
        (a, outcome) -> {
          dials++;
          outcome.failed();
        });

    dialer.add(address);
    for (int i = 0; i < 5; i++) {
      timers.runDue();
    }

    assertThat(dials).isEqualTo(6);
    assertThat(timers.delaysMillis).containsExactly(100L, 200L, 400L, 500L, 500L, 500L);
  }

  // [P2P-10]
  @Test
  void aSuccessResetsTheBackOffAndAConnectedPeerIsNotRedialed() {
    Dialer dialer = dialer();
    List<Dialer.Outcome> pending = new ArrayList<>();
    dialer.connector(
        (a, outcome) -> {
          dials++;
          pending.add(outcome);
        });

    dialer.add(address);
    pending.removeFirst().failed();
    timers.runDue();
    pending.removeFirst().established();
    connected = true;
    dialer.peerLost(peer); // e.g. the kept duplicate was the other one: still connected
    timers.runDue();

    assertThat(dials).isEqualTo(2);
    assertThat(timers.delaysMillis).containsExactly(100L, 100L);
  }

  // [P2P-10]
  @Test
  void aRemovedPeerIsNotRedialed() {
    Dialer dialer = dialer();
    dialer.connector(
        (a, outcome) -> {
          dials++;
          outcome.failed();
        });

    dialer.add(address);
    dialer.remove(peer);
    timers.runDue();

    assertThat(dials).isEqualTo(1);
  }

  private Dialer dialer() {
    return new Dialer(timers, p -> connected, Duration.ofMillis(100), Duration.ofMillis(500));
  }
}
