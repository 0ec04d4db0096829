package org.jingchain.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** The figures of one load run, printed as a summary and written as JSON. */
@SuppressWarnings("ArrayRecordComponent") // a plain data carrier for Jackson, never compared
record LoadReport(
    String timestamp,
    String suite,
    Machine machine,
    Map<String, Object> settings,
    int accounts,
    int durationSeconds,
    int warmupSeconds,
    long committedTxs,
    double committedTxPerSecond,
    long minCommittedInOneSecond,
    long[] committedPerSecond,
    double latencyP50Ms,
    double latencyP90Ms,
    double latencyP99Ms,
    double latencyMaxMs,
    long blocks,
    double avgTxsPerBlock,
    double verifySingleThreadPerSecond,
    double verifyAllCoresPerSecond,
    double committedOverAllCoresVerify,
    double committedOverSingleThreadVerify,
    long failedReceipts,
    String firstFailure,
    long requests,
    long mempoolFullResponses,
    long resentTxs,
    Map<String, Long> rejections,
    Map<String, Double> cpuMicrosPerCommittedTx,
    double verifyMicrosPerTx,
    double producerThreadBusy,
    double processCpuShareOfMachine,
    double otherProcessesCpuShareOfMachine,
    boolean ranOutOfTransactions) {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Where the run happened: shared machines differ, so every result says. */
  /**
   * Where a result was measured; {@code commit} is the build's git commit ({@code -dirty} with
   * uncommitted changes), so two commits' results can be told apart and compared ({@code bin/bench
   * compare}).
   */
  record Machine(int cores, String cpu, long memoryBytes, String jdk, String os, String commit) {}

  /**
   * {@code git rev-parse HEAD} of the working directory, "-dirty" when it has changes; or
   * "unknown".
   */
  static String gitCommit() {
    try {
      // the source tree bin/bench built from: bench/results' grandparent
      String root =
          java.nio.file.Path.of(System.getProperty("jing.bench.results", "bench/results"))
              .toAbsolutePath()
              .getParent()
              .getParent()
              .toString();
      String head = run("git", "-C", root, "rev-parse", "HEAD");
      String changes = run("git", "-C", root, "status", "--porcelain", "--untracked-files=no");
      if (head == null || changes == null) {
        return "unknown";
      }
      return head + (changes.isEmpty() ? "" : "-dirty");
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** The command's standard output, or null when it fails. */
  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? out.strip() : null;
  }

  void print(PrintStream out) {
    out.println();
    out.println("=== Jingchain load benchmark: suite " + suite + " ===");
    out.printf(
        Locale.ROOT,
        "machine          %d cores, %s, %.1f GiB, JDK %s%n",
        machine.cores(),
        machine.cpu(),
        machine.memoryBytes() / (1024.0 * 1024 * 1024),
        machine.jdk());
    out.println("settings         " + settings);
    out.printf(
        Locale.ROOT,
        "accounts         %,d; measured %d s after %d s warm-up%n",
        accounts,
        durationSeconds,
        warmupSeconds);
    out.printf(
        Locale.ROOT,
        "committed        %,d tx = %,.0f tx/s (slowest second %,d tx)%n",
        committedTxs,
        committedTxPerSecond,
        minCommittedInOneSecond);
    out.printf(
        Locale.ROOT,
        "latency          p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (commit - submit)%n",
        latencyP50Ms,
        latencyP90Ms,
        latencyP99Ms,
        latencyMaxMs);
    out.printf(Locale.ROOT, "blocks           %,d, %.0f tx per block%n", blocks, avgTxsPerBlock);
    out.printf(
        Locale.ROOT,
        "verify baseline  %,.0f sig/s on 1 thread, %,.0f sig/s on %d cores%n",
        verifySingleThreadPerSecond,
        verifyAllCoresPerSecond,
        machine.cores());
    out.printf(
        Locale.ROOT,
        "ratio            committed / all-core verify = %.1f %% (target >= 50 %%)%n",
        100 * committedOverAllCoresVerify);
    out.printf(
        Locale.ROOT,
        "client           %,d requests, %,d answered MEMPOOL_FULL, %,d tx resent, rejections %s%n",
        requests,
        mempoolFullResponses,
        resentTxs,
        rejections);
    out.printf(
        Locale.ROOT,
        "cpu              us per committed tx %s (one verification: %.0f us);%n"
            + "                 this process used %.0f %% of the machine (other processes %.0f %%),"
            + " the consensus threads %.0f %% of a core%n",
        cpuMicrosPerCommittedTx,
        verifyMicrosPerTx,
        100 * processCpuShareOfMachine,
        100 * otherProcessesCpuShareOfMachine,
        100 * producerThreadBusy);
    if (failedReceipts > 0) {
      out.println("FAILED RECEIPTS  " + failedReceipts + ", first: " + firstFailure);
    }
    if (otherProcessesCpuShareOfMachine > 0.05) {
      out.println("WARNING          other processes competed for the CPU: figures are low");
    }
    if (ranOutOfTransactions) {
      out.println("WARNING          ran out of pre-signed transactions: raise --rate");
    }
    out.println("per second       " + Arrays.toString(committedPerSecond));
  }

  /** Writes {@code <dir>/<UTC time>-<suite>.json} and returns its path. */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(FILE_TIME.format(Instant.parse(timestamp)) + "-" + suite + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    return file;
  }

  static Machine thisMachine() {
    String cpu = "unknown";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException e) {
      // not Linux: keep "unknown"
    }
    long memory =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        cpu,
        memory,
        System.getProperty("java.vm.vendor") + " " + Runtime.version(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        gitCommit());
  }
}
