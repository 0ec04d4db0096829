package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingClient;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The console's in-browser verifier (node/.../console/verify.js, its own SM3 and SM2 and the
 * browser's SHA-256 and Ed25519) against what the node's Java code wrote and signed, in both
 * suites: console-tests/verify.test.mjs runs it in Node.js on real blocks of a real node, and on
 * tampered copies of them, each of which must be refused with its code.
 */
class ConsoleVerifierIT {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theConsolesVerifierAcceptsTheNodesBlocksAndRefusesEveryTamperedCopy(SuiteId suite)
      throws Exception {
    if (!ConsoleIT.onPath("node")) {
      ConsoleIT.skipLoudly("Node.js is not on PATH");
    }
    try (TestNode n = new TestNode(dir, suite)) {
      JingClient c = n.client;
      String chain = c.status().chainId();
      KeyPair alice = CryptoSuites.of(suite).generateKeyPair(new SecureRandom());
      KeyPair bob = CryptoSuites.of(suite).generateKeyPair(new SecureRandom());
      List<Hash> sent = new ArrayList<>();
      sent.add(c.submit(ApiIT.sign(alice, chain, 0, AssetCalls.create("CNY", "yuan", 2))));
      sent.add(c.submit(ApiIT.sign(alice, chain, 1, AssetCalls.mint("CNY", alice.address(), 900))));
      sent.add(c.submit(ApiIT.sign(alice, chain, 2, AssetCalls.transfer("CNY", bob.address(), 5))));
      sent.add(c.submit(ApiIT.sign(bob, chain, 0, AssetCalls.transfer("CNY", alice.address(), 7))));
      TreeSet<Long> heights = new TreeSet<>();
      for (Hash h : sent) {
        heights.add(c.waitForCommit(h, Duration.ofSeconds(30)).height());
      }
      // each block's receipts are checked against its child's results root: wait for the child
      long last = heights.last();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (c.status().height() < last + 2 && System.nanoTime() < deadline) {
        Thread.sleep(10); // polls a condition, bounded by the deadline
      }
      List<String> cmd =
          new ArrayList<>(
              List.of("node", ConsoleIT.TESTS.resolve("verify.test.mjs").toString(), n.url));
      heights.forEach(h -> cmd.add(Long.toString(h)));
      Process p =
          new ProcessBuilder(cmd)
              .directory(ConsoleIT.TESTS.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      System.out.println(out);
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("verifier test finished").isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out)
          .contains("SM3 gives the standard's example digest")
          .contains("is refused: TX_MISMATCH", "is refused: RESULTS_ROOT_MISMATCH")
          .contains(
              "is refused: BAD_SIGNATURE", "is refused: BELOW_QUORUM", "is refused: WRONG_CHAIN")
          .contains("verifier checks passed");
    }
  }
}
