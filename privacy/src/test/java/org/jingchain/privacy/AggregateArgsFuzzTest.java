package org.jingchain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import org.jingchain.crypto.KeyPair;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;

/**
 * Fuzzes the {@code aggregate} contract's argument decoders and the contract behind them, with the
 * chain holding committees in every phase and aggregates in every status: any bytes are answered
 * with events or a refusal of a documented code that wrote nothing ([PRIV-17]) — {@code
 * INVALID_ARGS} whenever the bytes do not decode, points off the curve and scalars beyond the order
 * included ([PRIV-2]) — and nothing else escapes. In the test command this replays the corpus in
 * {@code AggregateArgsFuzzTestInputs} (valid arguments of each method); {@code JAZZER_FUZZ=1}
 * fuzzes for real.
 */
class AggregateArgsFuzzTest {
  static final Set<String> CODES =
      Set.of(
          "INVALID_ARGS",
          "COMMITTEE_EXISTS",
          "NO_SUCH_COMMITTEE",
          "NOT_A_MEMBER",
          "WRONG_PHASE",
          "ALREADY_DONE",
          "BAD_PROOF",
          "COMPLAINT_REJECTED",
          "TOO_EARLY",
          "COMMITTEE_NOT_READY",
          "AGGREGATE_EXISTS",
          "NO_SUCH_AGGREGATE",
          "WRONG_STATUS",
          "NOT_A_CONTRIBUTOR",
          "AGGREGATE_FULL",
          "NOT_ALLOWED",
          "TOO_FEW_CONTRIBUTIONS",
          "BAD_SHARE",
          "WRONG_TOTAL");

  static final TestChain CHAIN =
      new TestChain(
          SuiteId.INTL,
          (s, crypto) -> new AggregateContract(EcGroup.of(s, crypto), TestChain.CHAIN_ID));
  static final EcGroup G = EcGroup.of(SuiteId.INTL, CHAIN.crypto());
  static final SecureRandom RANDOM = Seeded.random(7);
  static final List<KeyPair> KEYS = List.of(CHAIN.key("m1"), CHAIN.key("m2"), CHAIN.key("m3"));
  static final Address OP = KEYS.get(0).address();

  static Authority side(int i) {
    return new Authority(G, TestChain.CHAIN_ID, KEYS.get(i), RANDOM);
  }

  static Committee committee(String id) {
    return AggregateState.committee(CHAIN.state(), id).orElseThrow();
  }

  /** Creates committee {@code id} and runs its key generation up to {@code phase}. */
  static void committeeIn(String id, Committee.Phase phase) {
    CHAIN.ok(
        OP,
        AggregateCalls.createCommittee(id, KEYS.stream().map(KeyPair::address).toList(), 2, 50));
    if (phase == Committee.Phase.JOINING) {
      return;
    }
    for (int i = 0; i < 3; i++) {
      CHAIN.succeedAll(KEYS.get(i).address(), side(i).join(id));
    }
    if (phase == Committee.Phase.DEALING) {
      return;
    }
    for (int i = 0; i < 3; i++) {
      CHAIN.succeedAll(KEYS.get(i).address(), side(i).deal(committee(id)));
    }
    if (phase == Committee.Phase.CHECKING) {
      return;
    }
    for (int i = 0; i < 3; i++) {
      CHAIN.succeedAll(KEYS.get(i).address(), AggregateCalls.ack(id));
    }
  }

  static void contribute(String aggregate, long value) {
    CHAIN.ok(
        OP,
        Authority.contribute(
            G,
            TestChain.CHAIN_ID,
            committee("ready"),
            AggregateState.aggregate(CHAIN.state(), aggregate).orElseThrow(),
            OP,
            value,
            RANDOM));
  }

