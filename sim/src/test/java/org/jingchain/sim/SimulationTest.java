package org.jingchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded simulation runs of the real node stack (consensus engine, chain, ledger, mempool, the
 * platform's services, an in-memory store as each node's disk): 4 to 7 validators, up to f
 * Byzantine (equivocating, double-voting, sending garbage, withholding votes), partitions, clogged
 * links, loss, duplication, reordering, and crashes with restarts — while idle, between effects,
 * and inside commits. After every step: agreement and validity [CONS-SAFETY-5], one state root per
 * height [CONS-VALID-3], no honest double vote [CONS-SAFETY-1..3]; after the heal, liveness
 * [CONS-LIVE-1..4]; at the end, every node's blocks replayed from genesis give the state on its
 * disk. A failure message ends with the command that replays it.
 */
class SimulationTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void safetyAndLivenessHoldUnderSeededFaults(long seed) {
    SimResult r = Simulation.run(SimConfig.forSeed(seed));
    assertThat(r.failure()).as(r.summary()).isNull();
    assertThat(r.minHonestHeight()).as(r.summary()).isGreaterThan(0);
  }

  // [CONS-LIVE-4] 120 s of faults once left a leader unable to act in its round (a QC without
  // its block, the TC of the round before ignored) while a Byzantine validator sent garbage
  @Test
  void aLeaderThatLearnedAQcBeforeItsBlockStillActsAfterLongFaults() {
    SimResult r = Simulation.run(SimConfig.forSeed(31338084).withFaultMillis(120_000));
    assertThat(r.failure()).as(r.summary()).isNull();
    assertThat(r.summary()).contains("replay: bin/sim --seed 31338084 --fault-seconds 120");
  }

  static java.util.stream.Stream<SimConfig> shapedRuns() {
    return java.util.stream.Stream.of(
        SimConfig.forSeed(5),
        SimConfig.forSeed(5).withFaultMillis(120_000),
        SimConfig.forSeed(6).withFaultMillis(33_333),
        SimConfig.reconfiguring(9, 7),
        SimConfig.reconfiguring(9, 7).withFaultMillis(90_000),
        SimConfig.catchUp(5, 4, 150_000),
        SimConfig.catchUp(5, 5, 60_000).withReconfigureEvery(7),
        SimConfig.forSeed(6).withContracts());
  }

  // a failure line must replay as printed: it carries every option that shaped the run
  @ParameterizedTest
  @MethodSource("shapedRuns")
  void theReplayCommandRebuildsTheSameRun(SimConfig config) {
    String command = config.replayCommand();
    assertThat(command).startsWith("bin/sim ");
    var args = java.util.List.of(command.substring("bin/sim ".length()).split(" "));
    assertThat(SimMain.parse(args).configFor(config.seed())).isEqualTo(config);
  }

  // issue 15: every validator executes contracts — storage, logs, reverts, calls into themselves
  // up to 32 deep that sometimes revert — to the same state, under the seed's faults and
  // Byzantine validators (the replay checker re-executes every node's blocks from genesis)
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(longs = {5, 6, 11, 12})
  void validatorsExecuteContractsToTheSameState(long seed) {
    Simulation sim = new Simulation(SimConfig.forSeed(seed).withContracts());
    sim.execute();
    SimNode n = sim.nodes().stream().filter(SimNode::honest).findFirst().orElseThrow();
    int called = 0;
    int reverted = 0;
    int logs = 0;
    for (long h = 1; h <= n.committedHeight(); h++) {
      for (org.jingchain.types.Receipt r : n.disk.receipts(h)) {
        called += (int) r.events().stream().filter(e -> e.type().equals("called")).count();
        logs += (int) r.events().stream().filter(e -> e.type().equals("log")).count();
        reverted += r.code().equals("EVM_REVERT") ? 1 : 0;
      }
    }
    assertThat(called).as("successful contract calls").isPositive();
    assertThat(reverted).as("reverted contract calls").isPositive();
    assertThat(logs).as("logs, several per call from nested frames").isGreaterThan(called);
    var contract =
        org.jingchain.evm.Evm.createAddress(
            org.jingchain.contracts.EvmAddresses.of(SimClients.CONTRACT_USER.address()), 0);
    assertThat(
            org.jingchain.contracts.EvmStore.account(n.disk::latest, contract).orElseThrow().code())
        .isEqualTo(SimClients.CONTRACT_RUNTIME);
    assertThat(SimConfig.forSeed(seed).withContracts().replayCommand()).endsWith(" --contracts");
  }

  @Test
  void aRunReplaysExactlyFromItsSeed() {
    SimResult a = Simulation.run(SimConfig.forSeed(77));
    SimResult b = Simulation.run(SimConfig.forSeed(77));
    assertThat(b).isEqualTo(a);
    assertThat(a.steps()).isGreaterThan(100);
  }

  // the replay checker is not vacuous: a node whose disk holds state its blocks do not produce
  // fails
  @Test
  void theReplayCheckCatchesADiskWhoseStateItsBlocksDoNotProduce() {
    Simulation sim = new Simulation(SimConfig.forSeed(3));
    sim.execute();
    SimNode n = sim.nodes().stream().filter(SimNode::honest).findFirst().orElseThrow();
    long head = n.committedHeight();
    var tree = new org.jingchain.state.StateTree(n.disk, SimSuite.INSTANCE);
    var changes =
        new java.util.TreeMap<
            org.jingchain.types.Bytes, java.util.Optional<org.jingchain.types.Bytes>>();
    changes.put(
        org.jingchain.types.Bytes.wrap(new byte[] {'x'}),
        java.util.Optional.of(org.jingchain.types.Bytes.wrap(new byte[] {1})));
    var last = n.disk.block(head).orElseThrow().header();
    var forged =
        new org.jingchain.types.Block(
            new org.jingchain.types.BlockHeader(
                last.chainId(),
                head + 1,
                last.round() + 1,
                SimSuite.INSTANCE.hash(org.jingchain.codec.Canonical.encode(last)),
                last.timestampMillis(),
                last.proposer(),
                org.jingchain.types.MerkleRoot.of(java.util.List.of(), SimSuite.INSTANCE),
                0,
                tree.rootHash(head),
                org.jingchain.types.MerkleRoot.of(
                    n.disk.receipts(head).stream()
                        .map(r -> SimSuite.INSTANCE.hash(org.jingchain.codec.Canonical.encode(r)))
                        .toList(),
                    SimSuite.INSTANCE)),
            java.util.List.of());
    n.disk.commit(
        new org.jingchain.storage.BlockCommit(
            forged,
            SimSuite.INSTANCE.hash(org.jingchain.codec.Canonical.encode(forged.header())),
            java.util.List.of(),
            java.util.List.of(),
            tree.update(head, head + 1, changes),
            changes));
    assertThatThrownBy(() -> sim.replayCheck())
        .isInstanceOf(SimulationFailure.class)
        .hasMessageContaining("replaying its blocks from genesis gives");
  }

  @Test
  void theSeedsCoverEveryKindOfFault() {
    long byzantine = 0;
    long crashes = 0;
    long undecodable = 0;
    long evidence = 0;
    for (long s = 1; s <= 40; s++) {
      SimResult r = Simulation.run(SimConfig.forSeed(s));
      byzantine += r.config().behaviours().stream().filter(b -> b != Behaviour.HONEST).count();
      crashes += r.crashes();
      undecodable += r.undecodable();
      evidence += r.evidence();
    }
    assertThat(byzantine).isPositive();
    assertThat(crashes).isPositive();
    assertThat(undecodable).as("garbage reached the decoder").isPositive();
    assertThat(evidence).as("equivocation was recorded").isPositive();
  }

  // [GOV-8] validator-set changes every 7 heights (to five validators, back to four) under the
  // seed's partitions, loss and crashes: agreement, one root per epoch, no double vote in an epoch,
  // and liveness after the heal, for the fifth node too (a follower in the four-validator epochs)
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("reconfigSeeds")
  void safetyAndLivenessHoldAcrossValidatorSetChanges(long seed) {
    SimResult r = Simulation.run(SimConfig.reconfiguring(seed, 7));
    assertThat(r.failure()).as(r.summary()).isNull();
    assertThat(r.epochChanges()).as(r.summary()).isGreaterThan(4);
  }

  static LongStream reconfigSeeds() {
    return LongStream.rangeClosed(1, 60);
  }

  // [GOV-8], [GOV-11] a node down from the start crosses every epoch change by sync (each answer
  // ends at an epoch's last block with its commit proof) and then keeps up
  @Test
  void aNodeThatMissedManyEpochsCrossesThemOneByOneAndCatchesUp() {
    SimResult r = Simulation.run(SimConfig.catchUp(5, 5, 60_000).withReconfigureEvery(7));
    assertThat(r.failure()).as(r.summary()).isNull();
    assertThat(r.minHonestHeight()).as(r.summary()).isGreaterThan(400);
    assertThat(r.epochChanges()).as(r.summary()).isGreaterThan(5 * 50);
  }

  @Test
  void aReconfiguringRunReplaysExactlyFromItsSeed() {
    assertThat(Simulation.run(SimConfig.reconfiguring(9, 7)))
        .isEqualTo(Simulation.run(SimConfig.reconfiguring(9, 7)));
  }

  // [CONS-LIVE-3] a validator that missed hundreds of blocks (ten sync batches and more) syncs them
  // through the commit rule, and the others keep committing meanwhile (liveness is checked for
  // every
  // validator, and the replay check compares its disk with the others' blocks)
  @Test
  void aValidatorThatMissedHundredsOfBlocksCatchesUpWhileTheOthersGoOn() {
    SimResult r = Simulation.run(SimConfig.catchUp(5, 4, 150_000));
    assertThat(r.failure()).as(r.summary()).isNull();
    assertThat(r.minHonestHeight()).as(r.summary()).isGreaterThan(600);
  }
}
