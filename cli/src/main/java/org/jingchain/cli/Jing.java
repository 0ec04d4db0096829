package org.jingchain.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code jing} command. */
@Command(
    name = "jing",
    mixinStandardHelpOptions = true,
    version = "jing 0.1.0",
    description = {
      "Jingchain: a permissioned BFT blockchain for public infrastructure.",
      "",
      "Start a local chain with 'jing dev', then, in another terminal:",
      "  jing keys new --suite intl --out alice.key",
      "  jing asset create --key alice.key --symbol CNY --name 'Digital yuan' --decimals 2",
      "  jing state get asset/token/CNY --proof --out cny.proof.json",
      "  jing proof verify --proof cny.proof.json --genesis .jing/dev/genesis.json",
      "",
      "Or run four validators as processes on this machine:",
      "  jing net init --validators 4 --suite sm --dir net && jing net up --dir net",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 error, 2 usage, 3 transaction committed but failed.",
      "Docs: README.md and docs/cli.md"
    })
public final class Jing implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int code;
    try {
      code = run(args, out, err);
    } finally {
      // autoflush covers println only: a command's last print() (net status's table) is not lost
      out.flush();
      err.flush();
    }
    // the HTTP clients' selector thread would hold the exit up by 300 ms (docs/performance.md)
    org.jingchain.sdk.JingClient.closeShared();
    System.exit(code);
  }

  /** The top-level commands, in the order the help lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          DevCommand.class,
          NodeCommand.class,
          NetCommand.class,
          KeysCommand.class,
          StatusCommand.class,
          AssetCommand.class,
          NftCommand.class,
          ContractCommand.class,
          DidCommand.class,
          TrustCommand.class,
          VcCommand.class,
          DataCommand.class,
          DataServerCommand.class,
          StoreCommand.class,
          AggregateCommand.class,
          CtokenCommand.class,
          PgroupCommand.class,
          StorageNodeCommand.class,
          XchainCommand.class,
          HubCommand.class,
          RelayCommand.class,
          GovCommand.Org.class,
          GovCommand.GovRoot.class,
          TxCommand.class,
          AuthCommand.class,
          BlockCommand.class,
          StateCommand.class,
          ProofCommand.class,
          DbCommand.class,
          CommandLine.HelpCommand.class);

  /** The whole command tree, as documented in docs/cli.md. */
  static CommandLine commandLine() {
    return commandLine(COMMANDS);
  }

  /**
   * The tree that runs {@code args}: when they name a top-level command, that command's branch
   * alone. Picocli builds every command's model up front, by reflection, and the whole tree costs
   * about half of a command's start-up (docs/performance.md, "CLI start-up"); anything else (the
   * help, a mistyped command that wants suggestions, an option first) gets the whole tree.
   */
  static CommandLine commandLine(String[] args) {
    if (args.length > 0 && !args[0].equals("help")) {
      for (Class<?> c : COMMANDS) {
        if (c.getAnnotation(Command.class).name().equals(args[0])) {
          return commandLine(List.of(c));
        }
      }
    }
    return commandLine();
  }

  private static CommandLine commandLine(List<Class<?>> commands) {
    CommandLine cl = new CommandLine(new Jing());
    for (Class<?> c : commands) {
      cl.addSubcommand(c.getAnnotation(Command.class).name(), c);
    }
    addHelpEverywhere(cl);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Every subcommand, at every depth, answers --help and --version. */
  private static void addHelpEverywhere(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      sub.getCommandSpec().mixinStandardHelpOptions(true);
      addHelpEverywhere(sub);
    }
  }

  /**
   * {@code JING_LOG=debug} (or {@code trace}, {@code info}, {@code warning}, {@code error}) sets
   * how much the node logs; the default is info.
   */
  static void applyLogLevel(String level) {
    if (level == null || level.isBlank()) {
      return;
    }
    java.util.logging.Level l =
        switch (level.trim().toLowerCase(java.util.Locale.ROOT)) {
          case "trace" -> java.util.logging.Level.FINER;
          case "debug" -> java.util.logging.Level.FINE;
          case "warning", "warn" -> java.util.logging.Level.WARNING;
          case "error" -> java.util.logging.Level.SEVERE;
          default -> java.util.logging.Level.INFO;
        };
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    root.setLevel(l);
    for (java.util.logging.Handler h : root.getHandlers()) {
      h.setLevel(l);
    }
  }

  /**
   * Lucene (the data directory's search index) warns at every node start that the JDK's incubating
   * vector module is not enabled; enabling it makes the JVM warn on every command instead, and the
   * catalogue's index gains nothing from it. Held here: the logging framework keeps loggers weakly.
   */
  private static java.util.logging.Logger luceneVectors;

  /** Runs the command line with the given streams; returns the exit code (tests call this). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$-7s %5$s%6$s%n");
    System.setProperty("java.util.logging.manager", JingLogManager.class.getName());
    luceneVectors = java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");
    luceneVectors.setLevel(java.util.logging.Level.SEVERE);
    applyLogLevel(System.getenv("JING_LOG"));
    CliTls.reset(); // this run's --ca/--client-cert only (tests run many in one process)
    CommandLine cl = commandLine(args);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof CliException || ex instanceof org.jingchain.sdk.JingApiException) {
            cmd.getErr().println("error: " + ex.getMessage());
            return 1;
          }
          throw ex;
        });
    return cl.execute(args);
  }
}
