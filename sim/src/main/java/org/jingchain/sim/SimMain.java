package org.jingchain.sim;

/**
 * Command line for simulation campaigns: {@code bin/sim --seed S} replays one run; {@code bin/sim
 * --seeds N [--from S] [--fault-seconds T]} runs many and prints every failure with its seed;
 * {@code --reconfigure-every K} runs reconfiguring runs (five nodes, a validator-set change every K
 * heights, [GOV-8]) instead.
 */
public final class SimMain {
  private SimMain() {}

  public static void main(String[] args) {
    long from = 1;
    long count = 1;
    Long only = null;
    long faultSeconds = -1;
    int reconfigureEvery = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seed" -> only = Long.parseLong(args[++i]);
        case "--seeds" -> count = Long.parseLong(args[++i]);
        case "--from" -> from = Long.parseLong(args[++i]);
        case "--fault-seconds" -> faultSeconds = Long.parseLong(args[++i]);
        case "--reconfigure-every" -> reconfigureEvery = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println(
              "usage: bin/sim --seed S | --seeds N [--from S] [--fault-seconds T]"
                  + " [--reconfigure-every K]");
          return;
        }
        default -> {
          System.err.println("unknown option " + args[i] + " (try --help)");
          System.exit(2);
        }
      }
    }
    if (only != null) {
      from = only;
      count = 1;
    }
    int failures = 0;
    long steps = 0;
    for (long s = from; s < from + count; s++) {
      SimConfig c =
          reconfigureEvery > 0
              ? SimConfig.reconfiguring(s, reconfigureEvery)
              : SimConfig.forSeed(s);
      if (faultSeconds > 0) {
        c = c.withFaultMillis(faultSeconds * 1000);
      }
      SimResult r = Simulation.run(c);
      steps += r.steps();
      if (!r.ok() || count == 1) {
        System.out.println(r.summary());
      }
      if (!r.ok()) {
        failures++;
      }
      if (count > 1 && (s - from + 1) % 100 == 0) {
        System.out.printf("%d runs, %d steps, %d failures%n", s - from + 1, steps, failures);
      }
    }
    System.out.printf("done: %d runs, %d steps, %d failures%n", count, steps, failures);
    System.exit(failures == 0 ? 0 : 1);
  }
}
