package org.jingchain.sim;

import java.util.List;

/**
 * Command line for simulation campaigns: {@code bin/sim --seed S} replays one run; {@code bin/sim
 * --seeds N [--from S] [--fault-seconds T]} runs many and prints every failure with its seed;
 * {@code --reconfigure-every K} runs reconfiguring runs (five nodes, a validator-set change every K
 * heights, [GOV-8]) instead; {@code --catch-up N} runs catch-up runs (N validators, one down for
 * the fault time). {@code --xchain} runs two-chain runs instead (two networks joined by light
 * clients, racing and forging relayers, [XC-16] checked at every height; {@link XchainSimulation}).
 * Every failure prints the command line that replays it, with every option that shaped the run.
 */
public final class SimMain {
  private SimMain() {}

  static final String USAGE =
      "usage: bin/sim --seed S | --seeds N [--from S]   [--fault-seconds T | --fault-millis T]"
          + " [--reconfigure-every K] [--catch-up N] [--contracts]"
          + " | --xchain (--seed S | --seeds N [--from S])";

  /** What the command line asks for: the seeds to run and the shape of each run. */
  record Campaign(
      long from,
      long count,
      long faultMillis,
      int reconfigureEvery,
      int catchUp,
      boolean xchain,
      boolean contracts) {
    /** The configuration of the run of {@code seed}. */
    SimConfig configFor(long seed) {
      SimConfig c = shaped(seed);
      return contracts ? c.withContracts() : c;
    }

    private SimConfig shaped(long seed) {
      SimConfig c;
      if (catchUp > 0) {
        c = SimConfig.catchUp(seed, catchUp, faultMillis > 0 ? faultMillis : 60_000);
        return reconfigureEvery > 0 ? c.withReconfigureEvery(reconfigureEvery) : c;
      }
      c =
          reconfigureEvery > 0
              ? SimConfig.reconfiguring(seed, reconfigureEvery)
              : SimConfig.forSeed(seed);
      return faultMillis > 0 ? c.withFaultMillis(faultMillis) : c;
    }
  }

  /** Parses the options; throws {@link IllegalArgumentException} with the reason. */
  static Campaign parse(List<String> args) {
    long from = 1;
    long count = 1;
    Long only = null;
    long faultMillis = -1;
    int reconfigureEvery = 0;
    int catchUp = 0;
    boolean xchain = false;
    boolean contracts = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--xchain")) {
        xchain = true;
        continue;
      }
      if (a.equals("--contracts")) {
        contracts = true;
        continue;
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args.get(++i);
      try {
        switch (a) {
          case "--seed" -> only = Long.parseLong(v);
          case "--seeds" -> count = Long.parseLong(v);
          case "--from" -> from = Long.parseLong(v);
          case "--fault-seconds" -> faultMillis = Math.multiplyExact(Long.parseLong(v), 1000L);
          case "--fault-millis" -> faultMillis = Long.parseLong(v);
          case "--reconfigure-every" -> reconfigureEvery = Integer.parseInt(v);
          case "--catch-up" -> catchUp = Integer.parseInt(v);
          default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
        }
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException(a + " needs a whole number, got " + v);
      }
    }
    if (only != null) {
      from = only;
      count = 1;
    }
    if (xchain && (faultMillis >= 0 || reconfigureEvery > 0 || catchUp > 0 || contracts)) {
      throw new IllegalArgumentException(
          "--xchain takes only --seed S or --seeds N [--from S]: its seed picks everything else");
    }
    return new Campaign(from, count, faultMillis, reconfigureEvery, catchUp, xchain, contracts);
  }

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
      System.out.println(USAGE);
      return;
    }
    Campaign campaign;
    try {
      campaign = parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    int failures = 0;
    long steps = 0;
    long count = campaign.count();
    long from = campaign.from();
    for (long s = from; s < from + count; s++) {
      long runSteps;
      boolean ok;
      String summary;
      if (campaign.xchain()) {
        XchainSimulation.Result r = XchainSimulation.run(XchainSimulation.Config.forSeed(s));
        runSteps = r.steps();
        ok = r.ok();
        summary = r.summary();
      } else {
        SimResult r = Simulation.run(campaign.configFor(s));
        runSteps = r.steps();
        ok = r.ok();
        summary = r.summary();
      }
      steps += runSteps;
      if (!ok || count == 1) {
        System.out.println(summary);
      }
      if (!ok) {
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
