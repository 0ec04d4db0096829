package org.jingchain.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a document's console blocks in order, as a reader would type them, in a shell whose working
 * directory looks like a fresh clone (docs/docs-runner.md): every top-level entry of the repository
 * is linked into a scratch directory, and {@code bin/jing} runs this build's classes. One shell
 * keeps the variables a block exports for the next; each command's output (stdout and stderr, as a
 * terminal interleaves them) is compared with what the document shows.
 */
final class DocRunner implements AutoCloseable {
  /** A hang guard per command, not a timing assertion. */
  static final int COMMAND_MINUTES = 5;

  private final Path repo;
  private final Path dir;
  private final Path doc;
  private final Process shell;
  private final Writer in;
  private final BufferedReader out;
  private final Map<String, Process> started = new java.util.LinkedHashMap<>();
  private final StringBuilder transcript = new StringBuilder();
  private int count;

  /** A document whose shown output differs from what its commands print. */
  static class DocMismatch extends AssertionError {
    DocMismatch(String message) {
      super(message);
    }
  }

  /** A command that never finished, or a shell that died: nothing after it can run. */
  static final class DocHang extends DocMismatch {
    DocHang(String message) {
      super(message);
    }
  }

  /**
   * {@code -Djing.docs.keepGoing=true}: run every command and report every difference at the end
   * (for fixing a document in one pass), not only the first.
   */
  private final boolean keepGoing = Boolean.getBoolean("jing.docs.keepGoing");

  private final List<String> differences = new ArrayList<>();

  /**
   * The shell's notice that a job of an earlier command ended ("bash: line 107: 31901 Killed ..."
   * after {@code pkill} of a storage node started with {@code &}): a terminal's job-control
   * message, not the command's output.
   */
  private static final java.util.regex.Pattern JOB_NOTICE =
      java.util.regex.Pattern.compile(
          "^bash: line \\d+: +\\d+ (Killed|Terminated|Done|Exit \\d+) .*");

