package org.jingchain.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js tools in {@code evm-tests/} (pinned by its package-lock.json): the reference EVM,
 * solc, ethers, the reference Reed–Solomon coder. Tests that compare against them call {@link
 * #run}; without Node.js they are skipped, loudly — .ci/run installs it.
 */
public final class NodeTools {
  /** The evm-tests directory of this checkout. */
  public static final Path DIR = locate();

  private NodeTools() {}

  private static Path locate() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("evm-tests"))) {
      p = p.getParent();
    }
    return p == null ? Path.of("evm-tests") : p.resolve("evm-tests");
  }

  /** Aborts the calling test with a banner on stderr saying what is missing. */
  public static void skipLoudly(String why) {
    System.err.println(
        "\n*** Node.js tool tests SKIPPED: "
            + why
            + " ***\n*** install Node.js and npm as .ci/run does: apt-get install nodejs npm ***\n");
    Assumptions.abort(why);
  }

  /** Makes sure node and the pinned packages are there, running {@code npm ci} once if not. */
  public static synchronized void ensureInstalled() throws IOException, InterruptedException {
    if (Files.isDirectory(DIR.resolve("node_modules/solc"))
        && Files.isDirectory(DIR.resolve("node_modules/@ethereumjs/evm"))
        && Files.isDirectory(DIR.resolve("node_modules/ethers"))
        && Files.isDirectory(
            DIR.resolve("node_modules/@digitaldefiance/reed-solomon-erasure.wasm"))) {
      return;
    }
    if (!onPath("node") || !onPath("npm")) {
      skipLoudly("Node.js and npm are not on PATH");
    }
    Process p =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(DIR.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      skipLoudly("'npm ci' in evm-tests failed:\n" + out);
    }
  }

  private static boolean onPath(String cmd) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, cmd))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code node evm-tests/<script> args…}; returns its stdout. Fails with its stderr when it
   * exits non-zero.
   */
  public static String run(String script, String... args) throws IOException, InterruptedException {
    ensureInstalled();
    List<String> cmd = new ArrayList<>(List.of("node", DIR.resolve(script).toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("node-out", ".txt");
    Path err = Files.createTempFile("node-err", ".txt");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("node " + script + " did not finish in 10 minutes");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "node " + script + " exited " + p.exitValue() + ":\n" + Files.readString(err));
      }
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /**
   * Compiles Solidity sources of evm-tests/contracts (or absolute paths) with the pinned solc into
   * {@code outDir}: {@code <Contract>.abi} and {@code <Contract>.bin} per contract.
   */
  public static void compile(Path outDir, String... sources)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(outDir.toString()));
    for (String s : sources) {
      Path p = Path.of(s);
      args.add((p.isAbsolute() ? p : DIR.resolve("contracts").resolve(s)).toString());
    }
    run("compile.mjs", args.toArray(String[]::new));
  }
}
