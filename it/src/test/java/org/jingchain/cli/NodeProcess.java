package org.jingchain.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;

/**
 * A {@code jing dev} node in its own JVM, started with the same class path {@code bin/jing} uses
 * ({@code cli/target/classes} and {@code cli/target/lib}).
 */
final class NodeProcess implements AutoCloseable {
  final Process process;
  final String url;
  final Path log;

  private NodeProcess(Process p, String url, Path log) {
    this.process = p;
    this.url = url;
    this.log = log;
  }

  static NodeProcess start(Path dataDir, Path passwordFile, int port, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("--password-file", passwordFile.toString()));
    args.addAll(List.of(extra));
    return start(dataDir, port, Map.of(), args);
  }

  /** Starts {@code jing dev} with extra environment variables and arguments. */
  static NodeProcess start(Path dataDir, int port, Map<String, String> env, List<String> extra)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of("dev", "--data-dir", dataDir.toString(), "--api-port", Integer.toString(port)));
    args.addAll(extra);
    Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    return new NodeProcess(launch(args, env, log), "http://127.0.0.1:" + port, log);
  }

  /** Starts another long-running {@code jing} command (a relayer), its output in {@code log}. */
  static NodeProcess jing(Path log, List<String> args) throws IOException {
    return jing(log, args, Map.of());
  }

  /** As {@link #jing(Path, List)}, with extra environment variables. */
  static NodeProcess jing(Path log, List<String> args, Map<String, String> env) throws IOException {
    return new NodeProcess(launch(args, env, log), null, log);
  }

  private static Process launch(List<String> args, Map<String, String> env, Path log)
      throws IOException {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp =
        System.getProperty("jing.classes")
            + java.io.File.pathSeparator
            + System.getProperty("jing.lib")
            + "/*";
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBin,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-cp",
                cp,
                "org.jingchain.cli.Jing"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove("JING_KEY_PASSWORD");
    pb.environment().putAll(env);
    return pb.redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /**
   * The first of {@code count} consecutive ports that are free now, below Linux's ephemeral range
   * (32768 and up), so the nodes' own outgoing connections cannot take them before they listen.
   */
  static int freePortRun(int count) throws IOException {
    java.util.Random r = new java.util.Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20_000 + r.nextInt(12_000 - count);
      boolean free = true;
      for (int p = base; p < base + count && free; p++) {
        try (ServerSocket s = new ServerSocket()) {
          s.setReuseAddress(false);
          s.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), p));
        } catch (IOException e) {
          free = false;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no " + count + " consecutive free ports in 20000..32000");
  }

  /**
   * Makes {@code jing net up}, run in this JVM, start its node processes from this build's classes
   * and runtime class path, as bin/jing does.
   */
  static void launchNetsFromThisBuild() {
    System.setProperty(
        "jing.launch.classpath",
        System.getProperty("jing.classes")
            + java.io.File.pathSeparator
            + System.getProperty("jing.lib")
            + "/*");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Polls /status until the node answers (or the process dies, or 60 s pass). */
  JingClient awaitReady() throws IOException {
    JingClient c = new JingClient(url, Duration.ofSeconds(10));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        c.status();
        return c;
      } catch (JingApiException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("node did not come up; see " + log + ": " + e.getMessage());
        }
        try {
          process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        }
      }
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed by the JVM. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the node closes cleanly; returns the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  @Override
  public void close() {
    try {
      process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
