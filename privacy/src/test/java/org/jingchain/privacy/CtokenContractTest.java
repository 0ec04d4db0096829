package org.jingchain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.CtokenState.Balance;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Confidential tokens as banks and their regulator meet them (docs/spec/privacy.md section 5), in
 * both suites: valid transfers commit and move hidden amounts; an overdraw, a negative amount, a
 * forged range proof, a reused commitment and a tampered auditor field are each refused with its
 * own code and change nothing; the auditor opens the true amounts ([PRIV-23]..[PRIV-28]).
 */
class CtokenContractTest {
  TestChain chain;
  EcGroup g;
  SecureRandom random;
  Map<String, CtokenWallet> wallets;

  void setUp(SuiteId suite) {
    chain =
        new TestChain(
            suite, (s, crypto) -> new CtokenContract(EcGroup.of(s, crypto), TestChain.CHAIN_ID));
    g = EcGroup.of(suite, chain.crypto());
    random = Seeded.random(99);
    wallets = new java.util.HashMap<>();
    for (String n : new String[] {"central-bank", "bank-a", "bank-b", "regulator", "outsider"}) {
      KeyPair k = chain.key(n);
      wallets.put(n, new CtokenWallet(g, TestChain.CHAIN_ID, k, random));
    }
    for (String n : new String[] {"central-bank", "bank-a", "bank-b", "regulator"}) {
      chain.ok(addr(n), wallets.get(n).register());
    }
    chain.ok(addr("central-bank"), CtokenCalls.create("DCNY", 2, addr("regulator")));
    chain.ok(addr("central-bank"), CtokenCalls.mint("DCNY", addr("bank-a"), 1_000_000));
    chain.ok(addr("bank-a"), CtokenCalls.apply("DCNY"));
  }

  Address addr(String name) {
    return wallets.get(name).address();
  }

  Balance balance(String name) {
    return CtokenState.balance(chain.state(), g, "DCNY", addr(name));
  }

  /** Available plus pending, opened with the account's key. */
  long opened(String name) {
    return wallets.get(name).balance(balance(name)) + wallets.get(name).pending(balance(name));
  }

  /** Applies what is pending, as the CLI does before a transfer. */
  void applyPending(String name) {
    if (!balance(name).nothingPending()) {
      chain.ok(addr(name), CtokenCalls.apply("DCNY"));
    }
  }

  ECPoint key(String name) {
    return g.decode(CtokenState.key(chain.state(), addr(name)).orElseThrow().unsafeArray(), "key");
  }

  Call transfer(String from, String to, long amount) {
    return wallets
        .get(from)
        .transfer("DCNY", addr(to), amount, balance(from), key(to), key("regulator"));
  }

  Call unchecked(String from, String to, long amount) {
    CtokenWallet w = wallets.get(from);
    Balance b = balance(from);
    return w.transferUnchecked(
        "DCNY", addr(to), amount, b, w.balance(b), key(to), key("regulator"));
  }

