package org.jingchain.bench;

import picocli.CommandLine;

/** Command-line parsing shared by the benchmarks' main classes. */
final class BenchCli {
  private BenchCli() {}

  /** Options that check themselves after parsing (IllegalArgumentException with the reason). */
  interface Checked {
    void validate();
  }

  /**
   * Parses {@code args} into {@code opt} and validates them; prints usage and exits 2 on bad input.
   * Returns null when help was asked for (and printed).
   */
  static <T extends Checked> T parse(T opt, String[] args) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$-7s %5$s%6$s%n");
    CommandLine cl = new CommandLine(opt);
    try {
      cl.parseArgs(args);
      opt.validate();
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      cl.usage(System.err);
      System.exit(2);
    }
    if (cl.isUsageHelpRequested() || cl.isVersionHelpRequested()) {
      cl.usage(System.out);
      return null;
    }
    return opt;
  }
}
