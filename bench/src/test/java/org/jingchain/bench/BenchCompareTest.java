package org.jingchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code bin/bench compare}: the numbers both results hold, with B/A, and each one's commit. */
class BenchCompareTest {
  @Test
  void printsEachSharedNumberWithItsRatioAndBothCommits() throws Exception {
    ObjectMapper json = new ObjectMapper();
    var a =
        json.readTree(
            "{\"machine\":{\"cpu\":\"x\",\"commit\":\"aaa\"},\"committedTxPerSecond\":1000,"
                + "\"latencyP50Ms\":800,\"suite\":\"intl\",\"cpuMicrosPerCommittedTx\":{\"api\":60.5}}");
    var b =
        json.readTree(
            "{\"machine\":{\"cpu\":\"x\",\"commit\":\"bbb-dirty\"},\"committedTxPerSecond\":1500,"
                + "\"latencyP50Ms\":400,\"suite\":\"intl\",\"cpuMicrosPerCommittedTx\":{\"api\":42}}");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    BenchCompare.print(
        new PrintStream(buf, true, StandardCharsets.UTF_8), "a.json", a, "b.json", b);
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("commit aaa", "commit bbb-dirty").doesNotContain("warning");
    assertThat(out.lines())
        .anyMatch(l -> l.matches("committedTxPerSecond\\s+1,000\\s+1,500\\s+1\\.50"))
        .anyMatch(l -> l.matches("latencyP50Ms\\s+800\\s+400\\s+0\\.50"))
        .anyMatch(l -> l.matches("cpuMicrosPerCommittedTx\\.api\\s+60\\.50\\s+42\\s+0\\.69"))
        .noneMatch(l -> l.startsWith("suite"));
  }
}
