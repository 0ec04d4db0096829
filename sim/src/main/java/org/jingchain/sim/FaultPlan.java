package org.jingchain.sim;

import java.util.List;
import java.util.Random;

/**
 * Schedules the faults of one run between its start and the heal: partitions, clogged links, loss
 * and duplication bursts, and crashes with restarts (disks kept).
 */
final class FaultPlan {
  private final Simulation sim;
  private final Random random;
  private final List<SimNode> nodes;

  FaultPlan(Simulation sim, Random random, List<SimNode> nodes) {
    this.sim = sim;
    this.random = random;
    this.nodes = nodes;
  }

  void schedule(long start, long healAt) {
    long t = start + random.nextInt(2_000);
    while (t < healAt) {
      long duration = 500L + random.nextInt(5_000);
      long end = Math.min(t + duration, healAt);
      switch (random.nextInt(5)) {
        case 0 -> partition(t, end);
        case 1 -> clog(t, end);
        case 2 -> lossBurst(t, end);
        case 3 -> crash(t, end);
        default -> {} // a quiet spell
      }
      t += 200 + random.nextInt(3_000);
    }
  }

  private void partition(long at, long end) {
    int[] groups = new int[nodes.size()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = random.nextInt(2);
    }
    sim.at(at, () -> sim.network.partition(groups));
    sim.at(end, () -> sim.network.partition(new int[nodes.size()]));
  }

  private void clog(long at, long end) {
    int from = random.nextInt(nodes.size());
    int to = random.nextInt(nodes.size());
    sim.at(at, () -> sim.network.clog(from, to, end));
  }

  private void lossBurst(long at, long end) {
    double loss = random.nextDouble() * 0.3;
    double dup = random.nextDouble() * 0.1;
    sim.at(at, () -> sim.network.setLoss(loss, dup));
    sim.at(end, () -> sim.network.setLoss(0, 0));
  }

  private void crash(long at, long end) {
    SimNode n = nodes.get(random.nextInt(nodes.size()));
    sim.at(at, () -> sim.crash(n));
    sim.at(end, () -> sim.restart(n));
  }
}
