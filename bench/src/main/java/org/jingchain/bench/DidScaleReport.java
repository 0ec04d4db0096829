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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one DID scale run, printed as a summary and written as JSON. */
record DidScaleReport(
    String timestamp,
    String suite,
    String command,
    List<String> jvmArguments,
    LoadReport.Machine machine,
    Map<String, Object> settings,
    long didsAtEnd,
    Fill fill,
    List<Registration> registrations,
    List<Resolution> resolutions,
    Disk disk,
    Targets targets,
    List<String> notes) {

  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * The bulk load: its rate over all segments, and samples of (DIDs in the store, DIDs/s over the
   * last interval).
   */
  record Fill(
      long dids,
      double seconds,
      double didsPerSecond,
      long blocks,
      double txBytesPerDid,
      double blockBytesPerDid,
      List<Segment> segments,
      List<long[]> progress) {}

  /** One stretch of bulk loading, between two measurements. */
  record Segment(long fromDids, long toDids, double seconds, double didsPerSecond) {}

  /** Registration through the transaction path at one checkpoint. */
  record Registration(
      long checkpoint,
      long didsAtStart,
      long didsAtEnd,
      double compactionWaitSeconds,
      double quietWaitSeconds,
      int warmupBlocks,
      double measuredSeconds,
      long blocks,
      long transactions,
      long dids,
      double didsPerSecond,
      double slowestBlockDidsPerSecond,
      double didsPerBlock,
      double txBytes,
      Map<String, Double> microsPerDid,
      double processCpuShareOfMachine,
      double otherProcessesCpuShareOfMachine,
      boolean ranOutOfTransactions) {}

  /** Latency of one resolution variant, in milliseconds. */
  record Latency(
      String variant,
      long samples,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double p999Ms,
      double maxMs,
      double meanMs,
      double avgResponseBytes) {}

  /** Resolution latencies at one point: right after loading, or after pruning and compaction. */
  record Resolution(
      String phase,
      long didsInStore,
      double compactionWaitSeconds,
      double otherProcessesCpuShareOfMachine,
      List<Latency> variants) {}

  /** Sizes at one point, with the per-column-family table figures. */
  record Snapshot(
      String when,
      Map<String, Long> directory,
      double bytesPerDid,
      Map<String, StoreInspector.Family> families,
      Map<String, Double> sstBytesPerDidByFamily) {}

  record Disk(long dids, long staleNodesPruned, double compactSeconds, List<Snapshot> snapshots) {}

  record Targets(
      double throughputAtLastOverFirst,
      boolean throughputMet,
      double resolutionP99Ms,
      boolean resolutionMet,
      double bytesPerDid,
      boolean bytesMet) {}

  void print(PrintStream out) {
    out.println();
    out.println("=== Jingchain DID scale benchmark: suite " + suite + " ===");
    out.printf(
        Locale.ROOT,
        "machine       %d cores, %s, %.1f GiB, JDK %s%n",
        machine.cores(),
        machine.cpu(),
        machine.memoryBytes() / (1024.0 * 1024 * 1024),
        machine.jdk());
    out.println("command       " + command);
    out.printf(
        Locale.ROOT,
        "bulk load     %,d DIDs in %.0f s = %,.0f DIDs/s (%,d blocks; not executed: see notes)%n",
        fill.dids(),
        fill.seconds(),
        fill.didsPerSecond(),
        fill.blocks());
    for (Registration r : registrations) {
      out.printf(
          Locale.ROOT,
          "register @%-10s %,9.0f DIDs/s  (%,d DIDs in %.1f s, %,d blocks of %,.0f DIDs, slowest block"
              + " %,.0f/s; store %,d -> %,d DIDs; other processes %.0f %% of the machine%s)%n",
          String.format(Locale.ROOT, "%,d", r.checkpoint()),
          r.didsPerSecond(),
          r.dids(),
          r.measuredSeconds(),
          r.blocks(),
          r.didsPerBlock(),
          r.slowestBlockDidsPerSecond(),
          r.didsAtStart(),
          r.didsAtEnd(),
          100 * r.otherProcessesCpuShareOfMachine(),
          r.ranOutOfTransactions() ? "; RAN OUT of pre-signed transactions" : "");
      out.println("              us per DID " + r.microsPerDid());
    }
    for (Resolution resolution : resolutions) {
      out.println(
          "resolve       "
              + resolution.phase()
              + String.format(
                  Locale.ROOT,
                  " (other processes %.0f %% of the machine)",
                  100 * resolution.otherProcessesCpuShareOfMachine()));
      for (Latency l : resolution.variants()) {
        out.printf(
            Locale.ROOT,
            "              %-22s p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.1f ms"
                + " (%,d samples, %,.0f B answers) at %,d DIDs%n",
            l.variant(),
            l.p50Ms(),
            l.p90Ms(),
            l.p99Ms(),
            l.p999Ms(),
            l.maxMs(),
            l.samples(),
            l.avgResponseBytes(),
            resolution.didsInStore());
      }
    }
    if (disk != null) {
      for (Snapshot s : disk.snapshots()) {
        out.printf(
            Locale.ROOT,
            "disk          %-34s %,8.1f MiB = %,6.0f B/DID (sst %,.1f MiB, wal %,.1f MiB)%n",
            s.when(),
            s.directory().get("total") / 1048576.0,
            s.bytesPerDid(),
            s.directory().get("sst") / 1048576.0,
            s.directory().get("wal") / 1048576.0);
        out.println("              sst B/DID by family " + s.sstBytesPerDidByFamily());
      }
    }
    if (targets != null) {
      out.printf(
          Locale.ROOT,
          "targets       throughput last/first %.0f %% (>= 70 %%: %s); resolution p99 %.3f ms"
              + " (<= 5 ms: %s); %,.0f B/DID (<= 1024: %s)%n",
          100 * targets.throughputAtLastOverFirst(),
          targets.throughputMet() ? "met" : "NOT met",
          targets.resolutionP99Ms(),
          targets.resolutionMet() ? "met" : "NOT met",
          targets.bytesPerDid(),
          targets.bytesMet() ? "met" : "NOT met");
    }
    for (String n : notes) {
      out.println("note          " + n);
    }
  }

  /** Writes {@code <dir>/<UTC time>-did-scale-<suite>.json} and returns its path. */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file =
        dir.resolve(FILE_TIME.format(Instant.parse(timestamp)) + "-did-scale-" + suite + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    return file;
  }
}