  static {
    committeeIn("joining", Committee.Phase.JOINING);
    committeeIn("dealing", Committee.Phase.DEALING);
    committeeIn("checking", Committee.Phase.CHECKING);
    committeeIn("ready", Committee.Phase.READY);
    for (String a : List.of("open", "closed", "decrypted")) {
      CHAIN.ok(
          OP, AggregateCalls.open(new AggregateCalls.Open(a, "ready", "", 4, 1, 10, List.of(), 0)));
    }
    contribute("closed", 3);
    contribute("decrypted", 5);
    CHAIN.ok(OP, AggregateCalls.close("closed"));
    CHAIN.ok(OP, AggregateCalls.close("decrypted"));
    Committee ready = committee("ready");
    for (int i = 0; i < 2; i++) {
      Authority a = side(i);
      CHAIN.succeedAll(
          KEYS.get(i).address(),
          a.share(
              ready,
              AggregateState.aggregate(CHAIN.state(), "decrypted").orElseThrow(),
              a.secretShare(ready, d -> AggregateState.deal(CHAIN.state(), "ready", d))));
    }
  }

  static void check(String method, byte[] input) {
    TestChain.Outcome o =
        CHAIN.dryRun(OP, new Call(AggregateCalls.CONTRACT, method, Bytes.wrap(input)));
    if (o.receipt().succeeded()) {
      assertThat(o.receipt().events()).isNotEmpty();
    } else {
      assertThat(o.receipt().code()).isIn(CODES);
      assertThat(o.writes()).isEmpty();
    }
  }

  @FuzzTest(maxDuration = "10s")
  void createCommittee(byte[] input) {
    check(AggregateCalls.CREATE_COMMITTEE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void join(byte[] input) {
    check(AggregateCalls.JOIN, input);
  }

  @FuzzTest(maxDuration = "10s")
  void deal(byte[] input) {
    check(AggregateCalls.DEAL, input);
  }

  @FuzzTest(maxDuration = "10s")
  void complain(byte[] input) {
    check(AggregateCalls.COMPLAIN, input);
  }

  @FuzzTest(maxDuration = "10s")
  void ack(byte[] input) {
    check(AggregateCalls.ACK, input);
  }

  @FuzzTest(maxDuration = "10s")
  void advance(byte[] input) {
    check(AggregateCalls.ADVANCE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void open(byte[] input) {
    check(AggregateCalls.OPEN, input);
  }

  @FuzzTest(maxDuration = "10s")
  void contribute(byte[] input) {
    check(AggregateCalls.CONTRIBUTE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void close(byte[] input) {
    check(AggregateCalls.CLOSE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void share(byte[] input) {
    check(AggregateCalls.SHARE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void reveal(byte[] input) {
    check(AggregateCalls.REVEAL, input);
  }

  /** Writes the corpus of valid arguments; run once by hand when the encodings change. */
  public static void main(String[] args) throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
    Committee checking = committee("checking");
    java.util.Map<String, Call> valid = new java.util.LinkedHashMap<>();
    valid.put(
        "createCommittee",
        AggregateCalls.createCommittee("new", KEYS.stream().map(KeyPair::address).toList(), 2, 50));
    valid.put("join", side(0).join("joining"));
    valid.put("deal", side(0).deal(committee("dealing")));
    valid.put(
        "complain",
        side(0)
            .complain(
                checking, 2, AggregateState.deal(CHAIN.state(), "checking", 2).orElseThrow()));
    valid.put("ack", AggregateCalls.ack("checking"));
    valid.put("advance", AggregateCalls.advance("dealing"));
    valid.put(
        "open",
        AggregateCalls.open(
            new AggregateCalls.Open("new", "ready", "x", 8, 1, 10, List.of(OP), 0)));
    valid.put(
        "contribute",
        Authority.contribute(
            G,
            TestChain.CHAIN_ID,
            committee("ready"),
            AggregateState.aggregate(CHAIN.state(), "open").orElseThrow(),
            OP,
            9,
            RANDOM));
    valid.put("close", AggregateCalls.close("closed"));
    Committee ready = committee("ready");
    valid.put(
        "share",
        side(0)
            .share(
                ready,
                AggregateState.aggregate(CHAIN.state(), "closed").orElseThrow(),
                side(0).secretShare(ready, d -> AggregateState.deal(CHAIN.state(), "ready", d))));
    valid.put("reveal", AggregateCalls.reveal("decrypted", 5));
    for (var e : valid.entrySet()) {
      java.nio.file.Path d = dir.resolve(e.getKey());
      java.nio.file.Files.createDirectories(d);
      java.nio.file.Files.write(d.resolve("valid"), e.getValue().args().toByteArray());
    }
  }
}
