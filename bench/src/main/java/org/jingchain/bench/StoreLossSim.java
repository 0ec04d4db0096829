package org.jingchain.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The data-loss model of docs/storage-sizing.md ({@code bin/bench store-loss}): a seeded,
 * replayable simulation of storage nodes that fail for good at a yearly rate and are replaced,
 * objects of {@code k+m} shards on distinct nodes, repairs ordered when an object's healthy shards
 * fall below {@code k + min(2, m)} and done after a detection-and-rebuild delay — and, beside it,
 * the same model solved exactly as a Markov chain, for rates too small to see a loss in a
 * simulation. Options: {@code --nodes N} (10,000), {@code --objects O} (200,000), {@code --coding
 * K+M} (10+4), {@code --afr F} (yearly failure rate, 0.04), {@code --repair-hours H} (24), {@code
 * --years Y} (10), {@code --seed S} (1).
 */
public final class StoreLossSim {
  private StoreLossSim() {}

  public static void main(String[] args) {
    int nodes = 10_000;
    int objects = 200_000;
    int k = 10;
    int m = 4;
    double afr = 0.04;
    double repairHours = 24;
    double years = 10;
    long seed = 1;
    int threshold = -1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--nodes" -> nodes = Integer.parseInt(args[++i]);
        case "--objects" -> objects = Integer.parseInt(args[++i]);
        case "--coding" -> {
          String[] km = args[++i].split("\\+");
          k = Integer.parseInt(km[0]);
          m = Integer.parseInt(km[1]);
        }
        case "--afr" -> afr = Double.parseDouble(args[++i]);
        case "--repair-hours" -> repairHours = Double.parseDouble(args[++i]);
        case "--years" -> years = Double.parseDouble(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--threshold" -> threshold = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println(
              "bin/bench store-loss [--nodes N] [--objects O] [--coding K+M] [--afr F]"
                  + " [--repair-hours H] [--years Y] [--seed S] [--threshold T]");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int n = k + m;
    if (threshold < 0) {
      threshold = k + Math.min(2, m); // the chain's rule, [STORE-33]
    }
    double hours = years * 24 * 365;
    double rate = -Math.log(1 - afr) / (24 * 365); // per node-hour
    System.out.printf(
        Locale.ROOT,
        "replay: bin/bench store-loss --nodes %d --objects %d --coding %d+%d --afr %s --repair-hours"
            + " %s --years %s --seed %d%n",
        nodes,
        objects,
        k,
        m,
        afr,
        repairHours,
        years,
        seed);

    // Placement: each object's shards on n distinct nodes, at random (the chain's rendezvous
    // hashing is uniform over nodes).
    SplittableRandom r = new SplittableRandom(seed);
    int[][] placed = new int[objects][n];
    List<List<Integer>> onNode = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      onNode.add(new ArrayList<>());
    }
    for (int o = 0; o < objects; o++) {
      int[] p = placed[o];
      for (int s = 0; s < n; s++) {
        int c;
        do {
          c = r.nextInt(nodes);
        } while (contains(p, s, c));
        p[s] = c;
        onNode.get(c).add(o);
      }
    }
    // Events in time order: node failures (the node is replaced by an empty one at once) and
    // repair completions.
    record Event(double at, int kind, int who) {}
    PriorityQueue<Event> q = new PriorityQueue<>((a, b) -> Double.compare(a.at(), b.at()));
    for (int i = 0; i < nodes; i++) {
      q.add(new Event(exp(r, rate), 0, i));
    }
    int[] lostShards = new int[objects];
    boolean[] repairing = new boolean[objects];
    boolean[] dead = new boolean[objects];
    boolean[][] lost = new boolean[objects][n];
    long failures = 0;
    long repairs = 0;
    long lostObjects = 0;
    long rebuiltShards = 0;
    while (!q.isEmpty()) {
      Event e = q.poll();
      if (e.at() > hours) {
        break;
      }
      if (e.kind() == 0) {
        failures++;
        List<Integer> objs = onNode.get(e.who());
        for (int o : objs) {
          if (dead[o]) {
            continue;
          }
          int s = indexOf(placed[o], e.who());
          if (s < 0 || lost[o][s]) {
            continue;
          }
          lost[o][s] = true;
          lostShards[o]++;
          if (n - lostShards[o] < k) {
            dead[o] = true;
            lostObjects++;
          } else if (n - lostShards[o] < threshold && !repairing[o]) {
            repairing[o] = true;
            q.add(new Event(e.at() + repairHours, 1, o));
          }
        }
        onNode.set(e.who(), new ArrayList<>());
        q.add(new Event(e.at() + exp(r, rate), 0, e.who()));
      } else {
        int o = e.who();
        repairing[o] = false;
        if (dead[o]) {
          continue;
        }
        // the lost shards move to other nodes (uniformly, none holding the object)
        for (int s = 0; s < n; s++) {
          if (lost[o][s]) {
            int c;
            do {
              c = r.nextInt(nodes);
            } while (contains(placed[o], n, c));
            placed[o][s] = c;
            onNode.get(c).add(o);
            lost[o][s] = false;
            rebuiltShards++;
          }
        }
        lostShards[o] = 0;
        repairs++;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "simulated %d nodes, %,d objects of %d+%d, yearly node failure rate %.1f%%, repair %s h,"
            + " %s years: %,d node failures, %,d repairs, %,d shards rebuilt, %,d objects lost%n",
        nodes,
        objects,
        k,
        m,
        afr * 100,
        repairHours,
        years,
        failures,
        repairs,
        rebuiltShards,
        lostObjects);
    double p = markovLoss(n, k, threshold, rate, repairHours, hours);
    System.out.printf(
        Locale.ROOT,
        "Markov chain, same model: P(an object is lost within %s years) = %.3e; expected losses"
            + " among %,d objects: %.3g%n",
        years,
        p,
        objects,
        p * objects);
  }

  /**
   * The probability that one object is lost within {@code hours}: states 0..n-k lost shards and a
   * lost state; shard losses at rate {@code (n - i) · rate}; in states below the healthy threshold
   * a repair to state 0 completes at rate {@code 1 / repairHours} (exponential; the simulation uses
   * a fixed delay). Integrated with small steps (implicit enough for the stiff repair term at these
   * rates).
   */
  static double markovLoss(
      int n, int k, int threshold, double rate, double repairHours, double hours) {
    int states = n - k + 2; // 0..n-k lost, then dead
    int deadState = states - 1;
    double[] p = new double[states];
    p[0] = 1;
    double mu = 1 / repairHours;
    double dt = Math.min(repairHours / 50, 1 / (n * rate) / 50);
    long steps = (long) Math.ceil(hours / dt);
    dt = hours / steps;
    double[] next = new double[states];
    for (long t = 0; t < steps; t++) {
      Arrays.fill(next, 0);
      next[deadState] = p[deadState];
      for (int i = 0; i < deadState; i++) {
        double fail = (n - i) * rate * dt;
        double repair = n - i < threshold ? mu * dt : 0;
        next[i] += p[i] * (1 - fail - repair);
        next[i + 1 == deadState ? deadState : i + 1] += p[i] * fail;
        next[0] += p[i] * repair;
      }
      double[] tmp = p;
      p = next;
      next = tmp;
    }
    return p[deadState];
  }

  private static double exp(SplittableRandom r, double rate) {
    return -Math.log(1 - r.nextDouble()) / rate;
  }

  private static boolean contains(int[] a, int upTo, int v) {
    for (int i = 0; i < upTo; i++) {
      if (a[i] == v) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(int[] a, int v) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
