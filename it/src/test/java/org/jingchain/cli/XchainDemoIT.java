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
 * {@code bin/xchain-demo}, exactly as docs/xchain.md and the README run it: three {@code jing dev}
 * chains started by the script — city ({@code intl}), bank ({@code sm}) and a hub — linked by their
 * admins, the hub's members admitted by its governance, and a relayer carrying yuan to bank
 * directly and through the hub, part of it home, and a refund after a timeout — every step a {@code
 * jing} process. The assertions are the outcomes the docs show.
 */
class XchainDemoIT {
  @TempDir Path dir;

  @Test
  void yuanCrossDirectlyAndThroughTheHubComeHomeAndARefundFollowsATimeout() throws Exception {
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
    env.put("JING_HUB_PORT", Integer.toString(NodeProcess.freePort()));
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
        .contains("event xchain.ClientCreated client=c-1")
        .contains("status FAILED XC_NOT_APPROVED") // the hub's first try, before the vote
        .contains("event xchain.MemberRegistered chain=city client=c-0 suite=intl")
        .containsPattern("bank +sm +c-1 .*Bank consortium")
        .contains("city -> bank: tx ")
        .contains("in bank's block")
        .containsPattern("\\bc-0/CNY +100")
        // through the hub: city -> hub, hub -> bank, then the answers back the same way
        .contains("city -> hub: tx ")
        .contains("hub -> bank: tx ")
        .contains("bank -> hub: tx ")
        .contains("hub -> city: tx ")
        .containsPattern("c-1/c-0/CNY +50")
        .contains("0 pending through c-1")
        .contains("CNY 890")
        // a collectible there and back
        .contains("event xchain.CollectibleSent client=c-0 sequence=2 class=asset id=art-1")
        .containsPattern("class +c-0/asset")
        .contains("event xchain.CollectibleSent client=c-0 sequence=2 class=c-0/asset id=art-1")
        // a degree issued on city, verified on bank through its client, then revoked
        .contains("VALID sd-jwt presentation")
        .containsPattern("chain +city at height \\d+ .*through this chain's client c-0")
        .contains("INVALID REVOKED")
        .contains("0 acknowledged, 1 timed out")
        .contains("status        active")
        .doesNotContain("error: ");
  }
}
