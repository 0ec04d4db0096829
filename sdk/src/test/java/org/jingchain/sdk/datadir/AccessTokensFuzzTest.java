package org.jingchain.sdk.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.junit.jupiter.api.Test;

/**
 * [DDA-4] Whatever string reaches {@link AccessTokens#verify} — from anyone, over the network — it
 * ends in a result or an {@link AccessTokenException} with a reason; nothing else escapes. Seeded
 * random inputs and mutations of a valid token (runs the same every time), and a Jazzer target
 * ({@code JAZZER_FUZZ=1} fuzzes it; a normal build replays its seeds).
 */
class AccessTokensFuzzTest {
  static final TestChain CHAIN = new TestChain();
  static final Party ALICE = CHAIN.party("alice");
  static final Instant NOW = Instant.ofEpochMilli(TestChain.START_MILLIS);
  static final String VALID =
      AccessTokens.issue(
          Signers.of(ALICE),
          "rainfall-2025",
          7,
          AccessTokensTest.SERVER,
          TestChain.CHAIN_ID,
          NOW,
          Duration.ofSeconds(60));

  /** The property: a verified access or a typed refusal. */
  static void check(byte[] input) {
    String s = new String(input, StandardCharsets.UTF_8);
    try {
      AccessTokens.verify(
          s,
          CHAIN::read,
          AccessTokens.Options.of(AccessTokensTest.SERVER, TestChain.CHAIN_ID, NOW));
    } catch (AccessTokenException refused) {
      assertThat(refused.reason()).isNotNull();
    }
  }

  @com.code_intelligence.jazzer.junit.FuzzTest(maxDuration = "20s")
  void anyInputEndsInAResultOrATypedRefusal(byte[] input) {
    check(input);
  }

  @Test
  void randomBytesEndInATypedRefusal() {
    Random random = new Random(20260101L);
    for (int i = 0; i < 5_000; i++) {
      byte[] b = new byte[random.nextInt(200)];
      random.nextBytes(b);
      check(b);
    }
  }

  @Test
  void mutationsOfAValidTokenEndInAResultOrATypedRefusal() {
    Random random = new Random(42L);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder(VALID);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && !sb.isEmpty(); e++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(4)) {
          case 0 -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> sb.deleteCharAt(at);
          case 2 -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> sb.setLength(at);
        }
      }
      check(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void structuredJsonInsideValidBase64EndsInATypedRefusal() {
    Random random = new Random(7L);
    String[] pieces = {
      "{",
      "}",
      "[",
      "]",
      "\"alg\"",
      "\"typ\"",
      "\"jing-access+jwt\"",
      "\"EdDSA\"",
      ":",
      ",",
      "1",
      "-1",
      "1e999",
      "null",
      "true",
      "\"kid\"",
      "\"iss\"",
      "\"grant\"",
      "\"exp\"",
      "\"\\u0000\""
    };
    for (int i = 0; i < 5_000; i++) {
      StringBuilder h = new StringBuilder();
      StringBuilder c = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        h.append(pieces[random.nextInt(pieces.length)]);
        c.append(pieces[random.nextInt(pieces.length)]);
      }
      String token =
          AccessTokensTest.b64(h.toString()) + "." + AccessTokensTest.b64(c.toString()) + ".AAAA";
      check(token.getBytes(StandardCharsets.UTF_8));
    }
  }
}
