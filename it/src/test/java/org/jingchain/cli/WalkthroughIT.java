package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jingchain.sdk.DatadirQueries;
import org.jingchain.sdk.model.DatadirAsset;
import org.jingchain.sdk.model.DatadirAudit;
import org.jingchain.sdk.model.DatadirLineage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's two walk-throughs exactly as the README runs them: {@code bin/walkthrough hospital} and
 * {@code bin/walkthrough ai-lab}, each a bash script of {@code jing} commands (every one a new
 * process), against a {@code jing dev} node process, with the hospital's {@code jing dataserver} as
 * a process of its own and the file fetched by curl. The assertions are the outcomes the README
 * shows: the file served once to a token under a grant, the replay and the revoked grant refused,
 * the audit trail, the lineage tree and the refused cycle — and on chain, not only in the output.
 */
class WalkthroughIT {
  @TempDir static Path dir;
  static NodeProcess node;
  static DatadirQueries datadir;
  static Path jing;

  @BeforeAll
  static void startNode() throws Exception {
    assumeTrue(
        new File("/usr/bin/curl").canExecute() || new File("/bin/curl").canExecute(),
        "curl is needed by bin/walkthrough (apt-get install curl)");
    Path pw = dir.resolve("node-password");
    Files.writeString(pw, "walkthrough-node");
    node = NodeProcess.start(dir.resolve("chain"), pw, NodeProcess.freePort());
    node.awaitReady();
    datadir = new DatadirQueries(node.url);
    jing = jingScript(dir);
  }

  /** The jing command a script runs: this build's classes, not bin/jing's own build. */
  static Path jingScript(Path dir) throws IOException {
    Path jing = dir.resolve("jing");
    Files.writeString(
        jing,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' --enable-native-access=ALL-UNNAMED -Xmx256m -XX:TieredStopAtLevel=1 -cp '"
            + System.getProperty("jing.classes")
            + File.pathSeparator
            + System.getProperty("jing.lib")
            + "/*' org.jingchain.cli.Jing \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(jing, PosixFilePermissions.fromString("rwx------"));
    return jing;
  }

  @AfterAll
  static void stopNode() throws InterruptedException {
    if (node != null) {
      node.terminate();
    }
  }

  record Run(int exit, String out) {}

  static Run walkthrough(String which) throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("user.dir")).getParent(); // the cli module's parent
    Path log = dir.resolve(which + ".out");
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("bin/walkthrough").toString(), which)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("JING_CMD", jing.toString());
    env.put("JING_API", node.url);
    env.put("JING_GENESIS", dir.resolve("chain/genesis.json").toString());
    env.put("JING_DATASERVER_PORT", Integer.toString(NodeProcess.freePort()));
    env.put("TMPDIR", dir.toString());
    Process p = pb.start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES); // a hang guard, not a timing assertion
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    return new Run(done ? p.exitValue() : -1, out);
  }

  @Test
  void theHospitalServesRecordsOnceUnderAGrantAndThePatientsConsentAndAuditsIt() throws Exception {
    Run r = walkthrough("hospital");
    assertThat(r.exit()).as(r.out()).isZero();
    String out = r.out();
    // served: the file's bytes, then the access id, transaction and height it was recorded at
    assertThat(out).as(out).contains("patient,ward,admitted\np1,3,2025-01-02\n");
    assertThat(out).containsPattern("(?i)x-jing-access: id=\\S+; tx=\\S+; height=\\d+");
    // the same token again, then a token under the revoked grant
    assertThat(out).contains("{\"error\":\"DD_EXISTS\"").contains("a token serves once");
    assertThat(out).contains("{\"error\":\"DD_GRANT_REVOKED\"");
    assertThat(out).doesNotContain("error: "); // every jing command succeeded

    // On chain: the audit trail of the asset, in order, with exactly one access.
    DatadirAudit audit = datadir.audit(DatadirQueries.AuditIndex.ASSET, "ward-2025", 0, 100);
    List<String> kinds = audit.entries().stream().map(DatadirAudit.Entry::type).toList();
    assertThat(kinds).containsExactly("consented", "requested", "granted", "accessed", "revoked");
    assertThat(out).containsPattern("accessed +asset=ward-2025");
  }

  @Test
  void aRegulatorTracesTheModelToItsDataSetsAndACycleIsRefused() throws Exception {
    Run r = walkthrough("ai-lab");
    assertThat(r.exit()).as(r.out()).isZero();
    String out = r.out();
    assertThat(out)
        .as(out)
        .containsPattern("crowd-forecast-v1 +ai +public +active")
        .contains("ancestors of crowd-forecast-v1 (3 assets)")
        .contains("├── er-visits-2025")
        .contains("└── metro-ridership-2025")
        .contains("digraph")
        .contains(
            "error: DD_LINEAGE_CYCLE: metro-ridership-2025 cannot be derived from"
                + " crowd-forecast-v1");

    // On chain: the model's parents, and the refused update changed nothing.
    DatadirLineage lineage =
        datadir.lineage("metro-ridership-2025", DatadirQueries.Direction.ANCESTORS, 100);
    assertThat(lineage.edges()).isEmpty();
    DatadirAsset model = datadir.asset("crowd-forecast-v1");
    assertThat(model.derivedFrom()).contains("metro-ridership-2025", "er-visits-2025");
  }
}
