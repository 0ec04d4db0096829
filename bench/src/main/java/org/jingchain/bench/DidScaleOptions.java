package org.jingchain.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The DID scale benchmark's command line ({@code bin/bench did-scale --help}). */
@Command(
    name = "bench did-scale",
    mixinStandardHelpOptions = true,
    description = {
      "Fills a node store (RocksDB through the node's ChainStore and state tree)",
      "with DIDs by a bulk loader; at each checkpoint measures DID registration",
      "on the transaction path (signed createBatch transactions admitted,",
      "executed and committed through Chain); at the end measures resolution",
      "latency and bytes on disk per DID. See docs/identity-sizing.md."
    })
final class DidScaleOptions implements BenchCli.Checked {
  @Option(
      names = "--dids",
      description =
          "DIDs in the store at the end (bulk-loaded plus registered; default: ${DEFAULT-VALUE})")
  long dids = 10_000_000;

  @Option(
      names = "--checkpoints",
      split = ",",
      description =
          "DID counts at which registration is measured (default: 0,1000000,10000000; values"
              + " above --dids are dropped)")
  List<Long> checkpoints = new ArrayList<>(List.of(0L, 1_000_000L, 10_000_000L));

  @Option(
      names = "--dir",
      description =
          "the store's directory, which must not exist or be empty (default: a new directory"
              + " under bench/target)")
  Path dir;

  @Option(names = "--keep-data", description = "keep the store directory after the run")
  boolean keepData;

  @Option(names = "--suite", description = "intl or sm (default: ${DEFAULT-VALUE})")
  String suite = "intl";

  @Option(
      names = "--fill-batch",
      description =
          "DIDs the bulk loader writes per block (default: as many as a full registration block"
              + " carries, 18,496 with the defaults)")
  int fillBatch;

  @Option(
      names = "--measure-seconds",
      description = "measured seconds of registration per checkpoint (default: ${DEFAULT-VALUE})")
  int measureSeconds = 60;

  @Option(
      names = "--warmup-blocks",
      description =
          "full blocks registered before each measurement (JIT, caches; default: ${DEFAULT-VALUE})")
  int warmupBlocks = 2;

  @Option(
      names = "--block-max-bytes",
      description =
          "block size limit in encoded transaction bytes, as block.maxBytes (default:"
              + " ${DEFAULT-VALUE}, the node's default)")
  long blockMaxBytes = 4L * 1024 * 1024;

  @Option(
      names = "--block-max-txs",
      description = "block transaction limit, as block.maxTxs (default: ${DEFAULT-VALUE})")
  int blockMaxTxs = 5_000;

  @Option(
      names = "--batch-size",
      description =
          "creates per createBatch transaction (1..1000; 1 sends single 'create' calls;"
              + " default: ${DEFAULT-VALUE})")
  int batchSize = 64;

  @Option(
      names = "--senders",
      description = "accounts that send the registration transactions (default: ${DEFAULT-VALUE})")
  int senders = 16;

  @Option(
      names = "--resolve-samples",
      description = "random existing DIDs resolved per variant (default: ${DEFAULT-VALUE})")
  int resolveSamples = 100_000;

  @Option(
      names = "--http-samples",
      description =
          "random DIDs resolved per variant over HTTP through the node's API server"
              + " (default: ${DEFAULT-VALUE})")
  int httpSamples = 20_000;

  @Option(
      names = "--retain-versions",
      description = "state.retainVersions (default: ${DEFAULT-VALUE}, the node's default)")
  long retainVersions = 1000;

  @Option(
      names = "--cache-mb",
      description = "storage.cacheBytes in MiB (default: ${DEFAULT-VALUE}, the node's default)")
  long cacheMb = 256;

  @Option(names = "--no-sync", description = "storage.sync=false (no fsync per block)")
  boolean noSync;

  @Option(
      names = "--no-compact",
      description = "skip the flush, pruning and full compactions at the end (disk figures raw)")
  boolean noCompact;

  @Option(
      names = "--compaction-wait-seconds",
      description =
          "before each measurement, wait at most this long for RocksDB's pending compactions"
              + " (default: ${DEFAULT-VALUE})")
  int compactionWaitSeconds = 600;

  @Option(
      names = "--quiet-wait-seconds",
      description =
          "before each measurement, wait at most this long for other processes to use less than"
              + " 10 %% of the machine (default: ${DEFAULT-VALUE})")
  int quietWaitSeconds = 300;

  @Option(
      names = "--seed",
      description = "seed of every key and choice (default: ${DEFAULT-VALUE})")
  long seed = 42;

  @Option(
      names = "--results-dir",
      description = "where the JSON result goes (default: ${DEFAULT-VALUE})")
  Path resultsDir = Path.of(System.getProperty("jing.bench.results", "bench/results"));

  @Option(names = "--no-results", description = "do not write the JSON result file")
  boolean noResults;

  /** Rejects values that would make the run meaningless before any work starts. */
  @Override
  public void validate() {
    require(suite.equals("intl") || suite.equals("sm"), "--suite must be intl or sm");
    require(dids >= 0, "--dids must not be negative");
    require(
        fillBatch == 0 || (fillBatch >= 64 && fillBatch <= 1 << 20),
        "--fill-batch must be in 64..1048576");
    require(measureSeconds >= 1, "--measure-seconds must be positive");
    require(warmupBlocks >= 1, "--warmup-blocks must be at least 1");
    require(
        batchSize >= 1 && batchSize <= org.jingchain.identity.DidCodec.MAX_BATCH,
        "--batch-size must be in 1.." + org.jingchain.identity.DidCodec.MAX_BATCH);
    require(senders >= 1 && senders <= 10_000, "--senders must be in 1..10000");
    require(blockMaxTxs >= 1 && blockMaxBytes >= 64 * 1024, "block limits too small");
    require(resolveSamples >= 100, "--resolve-samples must be at least 100");
    require(httpSamples >= 0, "--http-samples must not be negative");
    require(quietWaitSeconds >= 0, "--quiet-wait-seconds must not be negative");
    require(retainVersions >= 0 && cacheMb >= 1, "--retain-versions >= 0, --cache-mb >= 1");
    checkpoints =
        new ArrayList<>(checkpoints.stream().distinct().sorted().filter(c -> c <= dids).toList());
    require(!checkpoints.isEmpty(), "no checkpoint at or below --dids");
    require(checkpoints.getFirst() >= 0, "checkpoints must not be negative");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
