package org.jingchain.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jingchain.node.NodeConfig;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive as an operator installs it (docs/operations.md, "Install"): unpacked
 * anywhere, its {@code bin/jing} finds a JDK 25 by itself and runs a node from the jars in {@code
 * lib/}; the example config is a valid config that names every setting; the systemd unit starts the
 * launcher that is in the archive.
 */
class DistIT {
  @TempDir Path tmp;

  record Run(int exit, String out) {}

  static Run run(Path home, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin/jing").toString());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  Path unpack() throws Exception {
    Path archive = Path.of(System.getProperty("jing.dist"));
    assertThat(archive).exists();
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", tmp.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    try (var entries = Files.list(tmp)) {
      Path home =
          entries
              .filter(p -> p.getFileName().toString().startsWith("jingchain-"))
              .findFirst()
              .orElseThrow();
      return home;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void theUnpackedArchiveRunsANodeAndBacksItUp() throws Exception {
    Path home = unpack();
    assertThat(home.resolve("bin/jing")).isExecutable();
    Run version = run(home, List.of("--version"));
    assertThat(version.exit()).as(version.out()).isZero();
    assertThat(version.out()).contains("jing 0.1.0");

    int port = freePort();
    Path data = tmp.resolve("data");
    Path log = tmp.resolve("node.log");
    Process node =
        new ProcessBuilder(
                home.resolve("bin/jing").toString(),
                "dev",
                "--data-dir",
                data.toString(),
                "--api-port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      JingClient c = new JingClient("http://127.0.0.1:" + port, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (true) {
        try {
          c.status();
          break;
        } catch (JingApiException notYet) {
          assertThat(node.isAlive()).as(Files.readString(log)).isTrue();
          assertThat(System.nanoTime()).as("the node answers within 90 s").isLessThan(deadline);
          node.waitFor(100, TimeUnit.MILLISECONDS);
        }
      }
      Run status = run(home, List.of("status", "--api", "http://127.0.0.1:" + port));
      assertThat(status.exit()).as(status.out()).isZero();
      assertThat(status.out()).contains("jing-dev");
      Run backup =
          run(
              home,
              List.of(
                  "db",
                  "backup",
                  "--data-dir",
                  data.toString(),
                  "--out",
                  tmp.resolve("b").toString()));
      assertThat(backup.exit()).as(backup.out()).isZero();
      assertThat(backup.out()).contains("taken by the running node");
    } finally {
      node.destroy();
      node.waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void theExampleConfigIsValidAndNamesEverySettingAndTheUnitRunsTheLauncher() throws Exception {
    Path home = unpack();
    Path example = home.resolve("config/node.properties");
    String text = Files.readString(example);
    for (String key : NodeConfig.DEFAULTS.keySet()) {
      assertThat(text).as("the example names " + key).contains(key + " =");
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(example)) {
      p.load(r);
    }
    java.util.Map<String, String> set = new java.util.TreeMap<>();
    p.stringPropertyNames().forEach(k -> set.put(k, p.getProperty(k)));
    assertThat(NodeConfig.defaultsWith(set).dataDir()).isEqualTo(Path.of("/var/lib/jingchain"));
    String unit = Files.readString(home.resolve("systemd/jing-node.service"));
    assertThat(unit).contains("ExecStart=/opt/jingchain/bin/jing node start --config ");
    assertThat(home.resolve("bin/lib/find-java.sh")).exists();
    assertThat(home.resolve("docs/operations.md")).exists();
    try (var jars = Files.list(home.resolve("lib"))) {
      assertThat(jars.map(j -> j.getFileName().toString()))
          .anyMatch(n -> n.startsWith("jing-cli-"))
          .anyMatch(n -> n.startsWith("rocksdbjni-"));
    }
  }
}
