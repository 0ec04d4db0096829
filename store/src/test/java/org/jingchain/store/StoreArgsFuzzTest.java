package org.jingchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;

/**
 * Fuzzes the {@code store} contract's argument decoders and the contract behind them: any bytes are
 * answered with one event or a refusal of a documented code that wrote nothing — {@code
 * INVALID_ARGS} whenever the bytes do not decode — and nothing else escapes. In the test command
 * this replays the corpus in {@code StoreArgsFuzzTestInputs} (valid arguments of each method);
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class StoreArgsFuzzTest {
  static final Set<String> CODES =
      Set.of(
          "INVALID_ARGS",
          "NODE_EXISTS",
          "TOO_MANY_NODES",
          "NO_NODE",
          "NOT_OPERATOR",
          "NODE_RETIRED",
          "EMPTY_OBJECT",
          "OBJECT_TOO_LARGE",
          "OBJECT_EXISTS",
          "NOT_ENOUGH_NODES",
          "NO_OBJECT",
          "NOT_PLACED",
          "ALREADY_CONFIRMED",
          "NOT_OWNER",
          "TOO_EARLY",
          "AUDIT_OPEN",
          "NOTHING_TO_AUDIT",
          "NO_CHALLENGE",
          "CHALLENGE_CLOSED",
          "DEADLINE_PASSED",
          "BAD_PROOF",
          "NOTHING_TO_CLOSE",
          "NOTHING_TO_DO",
          "NO_REPAIR",
          "REPAIR_NOT_STALLED");

  static final TestChain CHAIN =
      new TestChain(SuiteId.INTL, (s, crypto) -> new StoreContract(crypto));
  static final Address OP = CHAIN.crypto().address(CHAIN.key("op").publicKey());

  static {
    for (int i = 0; i < 6; i++) {
      CHAIN.ok(OP, StoreCalls.registerNode("n" + i, "http://127.0.0.1:870" + i, "", 1L << 40));
    }
    CHAIN.ok(
        OP,
        StoreCalls.putObject(
            new StoreCalls.PutObject(
                "a",
                10,
                new Coding(4, 2, 1 << 20, 16 << 10),
                StoreContractTest.hashOf(9),
                StoreContractTest.roots(6),
                0,
                "")));
  }

  static void check(String method, byte[] input) {
    TestChain.Outcome o =
        CHAIN.dryRun(OP, new Call(StoreCalls.CONTRACT, method, Bytes.wrap(input)));
    if (o.receipt().succeeded()) {
      assertThat(o.receipt().events()).hasSize(1);
    } else {
      assertThat(o.receipt().code()).isIn(CODES);
      assertThat(o.writes()).isEmpty();
    }
  }

  @FuzzTest(maxDuration = "10s")
  void registerNode(byte[] input) {
    check(StoreCalls.REGISTER_NODE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void updateNode(byte[] input) {
    check(StoreCalls.UPDATE_NODE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void putObject(byte[] input) {
    check(StoreCalls.PUT_OBJECT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void confirmShard(byte[] input) {
    check(StoreCalls.CONFIRM_SHARD, input);
  }

  @FuzzTest(maxDuration = "10s")
  void deleteObject(byte[] input) {
    check(StoreCalls.DELETE_OBJECT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void auditRound(byte[] input) {
    check(StoreCalls.AUDIT_ROUND, input);
  }

  @FuzzTest(maxDuration = "10s")
  void auditObject(byte[] input) {
    check(StoreCalls.AUDIT_OBJECT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void answerChallenge(byte[] input) {
    check(StoreCalls.ANSWER_CHALLENGE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void failChallenge(byte[] input) {
    check(StoreCalls.FAIL_CHALLENGE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void checkObject(byte[] input) {
    check(StoreCalls.CHECK_OBJECT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void retryRepair(byte[] input) {
    check(StoreCalls.RETRY_REPAIR, input);
  }

  @FuzzTest(maxDuration = "10s")
  void closeExpired(byte[] input) {
    check(StoreCalls.CLOSE_EXPIRED, input);
  }
}
