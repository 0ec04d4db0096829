package org.jingchain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;

/**
 * Fuzzes the {@code ctoken} contract's argument decoders — range proofs, validity and equality
 * proofs, points and scalars included — and the contract behind them: any bytes are answered with
 * an event or a refusal of a documented code that wrote nothing ([PRIV-17]), {@code INVALID_ARGS}
 * whenever they do not decode. In the test command this replays the corpus in {@code
 * CtokenArgsFuzzTestInputs} (valid arguments of each method); {@code JAZZER_FUZZ=1} fuzzes for
 * real.
 */
class CtokenArgsFuzzTest {
  static final Set<String> CODES =
      Set.of(
          "INVALID_ARGS",
          "ALREADY_REGISTERED",
          "BAD_PROOF",
          "NOT_REGISTERED",
          "TOKEN_EXISTS",
          "NO_SUCH_TOKEN",
          "NOT_ISSUER",
          "SUPPLY_LIMIT",
          "STALE_BALANCE",
          "COMMITMENT_REUSED",
          "BAD_HANDLES",
          "BAD_BALANCE_PROOF",
          "OUT_OF_RANGE",
          "NOTHING_PENDING");

  static final TestChain CHAIN =
      new TestChain(
          SuiteId.INTL,
          (s, crypto) -> new CtokenContract(EcGroup.of(s, crypto), TestChain.CHAIN_ID));
  static final EcGroup G = EcGroup.of(SuiteId.INTL, CHAIN.crypto());
  static final SecureRandom RANDOM = Seeded.random(17);
  static final CtokenWallet ISSUER = wallet("issuer");
  static final CtokenWallet ALICE = wallet("alice");
  static final CtokenWallet BOB = wallet("bob");
  static final CtokenWallet NEWCOMER = wallet("newcomer");

  static CtokenWallet wallet(String name) {
    return new CtokenWallet(G, TestChain.CHAIN_ID, CHAIN.key(name), RANDOM);
  }

  static {
    for (CtokenWallet w : new CtokenWallet[] {ISSUER, ALICE, BOB}) {
      CHAIN.ok(w.address(), w.register());
    }
    CHAIN.ok(ISSUER.address(), CtokenCalls.create("T", 2, ISSUER.address()));
    CHAIN.ok(ISSUER.address(), CtokenCalls.mint("T", ALICE.address(), 1000));
    CHAIN.ok(ALICE.address(), CtokenCalls.apply("T"));
    CHAIN.ok(ISSUER.address(), CtokenCalls.mint("T", ALICE.address(), 5));
  }

  static void check(String method, byte[] input) {
    TestChain.Outcome o =
        CHAIN.dryRun(ALICE.address(), new Call(CtokenCalls.CONTRACT, method, Bytes.wrap(input)));
    if (o.receipt().succeeded()) {
      assertThat(o.receipt().events()).hasSize(1);
    } else {
      assertThat(o.receipt().code()).isIn(CODES);
      assertThat(o.writes()).isEmpty();
    }
  }

  @FuzzTest(maxDuration = "10s")
  void register(byte[] input) {
    check(CtokenCalls.REGISTER, input);
  }

  @FuzzTest(maxDuration = "10s")
  void create(byte[] input) {
    check(CtokenCalls.CREATE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void mint(byte[] input) {
    check(CtokenCalls.MINT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void apply(byte[] input) {
    check(CtokenCalls.APPLY, input);
  }

  @FuzzTest(maxDuration = "10s")
  void transfer(byte[] input) {
    check(CtokenCalls.TRANSFER, input);
  }

  /** Writes the corpus of valid arguments; run once by hand when the encodings change. */
  public static void main(String[] args) throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
    java.util.Map<String, Call> valid = new java.util.LinkedHashMap<>();
    // Sent by ALICE (registered): a registration as the newcomer would make it, refused as hers.
    valid.put("register", NEWCOMER.register());
    valid.put("create", CtokenCalls.create("U", 2, BOB.address()));
    valid.put("mint", CtokenCalls.mint("T", BOB.address(), 5));
    valid.put("apply", CtokenCalls.apply("T"));
    ECPoint bobKey =
        G.decode(CtokenState.key(CHAIN.state(), BOB.address()).orElseThrow().unsafeArray(), "k");
    ECPoint auditor =
        G.decode(CtokenState.key(CHAIN.state(), ISSUER.address()).orElseThrow().unsafeArray(), "k");
    valid.put(
        "transfer",
        ALICE.transfer(
            "T",
            BOB.address(),
            7,
            CtokenState.balance(CHAIN.state(), G, "T", ALICE.address()),
            bobKey,
            auditor));
    for (var e : valid.entrySet()) {
      java.nio.file.Path d = dir.resolve(e.getKey());
      java.nio.file.Files.createDirectories(d);
      java.nio.file.Files.write(d.resolve("valid"), e.getValue().args().toByteArray());
    }
  }
}
