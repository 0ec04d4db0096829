package org.jingchain.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time used over the measured window, by the whole process and by thread group, read from
 * Linux's per-thread counters ({@code /proc/self/task}) so that native threads count too: GC, JIT
 * and RocksDB's flush and compaction threads are invisible to a Java profiler. It says how many CPU
 * microseconds a committed transaction costs and where they go. Elsewhere only the process total is
 * reported.
 */
final class CpuMonitor {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux we run on

  private static final Path STAT = Path.of("/proc/stat");

  private final Thread thread;
  private volatile Usage result = new Usage(Map.of(), 0);

  /**
   * CPU seconds in the window, {@code process} in total then per thread group, and the share of the
   * machine that other processes used (a benchmark on a shared machine must say so).
   */
  record Usage(Map<String, Double> seconds, double otherProcessesShare) {}

  private CpuMonitor(long startNanos, long endNanos) {
    this.thread =
        Thread.ofPlatform().daemon().name("bench-cpu").start(() -> measure(startNanos, endNanos));
  }

  static CpuMonitor start(long windowStartNanos, long windowEndNanos) {
    return new CpuMonitor(windowStartNanos, windowEndNanos);
  }

  private void measure(long startNanos, long endNanos) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    sleepUntil(startNanos);
    long process0 = os.getProcessCpuTime();
    long[] machine0 = machineTicks();
    Map<String, Long> before = threadTicks();
    sleepUntil(endNanos);
    long process1 = os.getProcessCpuTime();
    long[] machine1 = machineTicks();
    Map<String, Long> after = threadTicks();
    Map<String, Double> seconds = new LinkedHashMap<>();
    double process = (process1 - process0) / 1e9;
    seconds.put("process", process);
    double other = 0;
    long total = machine1[0] - machine0[0];
    if (total > 0) {
      double busy = (machine1[1] - machine0[1]) / TICKS_PER_SECOND;
      other = Math.max(0, (busy - process) / (total / TICKS_PER_SECOND));
    }
    if (after.isEmpty()) {
      result = new Usage(seconds, other);
      return;
    }
    for (String g :
        new String[] {"api", "producer", "p2p", "client", "gc", "jit", "rocksdb", "other"}) {
      seconds.put(g, 0.0);
    }
    for (var e : after.entrySet()) {
      long ticks = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      seconds.merge(group(name), ticks / TICKS_PER_SECOND, Double::sum);
    }
    result = new Usage(seconds, other);
  }

  /**
   * All CPUs' ticks since boot, and the busy ones (not idle, not waiting for I/O); zeros if none.
   */
  private static long[] machineTicks() {
    try {
      String[] f = Files.readAllLines(STAT).getFirst().trim().split("\\s+", -1);
      long total = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) { // user .. steal; guest time is in user
        total += Long.parseLong(f[i]);
      }
      return new long[] {total, total - Long.parseLong(f[4]) - Long.parseLong(f[5])};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }

  /** Linux thread names are cut to 15 characters. */
  private static String group(String name) {
    if (name.equals("jing-consensus")) {
      return "producer"; // the consensus loop: proposes, executes, commits
    }
    if (name.startsWith("jing-p2p") || name.startsWith("jing-gossip")) {
      return "p2p";
    }
    if (name.startsWith("ForkJoinPool-") || name.startsWith("HTTP-Dispatcher")) {
      return "api"; // virtual-thread carriers (request handlers, verification) and the dispatcher
    }
    if (name.startsWith("bench-") || name.startsWith("HttpClient-")) {
      return "client";
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
      return "gc";
    }
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return "jit";
    }
    if (name.startsWith("rocksdb")) {
      return "rocksdb";
    }
    return "other";
  }

  /** User + system ticks per thread, keyed "tid name"; empty where /proc is not there. */
  private static Map<String, Long> threadTicks() {
    Map<String, Long> out = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          // "tid (name) state ..." where the name may hold spaces and parentheses.
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String[] f = stat.substring(close + 2).split(" ", -1);
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          out.put(task.getFileName() + " " + stat.substring(open + 1, close), ticks);
        } catch (IOException | RuntimeException e) {
          // the thread ended between listing and reading
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /** The window's figures; waits for the window to end. */
  Usage finish() throws InterruptedException {
    thread.join();
    return result;
  }

  private static void sleepUntil(long nanos) {
    for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
