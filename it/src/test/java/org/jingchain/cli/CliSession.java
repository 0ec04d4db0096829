package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.cli.CliRun.Result;

/**
 * A user at a terminal against one node: runs {@code jing} commands with {@code --api} added, makes
 * encrypted keys (one password file) and DIDs, as the walk-through tests need.
 */
final class CliSession {
  private final Path dir;
  private final Path pw;
  private final String url;

  CliSession(Path dir, Path passwordFile, String nodeUrl) {
    this.dir = dir;
    this.pw = passwordFile;
    this.url = nodeUrl;
  }

  Path passwordFile() {
    return pw;
  }

  Result jing(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("keys")) {
      all.add("--api=" + url);
    }
    return CliRun.run(all);
  }

  /** Runs a command that must succeed. */
  Result ok(String... args) {
    Result r = jing(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  /** A new intl key in {@code <dir>/<name>.key}; returns its path. */
  String key(String name) {
    Path k = dir.resolve(name + ".key");
    ok("keys", "new", "--suite", "intl", "--out", k.toString(), "--password-file", pw.toString());
    return k.toString();
  }

  /** A DID whose first (authentication) key is {@code key}, with a fresh recovery key. */
  String did(String key) {
    return ok(
            "did",
            "create",
            "--key",
            key,
            "--recovery-key",
            key(Path.of(key).getFileName() + "-recovery"),
            "--password-file",
            pw.toString())
        .out()
        .lines()
        .filter(l -> l.startsWith("did "))
        .findFirst()
        .orElseThrow()
        .substring(4);
  }
}
