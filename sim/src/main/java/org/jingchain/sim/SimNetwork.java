package org.jingchain.sim;

import java.util.Random;

/**
 * The simulated network: per-message delay (so reordering), loss, duplication, partitions, and
 * clogged links. Messages travel as bytes, so every delivery goes through the real decoder.
 */
final class SimNetwork {
  private final Simulation sim;
  private final Random random;
  private final int[] partitionGroup;
  private final long[][] clogUntil;
  private double lossRate;
  private double duplicateRate;
  long sent;
  long dropped;
  long undecodable;

  SimNetwork(Simulation sim, Random random, int n) {
    this.sim = sim;
    this.random = random;
    this.partitionGroup = new int[n];
    this.clogUntil = new long[n][n];
  }

  void send(int from, int to, byte[] bytes) {
    sent++;
    if (partitionGroup[from] != partitionGroup[to] || random.nextDouble() < lossRate) {
      dropped++;
      return;
    }
    int copies = random.nextDouble() < duplicateRate ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long delay = 1L + random.nextInt(40);
      if (clogUntil[from][to] > sim.now()) {
        delay += 1_000 + random.nextInt(4_000);
      }
      SimNode target = sim.nodes().get(to);
      sim.at(sim.now() + delay, () -> sim.deliver(from, target, bytes));
    }
  }

  /** Transactions gossiped by {@code from} to every other node, under the same faults. */
  void gossip(int from, java.util.List<byte[]> txs) {
    for (SimNode target : sim.nodes()) {
      int to = target.index;
      if (to == from) {
        continue;
      }
      sent++;
      if (partitionGroup[from] != partitionGroup[to] || random.nextDouble() < lossRate) {
        dropped++;
        continue;
      }
      long delay = 1L + random.nextInt(40);
      if (clogUntil[from][to] > sim.now()) {
        delay += 1_000 + random.nextInt(4_000);
      }
      sim.at(sim.now() + delay, () -> sim.deliverTransactions(target, txs));
    }
  }

  void partition(int[] groups) {
    System.arraycopy(groups, 0, partitionGroup, 0, groups.length);
  }

  void clog(int from, int to, long untilMillis) {
    clogUntil[from][to] = untilMillis;
  }

  void setLoss(double loss, double duplicate) {
    this.lossRate = loss;
    this.duplicateRate = duplicate;
  }

  void healAll() {
    java.util.Arrays.fill(partitionGroup, 0);
    for (long[] row : clogUntil) {
      java.util.Arrays.fill(row, 0);
    }
    lossRate = 0;
    duplicateRate = 0;
  }
}