  /** [PRIV-26] [PRIV-28] Hidden amounts move; each side and the auditor open what they should. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void transfersMoveHiddenAmountsAndTheAuditorOpensThem(SuiteId suite) {
    setUp(suite);
    chain.ok(addr("bank-a"), transfer("bank-a", "bank-b", 300_000));
    assertThat(wallets.get("bank-b").pending(balance("bank-b"))).isEqualTo(300_000);
    applyPending("bank-b");
    chain.ok(addr("bank-b"), transfer("bank-b", "bank-a", 12_345));
    applyPending("bank-a");
    chain.ok(addr("bank-a"), transfer("bank-a", "bank-b", 712_345));
    assertThat(opened("bank-a")).isZero();
    assertThat(opened("bank-b")).isEqualTo(1_000_000);
    // The balances on chain are ciphertexts: the value is in no state byte.
    assertThat(balance("bank-b").c().toHex()).doesNotContain("0f4240");
    CtokenState.Token t = CtokenState.token(chain.state(), "DCNY").orElseThrow();
    assertThat(t.transfers()).isEqualTo(3);
    assertThat(t.supply()).isEqualTo(1_000_000);
    long[] expected = {300_000, 12_345, 712_345};
    CtokenWallet regulator = wallets.get("regulator");
    for (int i = 0; i < 3; i++) {
      CtokenState.TransferRecord r = CtokenState.transfer(chain.state(), "DCNY", i).orElseThrow();
      assertThat(regulator.open(r.amount(), r.auditorHandle())).hasValue(expected[i]);
      // Nobody else's key opens the auditor's handle.
      assertThat(wallets.get("outsider").open(r.amount(), r.auditorHandle())).isEmpty();
    }
  }

  /**
   * [PRIV-26] Each attack is refused with its own code and changes nothing: an overdraw, a negative
   * amount, a forged range proof, a reused commitment, a tampered auditor handle, a new balance
   * that is not the old one less the amount, a stale balance version.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void attacksAreRefusedWithTheirReasons(SuiteId suite) {
    setUp(suite);
    Call first = transfer("bank-a", "bank-b", 300_000);
    chain.ok(addr("bank-a"), first);
    Address a = addr("bank-a");
    assertThat(chain.refused(a, unchecked("bank-a", "bank-b", 700_001))).isEqualTo("OUT_OF_RANGE");
    assertThat(chain.refused(a, unchecked("bank-a", "bank-b", -5))).isEqualTo("OUT_OF_RANGE");
    CtokenCalls.Transfer valid = CtokenCalls.decodeTransfer(transfer("bank-a", "bank-b", 5).args());
    CtokenCalls.Transfer other = CtokenCalls.decodeTransfer(transfer("bank-a", "bank-b", 6).args());
    assertThat(chain.refused(a, CtokenCalls.transfer(with(valid, "range", other.range()))))
        .isEqualTo("OUT_OF_RANGE");
    // Proofs of another shape do not decode.
    Bytes shortRange = Bytes.wrap(java.util.Arrays.copyOf(valid.range().toByteArray(), 600));
    assertThat(chain.refused(a, CtokenCalls.transfer(with(valid, "range", shortRange))))
        .isEqualTo("INVALID_ARGS");
    Bytes tampered = Bytes.wrap(g.encode(g.add(decode(valid.auditorHandle()), g.generator())));
    assertThat(chain.refused(a, CtokenCalls.transfer(with(valid, "auditor", tampered))))
        .isEqualTo("BAD_HANDLES");
    assertThat(chain.refused(a, CtokenCalls.transfer(with(valid, "balance", other.newBalance()))))
        .isEqualTo("BAD_BALANCE_PROOF");
    // The first transfer again: its version is gone; with the version moved on, its commitment
    // is a reused one.
    assertThat(chain.refused(a, first)).isEqualTo("STALE_BALANCE");
    CtokenCalls.Transfer replay = CtokenCalls.decodeTransfer(first.args());
    assertThat(
            chain.refused(
                a,
                CtokenCalls.transfer(
                    new CtokenCalls.Transfer(
                        replay.symbol(),
                        replay.to(),
                        balance("bank-a").version(),
                        replay.amount(),
                        replay.senderHandle(),
                        replay.receiverHandle(),
                        replay.auditorHandle(),
                        replay.validity(),
                        replay.newBalance(),
                        replay.equality(),
                        replay.range()))))
        .isEqualTo("COMMITMENT_REUSED");
    // Another account cannot send bank-a's transfer as its own.
    assertThat(chain.refused(addr("bank-b"), transfer("bank-a", "regulator", 5)))
        .isIn("STALE_BALANCE", "BAD_HANDLES");
    Call toOutsider =
        wallets
            .get("bank-a")
            .transfer(
                "DCNY",
                addr("outsider"),
                5,
                balance("bank-a"),
                wallets.get("outsider").publicKey(),
                key("regulator"));
    assertThat(chain.refused(a, toOutsider)).isEqualTo("NOT_REGISTERED");
    assertThat(opened("bank-a")).isEqualTo(700_000);
    assertThat(opened("bank-b")).isEqualTo(300_000);
    chain.ok(a, CtokenCalls.transfer(valid));
    assertThat(opened("bank-a")).isEqualTo(699_995);
  }

  /** [PRIV-23] [PRIV-27] Keys, tokens and mints: typed refusals. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void registrationAndMintingRefusals(SuiteId suite) {
    setUp(suite);
    assertThat(chain.refused(addr("bank-a"), wallets.get("bank-a").register()))
        .isEqualTo("ALREADY_REGISTERED");
    assertThat(chain.refused(addr("bank-a"), CtokenCalls.apply("DCNY")))
        .isEqualTo("NOTHING_PENDING");
    // A key registration copied to another account does not verify for it.
    assertThat(chain.refused(addr("outsider"), wallets.get("bank-a").register()))
        .isEqualTo("BAD_PROOF");
    assertThat(chain.refused(addr("bank-a"), CtokenCalls.mint("DCNY", addr("bank-a"), 1)))
        .isEqualTo("NOT_ISSUER");
    assertThat(
            chain.refused(
                addr("central-bank"),
                CtokenCalls.mint("DCNY", addr("bank-a"), CtokenCalls.MAX_SUPPLY)))
        .isEqualTo("SUPPLY_LIMIT");
    assertThat(chain.refused(addr("central-bank"), CtokenCalls.mint("DCNY", addr("bank-a"), 0)))
        .isEqualTo("SUPPLY_LIMIT");
    assertThat(chain.refused(addr("central-bank"), CtokenCalls.mint("DCNY", addr("outsider"), 5)))
        .isEqualTo("NOT_REGISTERED");
    assertThat(
            chain.refused(addr("central-bank"), CtokenCalls.create("DCNY", 2, addr("regulator"))))
        .isEqualTo("TOKEN_EXISTS");
    assertThat(
            chain.refused(addr("central-bank"), CtokenCalls.create("dcny", 2, addr("regulator"))))
        .isEqualTo("INVALID_ARGS");
    assertThat(chain.refused(addr("central-bank"), CtokenCalls.create("X", 2, addr("outsider"))))
        .isEqualTo("NOT_REGISTERED");
    assertThat(
            chain.refused(addr("bank-a"), new Call("ctoken", "transfer", Bytes.wrap(new byte[3]))))
        .isEqualTo("INVALID_ARGS");
  }

  ECPoint decode(Bytes b) {
    return g.decode(b.unsafeArray(), "point");
  }

  static CtokenCalls.Transfer with(CtokenCalls.Transfer t, String field, Bytes value) {
    return new CtokenCalls.Transfer(
        t.symbol(),
        t.to(),
        t.version(),
        t.amount(),
        t.senderHandle(),
        t.receiverHandle(),
        field.equals("auditor") ? value : t.auditorHandle(),
        t.validity(),
        field.equals("balance") ? value : t.newBalance(),
        t.equality(),
        field.equals("range") ? value : t.range());
  }

  /**
   * [PRIV-26] Payments to an account wait in its pending balance, so a transfer it has proved is
   * not made stale by anyone else's: bank B pays bank A while A's transfer is in flight, and A's
   * still commits; A applies the payment later.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void incomingPaymentsNeverMakeAProvedTransferStale(SuiteId suite) {
    setUp(suite);
    chain.ok(addr("bank-a"), transfer("bank-a", "bank-b", 500_000));
    applyPending("bank-b");
    Call inFlight = transfer("bank-a", "bank-b", 100_000);
    long version = balance("bank-a").version();
    chain.ok(addr("bank-b"), transfer("bank-b", "bank-a", 1));
    assertThat(balance("bank-a").version()).isEqualTo(version);
    chain.ok(addr("bank-a"), inFlight);
    assertThat(wallets.get("bank-a").balance(balance("bank-a"))).isEqualTo(400_000);
    assertThat(wallets.get("bank-a").pending(balance("bank-a"))).isEqualTo(1);
    chain.ok(addr("bank-a"), CtokenCalls.apply("DCNY"));
    assertThat(wallets.get("bank-a").balance(balance("bank-a"))).isEqualTo(400_001);
    assertThat(balance("bank-a").nothingPending()).isTrue();
  }
}
