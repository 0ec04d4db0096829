package org.jingchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;

/**
 * [CONS-LIVE-4] The leader of round r + 1 may form the QC of round r from the votes before the
 * proposal of round r reaches it (votes go to it directly, the proposal is broadcast). It then
 * enters r + 1 with a QC whose block it lacks; it must still lead and time out that round. Found by
 * {@code bin/sim --seed 31338084 --fault-seconds 120}, where such a leader sat in its round for 32
 * simulated seconds while a Byzantine validator withheld the timeout the others needed.
 */
class LeaderWithoutBlockTest {
  private static final String CHAIN = "jing-live-test";
  private final TestValidators vs = new TestValidators(CryptoSuites.intl(), 4);

  /** Messages in flight, delivered first in first out; held ones wait for {@link #release}. */
  private record InFlight(int from, int to, ConsensusMessage message) {}

  private final Deque<InFlight> wire = new ArrayDeque<>();
  private final List<InFlight> held = new ArrayList<>();
  private final List<ConsensusCore> cores = new ArrayList<>();
  private final Map<Integer, List<Long>> built = new HashMap<>();
  private final Map<Integer, List<Long>> timeoutsSigned = new HashMap<>();
  private final Map<Integer, Long> committed = new HashMap<>();
  private Predicate<InFlight> hold = m -> false;
  private long now = 1_000;
  private static final long MAX_ROUND = 8;

  private void start() {
    for (int i = 0; i < 4; i++) {
      TestLedger ledger = new TestLedger(CHAIN);
      ConsensusConfig config =
          new ConsensusConfig(CHAIN, ledger.genesisHash, 1_000, 8_000, 16, 1_000, 1_000);
      int self = i;
      cores.add(
          new ConsensusCore(
              config, vs.set, self, vs.signer(self), vs.suite::verify, vs.suite, ledger, null));
    }
    for (int i = 0; i < 4; i++) {
      step(i, new Event.Start());
    }
  }

  private void step(int node, Event e) {
    for (Effect f : cores.get(node).step(e, now)) {
      switch (f) {
        case Effect.Send s -> wire.add(new InFlight(node, s.to(), s.message()));
        case Effect.Broadcast b -> {
          if (b.message() instanceof ConsensusMessage.Timeout t && t.sender() == node) {
            timeoutsSigned.computeIfAbsent(node, k -> new ArrayList<>()).add(t.round());
          }
          for (int to = 0; to < 4; to++) {
            if (to != node) {
              wire.add(new InFlight(node, to, b.message()));
            }
          }
        }
        case Effect.BuildBlock b -> {
          built.computeIfAbsent(node, k -> new ArrayList<>()).add(b.round());
          BlockHeader parent = b.parent().block().header();
          Block block =
              new Block(
                  new BlockHeader(
                      CHAIN,
                      parent.height() + 1,
                      b.round(),
                      b.parentHash(),
                      now,
                      vs.set.address(node),
                      Hash.ZERO,
                      0,
                      Hash.ZERO,
                      Hash.ZERO),
                  List.of());
          step(node, new Event.BlockBuilt(b.round(), block));
        }
        case Effect.Commit c -> committed.put(node, c.blocks().getLast().block().header().height());
        default -> {}
      }
    }
  }

  /**
   * Delivers until nothing is in flight or rounds reach {@link #MAX_ROUND} (a live network never
   * runs dry); held messages stay aside.
   */
  private void pump() {
    while (!wire.isEmpty() && cores.stream().allMatch(c -> c.currentRound() < MAX_ROUND)) {
      InFlight m = wire.poll();
      if (hold.test(m)) {
        held.add(m);
        continue;
      }
      now++;
      step(m.to(), new Event.MessageReceived(m.from(), m.message()));
    }
  }

  /** Lets the held messages that {@code which} selects go, and holds only the rest from now. */
  private void release(Predicate<InFlight> which) {
    Predicate<InFlight> before = hold;
    hold = m -> before.test(m) && !which.test(m);
    held.removeIf(
        m -> {
          if (which.test(m)) {
            wire.add(m);
            return true;
          }
          return false;
        });
    pump();
  }

  private void timersFire() {
    now += 10_000;
    for (int i = 0; i < 4; i++) {
      step(i, new Event.TimerFired(cores.get(i).currentRound()));
    }
  }

  private static boolean isSync(InFlight m) {
    return m.message() instanceof ConsensusMessage.SyncRequest
        || m.message() instanceof ConsensusMessage.SyncResponse;
  }

  private static boolean isProposal(InFlight m, long round) {
    return m.message() instanceof ConsensusMessage.Proposal p && p.round() == round;
  }

  @Test
  void aLeaderThatFormedTheQcBeforeTheBlockArrivedTakesTheBlockAndLeads() {
    start();
    int next = vs.set.leader(3);
    // the votes of round 2 overtake its proposal; no sync answer brings the block meanwhile
    hold = m -> (m.to() == next && isProposal(m, 2)) || isSync(m);
    pump();
    ConsensusCore leader = cores.get(next);
    assertThat(leader.currentRound()).as("entered round 3 on the QC of round 2").isEqualTo(3);
    assertThat(leader.highQc().round()).as("without the block, the QC is not its high QC").isZero();
    assertThat(built.getOrDefault(next, List.of())).doesNotContain(3L);

    release(m -> isProposal(m, 2)); // the late proposal arrives; still no sync answer

    assertThat(leader.highQc().round()).isGreaterThanOrEqualTo(2);
    assertThat(built.get(next)).as("it leads round 3").contains(3L);
    assertThat(cores).allSatisfy(c -> assertThat(c.currentRound()).isGreaterThan(3));
    assertThat(committed.values()).allSatisfy(h -> assertThat(h).isGreaterThanOrEqualTo(2));
  }

  @Test
  void aLeaderWhoseQcStaysUnresolvedTimesOutAndLeadsOnTheTimeoutCertificate() {
    start();
    int next = vs.set.leader(3);
    // round 2's proposal never reaches the next leader, and nobody answers its sync requests
    hold = m -> (m.to() == next && isProposal(m, 2)) || isSync(m);
    pump();
    assertThat(cores.get(next).currentRound()).isEqualTo(3);
    assertThat(cores.get(next).highQc().round()).isZero();

    timersFire(); // the others time out round 2 and move to round 3 on its TC
    pump();
    timersFire(); // round 3 times out too: their timeouts carry the TC of round 2
    pump();

    assertThat(timeoutsSigned.get(next))
        .as("the next leader timed out round 3 despite the QC it could not resolve")
        .contains(3L);
    assertThat(built.get(next)).as("and led round 3 on the TC of round 2").contains(3L);
  }
}
