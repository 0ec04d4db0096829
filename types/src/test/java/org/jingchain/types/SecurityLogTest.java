package org.jingchain.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The security log's lines stay few and well formed whatever a hostile client sends. */
class SecurityLogTest {
  private long nowMillis;
  private final List<String> lines = new ArrayList<>();
  private final List<String> events = new ArrayList<>();

  private SecurityLog log() {
    SecurityLog log =
        new SecurityLog("api", () -> TimeUnit.MILLISECONDS.toNanos(nowMillis), lines::add);
    log.listen((c, e) -> events.add(c + "/" + e));
    return log;
  }

  @Test
  void oneLineAMinutePerEventAndSourceTheNextSaysHowManyItLeftOut() {
    SecurityLog log = log();
    assertThat(log.note("HOST_NOT_ALLOWED", "203.0.113.9", "GET /")).isTrue();
    for (int i = 0; i < 500; i++) {
      nowMillis += 100;
      assertThat(log.note("HOST_NOT_ALLOWED", "203.0.113.9", "GET /")).isFalse();
    }
    // another source and another event are lines of their own
    assertThat(log.note("HOST_NOT_ALLOWED", "203.0.113.10", "GET /")).isTrue();
    assertThat(log.note("RATE_LIMITED", "203.0.113.9", "GET /")).isTrue();
    nowMillis += SecurityLog.QUIET_MILLIS;
    assertThat(log.note("HOST_NOT_ALLOWED", "203.0.113.9", "GET /")).isTrue();
    assertThat(lines)
        .containsExactly(
            "security component=api event=HOST_NOT_ALLOWED source=203.0.113.9 detail=\"GET /\"",
            "security component=api event=HOST_NOT_ALLOWED source=203.0.113.10 detail=\"GET /\"",
            "security component=api event=RATE_LIMITED source=203.0.113.9 detail=\"GET /\"",
            "security component=api event=HOST_NOT_ALLOWED source=203.0.113.9 detail=\"GET /\""
                + " left_out=500");
    // every event is counted for the metrics, written or not
    assertThat(events).hasSize(504).allMatch(e -> e.startsWith("api/"));
  }

  @Test
  void manySourcesCannotFloodTheLog() {
    SecurityLog log = log();
    int written = 0;
    for (int i = 0; i < 100_000; i++) {
      if (log.note(
          "MALFORMED", "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), "x")) {
        written++;
      }
    }
    assertThat(written).isEqualTo(SecurityLog.LINES_PER_MINUTE);
    nowMillis += SecurityLog.QUIET_MILLIS;
    assertThat(log.note("MALFORMED", "192.0.2.1", "x")).isTrue();
    assertThat(lines.getLast())
        .endsWith("lines_over_budget=" + (100_000 - SecurityLog.LINES_PER_MINUTE));
    assertThat(events).hasSize(100_001);
  }

  @Test
  void aHostileDetailCannotForgeLinesOrFields() {
    SecurityLog log = log();
    log.note("HOST_NOT_ALLOWED", "a b", "GET /x\nsecurity component=api event=FAKE \"q\"");
    log.note("BODY_TOO_LARGE", "c", "y".repeat(10_000));
    log.note("HOST_NOT_ALLOWED", "d", "a\u0085b\u2028c\u202ed");
    assertThat(lines).hasSize(3).allMatch(l -> l.chars().allMatch(c -> c >= ' ' && c < 127));
    assertThat(lines.get(0))
        .isEqualTo(
            "security component=api event=HOST_NOT_ALLOWED source=\"a b\""
                + " detail=\"GET /x\\u000asecurity component=api event=FAKE \\\"q\\\"\"");
    assertThat(lines.get(1)).hasSizeLessThan(400).endsWith("...\"");
    assertThat(lines.get(2)).endsWith("detail=\"a\\u0085b\\u2028c\\u202ed\"");
  }
}
