package org.jingchain.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The load benchmark's command line; defaults are the figures docs/performance.md reports. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a dev node in this JVM, funds accounts, measures this machine's signature",
      "verification rate, pre-signs transfers, then drives the node over HTTP and reports",
      "committed tx/s and commit latency. 'bin/bench jmh [args]' runs the JMH benchmarks."
    })
final class LoadOptions implements BenchCli.Checked {
  @Option(names = "--suite", description = "intl or sm (default: ${DEFAULT-VALUE})")
  String suite = "intl";

  @Option(
      names = "--validators",
      description =
          "validators, all in this JVM on 127.0.0.1 with the p2p transport between them; the load"
              + " goes to validator 0 and commits are timed there (default: ${DEFAULT-VALUE})")
  int validators = 1;

  @Option(names = "--accounts", description = "funded sender accounts (default: ${DEFAULT-VALUE})")
  int accounts = 10_000;

  @Option(names = "--duration", description = "measured seconds (default: ${DEFAULT-VALUE})")
  int durationSeconds = 60;

  @Option(names = "--warmup", description = "seconds before measuring (default: ${DEFAULT-VALUE})")
  int warmupSeconds = 10;

  @Option(names = "--batch", description = "transactions per request (default: ${DEFAULT-VALUE})")
  int batch = 1000;

  @Option(names = "--clients", description = "client threads (default: ${DEFAULT-VALUE})")
  int clients = 4;

  @Option(
      names = "--rate",
      description =
          "offered tx/s, which also sizes the pre-signed pool (rate x (warmup + duration));"
              + " default: this machine's all-core verification rate, the most a node can admit")
  int rate;

  @Option(
      names = "--max-pending",
      description =
          "submitted but not yet committed transactions allowed (the closed loop's bound;"
              + " default: ${DEFAULT-VALUE})")
  int maxPending = 15_000;

  @Option(
      names = "--verify-sample",
      description =
          "pre-signed transactions the verification baseline checks (default: ${DEFAULT-VALUE})")
  int verifySample = 20_000;

  @Option(
      names = "--erc20",
      description =
          "send ERC-20 transfers to an OpenZeppelin token contract (the EVM) instead of native"
              + " asset transfers; compare the two in one window (docs/performance.md)")
  boolean erc20;

  @Option(
      names = "--block-max-gas",
      description =
          "the chain's block.maxGas from genesis: the gas a block's contract calls may declare"
              + " together (default: the protocol's 30,000,000)")
  long blockMaxGas;

  @Option(names = "--no-sync", description = "storage.sync=false (no fsync per block)")
  boolean noSync;

  @Option(
      names = "--set",
      description = "extra node setting KEY=VALUE, repeatable (e.g. --set block.maxTxs=10000)")
  Map<String, String> nodeSettings = new LinkedHashMap<>();

  @Option(
      names = "--seed",
      description = "seed of the recipient choice (default: ${DEFAULT-VALUE})")
  long seed = 42;

  @Option(
      names = "--results-dir",
      description = "where the JSON result goes (default: ${DEFAULT-VALUE})")
  Path resultsDir = Path.of(System.getProperty("jing.bench.results", "bench/results"));

  @Option(names = "--no-results", description = "do not write the JSON result file")
  boolean noResults;

  @Option(
      names = "--jfr",
      description =
          "record a JFR profile of the driven phase (warm-up and measurement) to this file")
  Path jfr;

  @Option(names = "--keep-data", description = "keep the node's temporary data directory")
  boolean keepData;

  /** Rejects values that would make the run meaningless before any work starts. */
  @Override
  public void validate() {
    require(suite.equals("intl") || suite.equals("sm"), "--suite must be intl or sm");
    require(accounts >= 2, "--accounts must be at least 2");
    require(durationSeconds >= 1 && warmupSeconds >= 0, "--duration >= 1 and --warmup >= 0");
    require(batch >= 1 && batch <= 2000, "--batch must be in 1..2000 (api.maxBatchTxs)");
    require(clients >= 1 && clients <= accounts, "--clients must be in 1..accounts");
    require(rate >= 0, "--rate must be positive");
    require(maxPending >= batch, "--max-pending must be at least --batch");
    require(verifySample >= 1, "--verify-sample must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
