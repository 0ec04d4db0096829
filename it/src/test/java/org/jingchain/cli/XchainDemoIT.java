package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/xchain-demo}, exactly as docs/xchain.md and the README run it: two {@code jing dev}
 * chains of different suites started by the script, linked by their admins, and a relayer carrying
 * 100 yuan to the bank chain and 40 back — every step a {@code jing} process. The assertions are
 * the outcomes the docs show.
 */
class XchainDemoIT {
  @TempDir Path dir;

  @Test
  void yuanCrossToTheSmChainAsVouchersAndPartComeHome() throws Exception {
    assumeTrue(
        new File("/usr/bin/curl").canExecute() || new File("/bin/curl").canExecute(),
        "curl is needed by bin/xchain-demo (apt-get install curl)");
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    Path log = dir.resolve("demo.out");
    ProcessBuilder pb =
        new ProcessBuilder("bash", root.resolve("bin/xchain-demo").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("JING_CMD", WalkthroughIT.jingScript(dir).toString());
    env.put("JING_CITY_PORT", Integer.toString(NodeProcess.freePort()));
    env.put("JING_BANK_PORT", Integer.toString(NodeProcess.freePort()));
    env.put("TMPDIR", dir.toString());
    env.remove("JING_KEY_PASSWORD");
    Process p = pb.start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES); // a hang guard, not a timing assertion
    if (!done) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(done).as(out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .as(out)
        .contains("event xchain.ClientCreated client=c-0")
        .contains("1 pending through c-0")
        .contains("city -> bank: tx ")
        .contains("in bank's block")
        .contains("1 packets received")
        .containsPattern("c-0/CNY +100")
        .contains("1 acknowledged, 0 timed out")
        .contains("0 pending through c-0")
        .containsPattern("c-0/CNY +60")
        .containsPattern("CNY +940")
        .contains("status        active")
        .doesNotContain("error: ");
  }
}
