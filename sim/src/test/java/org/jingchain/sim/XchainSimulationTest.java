package org.jingchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.jingchain.asset.AssetContract;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;
import org.jingchain.xchain.XchainKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded two-chain runs ({@link XchainSimulation}): both chains' consensus interleaved in one
 * simulated time under network faults and crashes, racing relayers that are paused, read stale
 * nodes and forge; [XC-16] checked after every block of either chain; every forgery refused;
 * everything settled after the heal. A failure ends with the command that replays it.
 */
class XchainSimulationTest {
  static final int SEEDS = 12;
  static final Map<String, Integer> SEEN = new TreeMap<>();
  static int runs;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, SEEDS);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void yuanAreConservedAtEveryHeightOfBothChainsWhateverTheRelayersDo(long seed) {
    XchainSimulation.Result r = XchainSimulation.run(XchainSimulation.Config.forSeed(seed));
    assertThat(r.failure()).as(r.summary()).isNull();
    assertThat(r.checks()).as(r.summary()).isGreaterThan(r.heightA() + r.heightB());
    synchronized (SEEN) {
      r.seen().forEach((k, v) -> SEEN.merge(k, v, Integer::sum));
      runs++;
    }
  }

  /** What the seeds made happen: each path must have been taken somewhere. */
  @AfterAll
  static void everyPathWasTaken() {
    if (runs < SEEDS) {
      return; // a single seed replayed need not take every path
    }
    assertThat(SEEN)
        .as("the seeds exercise every path")
        .containsKeys(
            "VoucherMinted", // A -> B received
            "TokensReleased", // B -> A received: yuan leave escrow
            "AckWritten success=false", // a bad receiver
            "TransferRefunded", // error acknowledgements and time-outs
            "PacketTimedOut",
            "PacketAlreadyReceived", // racing relayers: a no-op
            "EpochFollowed", // a client follows its chain's validator-set change [XC-3]
            "forgery refused XC_BAD_PROOF");
  }

  // the check is not vacuous: a voucher that no escrow backs fails it, and so do yuan lost on A
  @Test
  void theConservationCheckCatchesAVoucherOutOfThinAirAndYuanLost() {
    XchainSimulation sim = new XchainSimulation(XchainSimulation.Config.forSeed(1));
    sim.execute();
    StateReader onA = sim.newestState(sim.chainA());
    StateReader onB = sim.newestState(sim.chainB());
    XchainSimulation.conserved(onA, onB);
    Bytes bobsVouchers =
        WriteSet.key(XchainKeys.voucher(XchainSimulation.VOUCHER, XchainSimulation.BOB.address()));
    StateReader extraVoucher =
        k ->
            k.equals(bobsVouchers)
                ? Optional.of(number(balance(onB, bobsVouchers) + 1))
                : onB.get(k);
    assertThatThrownBy(() -> XchainSimulation.conserved(onA, extraVoucher))
        .isInstanceOf(SimulationFailure.class)
        .hasMessageContaining("[XC-16] escrowed on A");
    Bytes alicesYuan =
        WriteSet.key(
            AssetContract.balanceKey(XchainSimulation.ALICE.address(), XchainSimulation.YUAN));
    StateReader yuanLost =
        k -> k.equals(alicesYuan) ? Optional.of(number(balance(onA, alicesYuan) - 1)) : onA.get(k);
    assertThatThrownBy(() -> XchainSimulation.conserved(yuanLost, onB))
        .isInstanceOf(SimulationFailure.class)
        .hasMessageContaining("yuan appeared or vanished on A");
  }

  private static long balance(StateReader s, Bytes key) {
    return s.get(key).map(v -> ByteBuffer.wrap(v.unsafeArray()).getLong()).orElse(0L);
  }

  private static Bytes number(long n) {
    return Bytes.wrap(ByteBuffer.allocate(8).putLong(n).array());
  }

  // the line a failure prints replays it
  @Test
  void theReplayCommandParsesBackToTheSameSeed() {
    String command = XchainSimulation.Config.forSeed(42).replayCommand();
    assertThat(command).isEqualTo("bin/sim --xchain --seed 42");
    var campaign =
        SimMain.parse(java.util.List.of(command.substring("bin/sim ".length()).split(" ")));
    assertThat(campaign.xchain()).isTrue();
    assertThat(campaign.from()).isEqualTo(42);
    assertThat(campaign.count()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                SimMain.parse(java.util.List.of("--xchain", "--seed", "1", "--fault-seconds", "9")))
        .hasMessageContaining("--xchain takes only");
  }

  @Test
  void aRunReplaysExactlyFromItsSeed() {
    XchainSimulation.Result a = XchainSimulation.run(XchainSimulation.Config.forSeed(5));
    XchainSimulation.Result b = XchainSimulation.run(XchainSimulation.Config.forSeed(5));
    assertThat(b).isEqualTo(a);
  }
}
