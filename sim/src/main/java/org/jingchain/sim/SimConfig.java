package org.jingchain.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One simulation's shape, derived entirely from its seed.
 *
 * @param faultMillis how long faults are injected; then every fault heals
 * @param liveWindowMillis time after the heal within which progress must resume
 * @param requiredHeights new heights every honest validator must commit within that window
 */
public record SimConfig(
    long seed,
    int validators,
    List<Behaviour> behaviours,
    long faultMillis,
    long liveWindowMillis,
    int requiredHeights,
    boolean catchUp,
    int reconfigureEvery,
    boolean contracts) {

  public SimConfig {
    behaviours = List.copyOf(behaviours);
  }

  public SimConfig(
      long seed,
      int validators,
      List<Behaviour> behaviours,
      long faultMillis,
      long liveWindowMillis,
      int requiredHeights,
      boolean catchUp,
      int reconfigureEvery) {
    this(
        seed,
        validators,
        behaviours,
        faultMillis,
        liveWindowMillis,
        requiredHeights,
        catchUp,
        reconfigureEvery,
        false);
  }

  public SimConfig(
      long seed,
      int validators,
      List<Behaviour> behaviours,
      long faultMillis,
      long liveWindowMillis,
      int requiredHeights,
      boolean catchUp) {
    this(seed, validators, behaviours, faultMillis, liveWindowMillis, requiredHeights, catchUp, 0);
  }

  /**
   * A reconfiguring run [GOV-8]: five honest nodes under the seed's network faults and crashes; the
   * block at every multiple of {@code every} heights changes the validator set, alternately to all
   * five and back to the first four (the fifth then only follows).
   */
  public static SimConfig reconfiguring(long seed, int every) {
    Random r = new Random(seed ^ 0x5DEECE66DL);
    List<Behaviour> honest = java.util.Collections.nCopies(5, Behaviour.HONEST);
    return new SimConfig(seed, 5, honest, 20_000 + r.nextInt(20_000), 60_000, 5, false, every);
  }

  /**
   * A catch-up run: no faults but one validator down from the start while the others commit for
   * {@code downMillis}; after it restarts it must sync everything and then keep up.
   */
  public static SimConfig catchUp(long seed, int validators, long downMillis) {
    List<Behaviour> honest = java.util.Collections.nCopies(validators, Behaviour.HONEST);
    return new SimConfig(seed, validators, honest, downMillis, 120_000, 5, true);
  }

  /** A configuration chosen from {@code seed}: 4 to 7 validators, up to f of them Byzantine. */
  public static SimConfig forSeed(long seed) {
    Random r = new Random(seed ^ 0x5DEECE66DL);
    int[] sizes = {4, 4, 4, 5, 7};
    int n = sizes[r.nextInt(sizes.length)];
    int f = (n - 1) / 3;
    int byzantine = r.nextInt(f + 1);
    List<Behaviour> bs = new ArrayList<>();
    Behaviour[] bad = {
      Behaviour.EQUIVOCATE, Behaviour.DOUBLE_VOTE, Behaviour.GARBAGE, Behaviour.WITHHOLD
    };
    for (int i = 0; i < n; i++) {
      bs.add(i < byzantine ? bad[r.nextInt(bad.length)] : Behaviour.HONEST);
    }
    java.util.Collections.shuffle(bs, r);
    return new SimConfig(seed, n, bs, 20_000 + r.nextInt(20_000), 60_000, 5, false);
  }

  /** The same run with a validator-set change every {@code every} heights [GOV-8]. */
  public SimConfig withReconfigureEvery(int every) {
    return new SimConfig(
        seed,
        validators,
        behaviours,
        faultMillis,
        liveWindowMillis,
        requiredHeights,
        catchUp,
        every,
        contracts);
  }

  /**
   * The command that replays this run: {@code bin/sim --seed S} with every option that makes it
   * differ from what the seed alone gives ({@link SimMain#parse} reads it back to this config).
   */
  public String replayCommand() {
    StringBuilder b = new StringBuilder("bin/sim --seed ").append(seed);
    SimConfig base;
    if (catchUp) {
      b.append(" --catch-up ").append(validators);
      base = catchUp(seed, validators, 60_000);
      if (reconfigureEvery > 0) {
        b.append(" --reconfigure-every ").append(reconfigureEvery);
        base = base.withReconfigureEvery(reconfigureEvery);
      }
    } else if (reconfigureEvery > 0) {
      b.append(" --reconfigure-every ").append(reconfigureEvery);
      base = reconfiguring(seed, reconfigureEvery);
    } else {
      base = forSeed(seed);
    }
    if (contracts) {
      b.append(" --contracts");
    }
    if (faultMillis != base.faultMillis()) {
      b.append(
          faultMillis % 1000 == 0
              ? " --fault-seconds " + faultMillis / 1000
              : " --fault-millis " + faultMillis);
    }
    return b.toString();
  }

  /** A longer run: the same mix over {@code faultMillis} of faults. */
  public SimConfig withFaultMillis(long millis) {
    return new SimConfig(
        seed,
        validators,
        behaviours,
        millis,
        liveWindowMillis,
        requiredHeights,
        catchUp,
        reconfigureEvery,
        contracts);
  }

  /**
   * The same run with a contract-heavy workload: one more client deploys an EVM contract and calls
   * it with every transaction — storage writes, logs, reverts, and calls into itself up to 32 deep
   * that sometimes revert — so every validator must execute contracts to the same state.
   */
  public SimConfig withContracts() {
    return new SimConfig(
        seed,
        validators,
        behaviours,
        faultMillis,
        liveWindowMillis,
        requiredHeights,
        catchUp,
        reconfigureEvery,
        true);
  }
}