  DocRunner(Path repo, Path doc, Path dir) throws IOException {
    this.repo = repo;
    this.doc = doc;
    this.dir = dir;
    for (String name : trackedEntries(repo)) {
      if (COPIED.contains(name)) {
        copyWithoutNodeModules(repo.resolve(name), dir.resolve(name));
      } else if (!name.equals("bin")) {
        Files.createSymbolicLink(dir.resolve(name), repo.resolve(name));
      }
    }
    Path bin = Files.createDirectories(dir.resolve("bin"));
    try (Stream<Path> scripts = Files.list(repo.resolve("bin"))) {
      for (Path s : scripts.toList()) {
        if (!s.getFileName().toString().equals("jing")) {
          Files.createSymbolicLink(bin.resolve(s.getFileName()), s);
        }
      }
    }
    writeJing(bin.resolve("jing"));
    Files.createDirectories(dir.resolve(".run"));
    ProcessBuilder pb =
        new ProcessBuilder("bash", "--noprofile", "--norc")
            .directory(dir.toFile())
            .redirectError(dir.resolve(".run/shell.err").toFile());
    environment(pb.environment());
    shell = pb.start();
    in = new java.io.OutputStreamWriter(shell.getOutputStream(), StandardCharsets.UTF_8);
    out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * Directories a document runs {@code npm ci} in: copied, so that the install lands in the scratch
   * clone and never deletes the {@code node_modules} another test (ContractsIT, in the other fork)
   * is using in the repository.
   */
  private static final java.util.Set<String> COPIED = java.util.Set.of("evm-tests");

  private static void copyWithoutNodeModules(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult preVisitDirectory(
              Path d, java.nio.file.attribute.BasicFileAttributes a) throws IOException {
            String n = d.getFileName().toString();
            if (!d.equals(from) && (n.equals("node_modules") || n.equals("build"))) {
              return java.nio.file.FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(to.resolve(from.relativize(d).toString()));
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFile(
              Path f, java.nio.file.attribute.BasicFileAttributes a) throws IOException {
            Files.copy(
                f,
                to.resolve(from.relativize(f).toString()),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * The repository's top-level entries that git tracks (what a fresh clone has, not a reader's
   * {@code net/} or keys); every entry but {@code .git} where git cannot say.
   */
  private static List<String> trackedEntries(Path repo) throws IOException {
    try {
      Process git =
          new ProcessBuilder("git", "-C", repo.toString(), "ls-tree", "--name-only", "HEAD")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      List<String> names =
          new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      if (git.waitFor() == 0 && !names.isEmpty()) {
        return names;
      }
    } catch (IOException | InterruptedException e) {
      // no git: fall through
    }
    try (Stream<Path> entries = Files.list(repo)) {
      return entries
          .map(e -> e.getFileName().toString())
          .filter(n -> !n.equals(".git") && !n.equals(".jing"))
          .toList();
    }
  }

  private void environment(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("JING_"));
    env.put("TERM", "dumb");
    env.put("LC_ALL", "C.UTF-8");
  }

  /**
   * {@code bin/jing} for the scratch clone: this build's classes, as bin/jing would run them once
   * built; long-running commands get the full JIT, short ones start faster without it.
   */
  private static void writeJing(Path jing) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp =
        System.getProperty("jing.classes")
            + File.pathSeparator
            + System.getProperty("jing.lib")
            + "/*";
    Files.writeString(
        jing,
        "#!/usr/bin/env bash\n"
            + "case \"${1:-}\" in\n"
            + "  dev|node|storage-node|dataserver|relay) opts=() ;;\n"
            + "  *) opts=(-XX:TieredStopAtLevel=1 -Xshare:auto) ;;\n"
            + "esac\n"
            + "exec '"
            + java
            + "' --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC \"${opts[@]}\" -cp '"
            + cp
            + "' org.jingchain.cli.Jing \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(jing, PosixFilePermissions.fromString("rwx------"));
  }

  /** Runs every block of the document; throws {@link DocMismatch} at the first difference. */
  void runAll() throws IOException, InterruptedException {
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    String name = repo.relativize(doc).toString();
    for (DocScript.Block b : DocScript.parse(text)) {
      switch (b.mode()) {
        case SKIP -> log(name + ":" + b.line() + ": skipped: " + b.argument());
        case STOP -> {
          Process p = started.remove(b.argument());
          if (p == null) {
            throw new DocMismatch(
                name + ":" + b.line() + ": nothing was started with '" + b.argument() + "'");
          }
          log("(stopping " + b.argument() + ", as Ctrl-C in its terminal)");
          p.destroy();
          if (!p.waitFor(COMMAND_MINUTES, TimeUnit.MINUTES)) {
            throw new DocMismatch(name + ":" + b.line() + ": " + b.argument() + " did not stop");
          }
        }
        case START -> {
          for (DocScript.Step s : b.steps()) {
            start(name, s, b.argument());
          }
        }
        case RUN, TRANSCRIPT -> {
          for (DocScript.Step s : b.steps()) {
            try {
              run(name, s, b.mode() == DocScript.Mode.TRANSCRIPT);
            } catch (DocMismatch e) {
              if (!keepGoing || e instanceof DocHang) {
                throw e;
              }
              differences.add(e.getMessage());
              log("!!! differs from the document");
            }
          }
        }
      }
    }
    if (!differences.isEmpty()) {
      throw new DocMismatch(
          differences.size() + " differences:\n\n" + String.join("\n\n", differences));
    }
  }

  /**
   * What a command printed, with this scratch clone's directory written as the documents write a
   * clone's: {@code /work/main}; with {@code completeOnly}, a last line still being written (no
   * newline yet) is left out.
   */
  private List<String> printed(Path outFile, boolean completeOnly) throws IOException {
    String text =
        Files.exists(outFile)
            ? new String(Files.readAllBytes(outFile), StandardCharsets.UTF_8) // never refused
            : "";
    List<String> lines = text.lines().toList();
    if (completeOnly && !text.isEmpty() && !text.endsWith("\n")) {
      lines = lines.subList(0, lines.size() - 1);
    }
    String clone = dir.toAbsolutePath().toString();
    return lines.stream()
        .filter(l -> !JOB_NOTICE.matcher(l).matches())
        .map(l -> l.replace(clone, "/work/main"))
        .toList();
  }

  private void run(String name, DocScript.Step step, boolean excerpt)
      throws IOException, InterruptedException {
    int n = ++count;
    Path outFile = dir.resolve(".run/" + n + ".out");
    String marker = "@@jing-doc-runner " + n + " ";
    log("$ " + step.command());
    in.write(
        "{ "
            + step.command()
            + "\n} </dev/null >'"
            + outFile
            + "' 2>&1; echo \""
            + marker
            + "$?\"\n");
    in.flush();
    long t0 = System.nanoTime();
    String rc = awaitMarker(marker, name, step);
    log("  (" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms)");
    List<String> printed = printed(outFile, false);
    printed.forEach(l -> log(l));
    int exit = Integer.parseInt(rc);
    String where = name + ":" + step.line() + ": $ " + step.command();
    if (step.expected().isEmpty()) {
      if (exit != 0) {
        throw new DocMismatch(
            where
                + "\nexited "
                + exit
                + " (the document shows no failure):\n"
                + String.join("\n", printed));
      }
      return;
    }
    String diff = DocOutput.mismatch(step.expected(), printed, excerpt);
    if (diff == null
        && exit != 0
        && !FAILURE_SHOWN.matcher(String.join("\n", step.expected())).find()) {
      diff = "exited " + exit + ", and the document shows no failure";
    }
    if (diff != null) {
      throw new DocMismatch(
          where
              + "\n"
              + diff
              + "\n--- the document shows ---\n"
              + String.join("\n", step.expected())
              + "\n--- it printed (exit "
              + exit
              + ") ---\n"
              + String.join("\n", printed));
    }
  }

  /** What a document shows when it shows a command failing on purpose (exit code not 0). */
  private static final java.util.regex.Pattern FAILURE_SHOWN =
      java.util.regex.Pattern.compile("error:|FAILED|INVALID|NOT VERIFIED|No such file");

  private String awaitMarker(String marker, String name, DocScript.Step step)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(COMMAND_MINUTES);
    StringBuilder line = new StringBuilder();
    while (true) {
      while (out.ready()) {
        int c = out.read();
        if (c == '\n') {
          String l = line.toString();
          line.setLength(0);
          if (l.startsWith(marker)) {
            return l.substring(marker.length()).trim();
          }
        } else if (c >= 0) {
          line.append((char) c);
        }
      }
      if (!shell.isAlive()) {
        throw new DocHang(
            name
                + ":"
                + step.line()
                + ": the shell ended: "
                + Files.readString(dir.resolve(".run/shell.err")));
      }
      if (System.nanoTime() > deadline) {
        throw new DocHang(
            name
                + ":"
                + step.line()
                + ": $ "
                + step.command()
                + "\ndid not finish within "
                + COMMAND_MINUTES
                + " minutes");
      }
      shell.waitFor(20, TimeUnit.MILLISECONDS);
    }
  }

  /** A long-running command, started apart with the shell's directory; waits for its ready line. */
  private void start(String name, DocScript.Step step, String ready)
      throws IOException, InterruptedException {
    int n = ++count;
    Path outFile = dir.resolve(".run/" + n + ".out");
    log("$ " + step.command() + "   (started apart; waiting for '" + ready + "')");
    ProcessBuilder pb =
        new ProcessBuilder("bash", "--noprofile", "--norc", "-c", "exec " + step.command())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(outFile.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    environment(pb.environment());
    Process p = pb.start();
    started.put(step.command(), p);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(COMMAND_MINUTES);
    String where = name + ":" + step.line() + ": $ " + step.command();
    while (true) {
      List<String> printed = printed(outFile, true);
      int at = -1;
      for (int i = 0; i < printed.size() && at < 0; i++) {
        at = printed.get(i).contains(ready) ? i : -1;
      }
      if (at >= 0) {
        printed.forEach(l -> log(l));
        String diff = DocOutput.mismatch(step.expected(), printed.subList(0, at + 1));
        if (!step.expected().isEmpty() && diff != null) {
          throw new DocMismatch(
              where + "\n" + diff + "\n--- it printed ---\n" + String.join("\n", printed));
        }
        return;
      }
      if (!p.isAlive()) {
        throw new DocMismatch(
            where
                + "\nended (exit "
                + p.exitValue()
                + ") before printing '"
                + ready
                + "':\n"
                + String.join("\n", printed));
      }
      if (System.nanoTime() > deadline) {
        throw new DocMismatch(
            where + "\ndid not print '" + ready + "' within " + COMMAND_MINUTES + " minutes");
      }
      p.waitFor(100, TimeUnit.MILLISECONDS);
    }
  }

  private void log(String line) {
    transcript.append(line).append('\n');
  }

  /** What ran and what it printed, for a failure report. */
  String transcript() {
    return transcript.toString();
  }

  /**
   * Stops the shell, what was started apart, and every other process still working in the scratch
   * directory (storage nodes, {@code jing net} nodes left up by a failed run).
   */
  @Override
  public void close() throws InterruptedException {
    shell.destroy();
    for (Process p : started.values()) {
      p.destroy();
    }
    Path scratch;
    try {
      scratch = dir.toRealPath();
    } catch (IOException e) {
      scratch = dir.toAbsolutePath();
    }
    Path root = scratch;
    List<ProcessHandle> left =
        ProcessHandle.allProcesses()
            .filter(
                h -> {
                  try {
                    // Path.startsWith compares whole names: /tmp/junit12 is no prefix of
                    // /tmp/junit123
                    return Files.readSymbolicLink(Path.of("/proc/" + h.pid() + "/cwd"))
                        .startsWith(root);
                  } catch (IOException | UnsupportedOperationException e) {
                    return false;
                  }
                })
            .toList();
    left.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : left) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        h.destroyForcibly();
      }
    }
    for (Process p : started.values()) {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    shell.waitFor(10, TimeUnit.SECONDS);
  }
}
