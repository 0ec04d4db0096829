package org.jingchain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.Aggregate.Status;
import org.jingchain.privacy.Committee.Phase;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sealed aggregates as authorities and contributors meet them (docs/spec/privacy.md section 3), in
 * both suites: a committee's key generation, ten hospitals' encrypted counts summed without opening
 * any, fewer than t shares revealing nothing, and every refusal typed and changing nothing.
 */
class AggregateContractTest {
  TestChain chain;
  EcGroup g;
  SecureRandom random;
  List<KeyPair> authorities;
  List<Authority> sides;

  void setUp(SuiteId suite) {
    chain =
        new TestChain(
            suite, (s, crypto) -> new AggregateContract(EcGroup.of(s, crypto), TestChain.CHAIN_ID));
    g = EcGroup.of(suite, chain.crypto());
    random = Seeded.random(42);
    authorities = new ArrayList<>();
    sides = new ArrayList<>();
    for (String name : List.of("commission", "university-a", "university-b")) {
      KeyPair k = chain.key(name);
      authorities.add(k);
      sides.add(new Authority(g, TestChain.CHAIN_ID, k, random));
    }
  }

  Committee committee(String id) {
    return AggregateState.committee(chain.state(), id).orElseThrow();
  }

  Aggregate aggregate(String id) {
    return AggregateState.aggregate(chain.state(), id).orElseThrow();
  }

  void createCommittee(String id, int t) {
    List<Address> members = authorities.stream().map(KeyPair::address).toList();
    chain.ok(authorities.get(0).address(), AggregateCalls.createCommittee(id, members, t, 50));
  }

  /** Join, deal and check as honest authorities do; returns the ready committee. */
  Committee keyGeneration(String id, int t) {
    createCommittee(id, t);
    for (int i = 0; i < 3; i++) {
      chain.succeedAll(authorities.get(i).address(), sides.get(i).join(id));
    }
    assertThat(committee(id).phase()).isEqualTo(Phase.DEALING);
    for (int i = 0; i < 3; i++) {
      chain.succeedAll(authorities.get(i).address(), sides.get(i).deal(committee(id)));
    }
    assertThat(committee(id).phase()).isEqualTo(Phase.CHECKING);
    for (int i = 0; i < 3; i++) {
      for (int d = 1; d <= 3; d++) {
        assertThat(sides.get(i).checkShare(committee(id), d, deal(id, d))).isTrue();
      }
      chain.succeedAll(authorities.get(i).address(), AggregateCalls.ack(id));
    }
    return committee(id);
  }

  Deal deal(String committee, int dealer) {
    return AggregateState.deal(chain.state(), committee, dealer).orElseThrow();
  }

  BigInteger secretShare(int member, Committee c) {
    return sides.get(member - 1).secretShare(c, i -> AggregateState.deal(chain.state(), c.id(), i));
  }

  Call contribution(Committee c, String aggregate, Address sender, long value) {
    return Authority.contribute(
        g, TestChain.CHAIN_ID, c, aggregate(aggregate), sender, value, random);
  }

  static AggregateCalls.Open open(String id, String committee, int bits, long min) {
    return new AggregateCalls.Open(id, committee, "cases this week", bits, min, 100, List.of(), 0);
  }

  /**
   * [PRIV-9] [PRIV-10] [PRIV-14] [PRIV-15] Ten hospitals' counts: the chain sums them, two of three
   * authorities' shares decrypt only the total, and the published total is checked.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void tenContributionsGiveTheirTotalAndNothingElse(SuiteId suite) {
    setUp(suite);
    Committee c = keyGeneration("health", 2);
    assertThat(c.phase()).isEqualTo(Phase.READY);
    // The joint key is Σ a_i0·G: the secret that interpolates the members' shares.
    List<Integer> two = List.of(1, 3);
    List<ECPoint> pubs = List.of(g.base(secretShare(1, c)), g.base(secretShare(3, c)));
    assertThat(g.encode(Shamir.combine(g, two, pubs))).isEqualTo(c.publicKey().unsafeArray());
    for (int j = 1; j <= 3; j++) {
      assertThat(g.encode(g.base(secretShare(j, c))))
          .isEqualTo(c.member(j).publicShare().unsafeArray());
    }

    chain.ok(authorities.get(0).address(), AggregateCalls.open(open("flu-w49", "health", 16, 3)));
    long[] counts = {12, 0, 7, 65535, 3, 41, 9, 1, 250, 18};
    long total = 0;
    for (int h = 0; h < counts.length; h++) {
      Address hospital = chain.key("hospital-" + h).address();
      chain.ok(hospital, contribution(c, "flu-w49", hospital, counts[h]));
      total += counts[h];
    }
    assertThat(aggregate("flu-w49").contributions()).isEqualTo(10);
    chain.ok(authorities.get(0).address(), AggregateCalls.close("flu-w49"));

    // One share: the aggregate stays closed, and one share alone interpolates to no total.
    Aggregate closed = aggregate("flu-w49");
    chain.succeedAll(
        authorities.get(1).address(), sides.get(1).share(c, closed, secretShare(2, c)));
    assertThat(aggregate("flu-w49").status()).isEqualTo(Status.CLOSED);
    Ciphertext sum = Ciphertext.decode(g, closed.sum().unsafeArray(), "sum");
    ECPoint d2 = g.mul(sum.c1(), secretShare(2, c));
    ECPoint alone = g.sub(sum.c2(), Shamir.combine(g, List.of(2), List.of(d2)));
    assertThat(DiscreteLog.solve(g, alone, closed.maxTotal())).isEmpty();
    assertThat(chain.refused(authorities.get(0).address(), AggregateCalls.reveal("flu-w49", total)))
        .isEqualTo("WRONG_STATUS");

    chain.succeedAll(
        authorities.get(2).address(), sides.get(2).share(c, closed, secretShare(3, c)));
    Aggregate dec = aggregate("flu-w49");
    assertThat(dec.status()).isEqualTo(Status.DECRYPTED);
    ECPoint m = g.decodeOrIdentity(dec.decrypted().unsafeArray(), "m");
    assertThat(DiscreteLog.solve(g, m, dec.maxTotal())).hasValue(total);
    assertThat(
            chain.refused(
                chain.key("anyone").address(), AggregateCalls.reveal("flu-w49", total + 1)))
        .isEqualTo("WRONG_TOTAL");
    chain.ok(chain.key("anyone").address(), AggregateCalls.reveal("flu-w49", total));
    assertThat(aggregate("flu-w49").status()).isEqualTo(Status.REVEALED);
    assertThat(aggregate("flu-w49").total()).isEqualTo(total);
  }

  /**
   * [PRIV-11] [PRIV-12] A malformed contribution is refused with its reason and changes nothing: a
   * bit that is not 0 or 1, a proof copied from another account, a second contribution, the wrong
   * number of bits, an account not on the list, garbage bytes.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void malformedContributionsAreRefused(SuiteId suite) throws Exception {
    setUp(suite);
    Committee c = keyGeneration("health", 2);
    Address a = chain.key("hospital-a").address();
    Address b = chain.key("hospital-b").address();
    Address outsider = chain.key("outsider").address();
    chain.ok(
        authorities.get(0).address(),
        AggregateCalls.open(
            new AggregateCalls.Open("w1", "health", "", 4, 1, 10, List.of(a, b), 0)));

    // A "bit" of 2: take a valid bit 1 and add G to C2; its proof no longer holds.
    Call valid = contribution(c, "w1", a, 5);
    AggregateCalls.Contribute args = AggregateCalls.decodeContribute(valid.args());
    BitCipher bit0 = BitCipher.decode(g, args.bits().get(0).unsafeArray(), "bit");
    BitCipher two =
        new BitCipher(
            bit0.c1(), g.add(bit0.c2(), g.generator()), bit0.e0(), bit0.e1(), bit0.z0(), bit0.z1());
    List<byte[]> forged = new ArrayList<>();
    forged.add(two.encode(g));
    for (int i = 1; i < 4; i++) {
      forged.add(args.bits().get(i).toByteArray());
    }
    assertThat(chain.refused(a, AggregateCalls.contribute("w1", forged))).isEqualTo("BAD_PROOF");
    // b replays a's contribution as its own: the proofs are bound to a.
    assertThat(chain.refused(b, valid)).isEqualTo("BAD_PROOF");
    assertThat(chain.refused(outsider, contribution(c, "w1", outsider, 1)))
        .isEqualTo("NOT_A_CONTRIBUTOR");
    assertThat(
            chain.refused(
                a, AggregateCalls.contribute("w1", List.of(args.bits().get(0).toByteArray()))))
        .isEqualTo("INVALID_ARGS");
    assertThatRefusedAsInvalid(
        a, new Call("aggregate", "contribute", Bytes.wrap(new byte[] {1, 2})));
    List<byte[]> offCurve = new ArrayList<>();
    for (Bytes bb : args.bits()) {
      byte[] x = bb.toByteArray();
      x[0] = 7;
      offCurve.add(x);
    }
    assertThat(chain.refused(a, AggregateCalls.contribute("w1", offCurve)))
        .isEqualTo("INVALID_ARGS");
    // Values beyond the range cannot even be encoded as bits.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> contribution(c, "w1", a, 16))
        .isInstanceOf(IllegalArgumentException.class);

    chain.ok(a, valid);
    assertThat(chain.refused(a, contribution(c, "w1", a, 3))).isEqualTo("ALREADY_DONE");
    assertThat(aggregate("w1").contributions()).isEqualTo(1);
  }

  void assertThatRefusedAsInvalid(Address sender, Call call) {
    assertThat(chain.refused(sender, call)).isEqualTo("INVALID_ARGS");
  }

  /**
   * [PRIV-14] A share that does not match the member's public share is refused and names the
   * member; an aggregate with too few contributions is not decrypted.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void badSharesAreNamedAndSmallAggregatesStaySealed(SuiteId suite) {
    setUp(suite);
    Committee c = keyGeneration("health", 2);
    chain.ok(authorities.get(0).address(), AggregateCalls.open(open("w2", "health", 8, 3)));
    for (int h = 0; h < 2; h++) {
      Address hospital = chain.key("hospital-" + h).address();
      chain.ok(hospital, contribution(c, "w2", hospital, 4));
    }
    assertThat(chain.refused(authorities.get(0).address(), AggregateCalls.close("w2")))
        .isEqualTo("TOO_FEW_CONTRIBUTIONS");
    assertThat(chain.refused(chain.key("hospital-0").address(), AggregateCalls.close("w2")))
        .isEqualTo("NOT_ALLOWED");
    // Shares before close are refused: nothing is decrypted while contributions may still come.
    assertThat(
            chain.refused(
                authorities.get(1).address(),
                sides.get(1).share(c, aggregate("w2"), secretShare(2, c))))
        .isEqualTo("WRONG_STATUS");
    Address third = chain.key("hospital-2").address();
    chain.ok(third, contribution(c, "w2", third, 4));
    chain.ok(authorities.get(0).address(), AggregateCalls.close("w2"));
    // Member 2 shares with a wrong secret.
    Call bad = sides.get(1).share(c, aggregate("w2"), secretShare(2, c).add(BigInteger.ONE));
    var r = chain.execute(authorities.get(1).address(), bad).receipt();
    assertThat(r.code()).isEqualTo("BAD_SHARE");
    assertThat(r.message()).contains("member 2").contains(authorities.get(1).address().toString());
    assertThat(chain.refused(authorities.get(1).address(), bad)).isEqualTo("BAD_SHARE");
    // A non-member cannot share at all.
    assertThat(
            chain.refused(
                chain.key("outsider").address(),
                sides.get(1).share(c, aggregate("w2"), secretShare(2, c))))
        .isEqualTo("NOT_A_MEMBER");
  }

  /**
   * [PRIV-7] [PRIV-8] [PRIV-9] A dealer that sends a wrong share is disqualified on a complaint the
   * chain checks; a complaint against a right share is refused; a member that never deals is left
   * out at the deadline; the key is the qualified dealers' and decryption still works.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void cheatingAndSilentDealersAreLeftOut(SuiteId suite) {
    setUp(suite);
    createCommittee("c2", 2);
    for (int i = 0; i < 3; i++) {
      chain.succeedAll(authorities.get(i).address(), sides.get(i).join("c2"));
    }
    // Dealer 1 corrupts member 3's share.
    AggregateCalls.DealArgs honest =
        AggregateCalls.decodeDeal(sides.get(0).deal(committee("c2")).args());
    List<Bytes> shares = new ArrayList<>(honest.deal().maskedShares());
    shares.set(
        2,
        Bytes.wrap(
            g.encodeScalar(new BigInteger(1, shares.get(2).unsafeArray()).add(BigInteger.ONE))));
    chain.succeedAll(
        authorities.get(0).address(),
        AggregateCalls.deal(
            "c2",
            new Deal(
                honest.deal().r(), honest.deal().commitments(), shares, honest.deal().proof())));
    // Dealer 2 deals honestly; dealer 3 stays silent.
    chain.succeedAll(authorities.get(1).address(), sides.get(1).deal(committee("c2")));
    assertThat(chain.refused(chain.key("anyone").address(), AggregateCalls.advance("c2")))
        .isEqualTo("TOO_EARLY");

    Committee c = committee("c2");
    assertThat(sides.get(2).checkShare(c, 1, deal("c2", 1))).isFalse();
    assertThat(sides.get(2).checkShare(c, 2, deal("c2", 2))).isTrue();
    assertThat(
            chain.refused(authorities.get(2).address(), sides.get(2).complain(c, 2, deal("c2", 2))))
        .isEqualTo("COMPLAINT_REJECTED");
    // Member 2 cannot complain with member 3's disclosure: the proof is bound to the complainant.
    assertThat(
            chain.refused(authorities.get(1).address(), sides.get(2).complain(c, 1, deal("c2", 1))))
        .isEqualTo("BAD_PROOF");
    chain.ok(authorities.get(2).address(), sides.get(2).complain(c, 1, deal("c2", 1)));
    assertThat(committee("c2").member(1).disqualified()).isTrue();

    for (int h = 0; h < 50; h++) {
      chain.advance(1000);
    }
    // At the dealing deadline only dealer 2 stands, below the threshold of 2: the committee fails
    // then, without waiting out a checking phase.
    chain.succeedAll(chain.key("anyone").address(), AggregateCalls.advance("c2"));
    assertThat(committee("c2").phase()).isEqualTo(Phase.FAILED);
    assertThat(committee("c2").failure()).contains("1 members dealt");
    assertThat(chain.refused(chain.key("anyone").address(), AggregateCalls.advance("c2")))
        .isEqualTo("WRONG_PHASE");
    assertThat(
            chain.refused(
                authorities.get(0).address(), AggregateCalls.open(open("w3", "c2", 8, 1))))
        .isEqualTo("COMMITTEE_NOT_READY");

    // With threshold 1 the same story leaves a working committee of dealer 2's key.
    createCommittee("c3", 1);
    for (int i = 0; i < 3; i++) {
      chain.succeedAll(authorities.get(i).address(), sides.get(i).join("c3"));
    }
    chain.succeedAll(authorities.get(1).address(), sides.get(1).deal(committee("c3")));
    for (int h = 0; h < 50; h++) {
      chain.advance(1000);
    }
    chain.succeedAll(chain.key("anyone").address(), AggregateCalls.advance("c3"));
    for (int i = 0; i < 3; i++) {
      chain.succeedAll(authorities.get(i).address(), AggregateCalls.ack("c3"));
    }
    Committee c3 = committee("c3");
    assertThat(c3.phase()).isEqualTo(Phase.READY);
    chain.ok(authorities.get(0).address(), AggregateCalls.open(open("w4", "c3", 8, 1)));
    Address hospital = chain.key("hospital-0").address();
    chain.ok(hospital, contribution(c3, "w4", hospital, 200));
    chain.ok(authorities.get(0).address(), AggregateCalls.close("w4"));
    chain.succeedAll(
        authorities.get(2).address(), sides.get(2).share(c3, aggregate("w4"), secretShare(3, c3)));
    ECPoint m = g.decodeOrIdentity(aggregate("w4").decrypted().unsafeArray(), "m");
    assertThat(DiscreteLog.solve(g, m, 255)).hasValue(200);
  }

  /** [PRIV-5] Committees: typed refusals for bad parameters, outsiders and repeats. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void committeeRefusals(SuiteId suite) {
    setUp(suite);
    Address creator = authorities.get(0).address();
    List<Address> members = authorities.stream().map(KeyPair::address).toList();
    assertThat(chain.refused(creator, AggregateCalls.createCommittee("Bad Id", members, 2, 10)))
        .isEqualTo("INVALID_ARGS");
    assertThat(chain.refused(creator, AggregateCalls.createCommittee("c", members, 4, 10)))
        .isEqualTo("INVALID_ARGS");
    assertThat(chain.refused(creator, AggregateCalls.createCommittee("c", members, 0, 10)))
        .isEqualTo("INVALID_ARGS");
    assertThat(
            chain.refused(
                creator,
                AggregateCalls.createCommittee(
                    "c", List.of(members.get(0), members.get(0)), 1, 10)))
        .isEqualTo("INVALID_ARGS");
    createCommittee("c", 2);
    assertThat(chain.refused(creator, AggregateCalls.createCommittee("c", members, 2, 10)))
        .isEqualTo("COMMITTEE_EXISTS");
    Authority outsider = new Authority(g, TestChain.CHAIN_ID, chain.key("outsider"), random);
    assertThat(chain.refused(chain.key("outsider").address(), outsider.join("c")))
        .isEqualTo("NOT_A_MEMBER");
    // A join proof made for another account does not verify for the sender.
    assertThat(chain.refused(members.get(1), sides.get(0).join("c"))).isEqualTo("BAD_PROOF");
    chain.succeedAll(members.get(0), sides.get(0).join("c"));
    assertThat(chain.refused(members.get(0), sides.get(0).join("c"))).isEqualTo("ALREADY_DONE");
    assertThat(chain.refused(members.get(0), AggregateCalls.ack("c"))).isEqualTo("WRONG_PHASE");
    assertThat(chain.refused(members.get(0), AggregateCalls.ack("nope")))
        .isEqualTo("NO_SUCH_COMMITTEE");
  }

  /**
   * [PRIV-6] A deal must prove knowledge of its R for its own dealer number: one copying another
   * dealer's R and proof is refused, so a complaint can never be made to disclose an honest
   * dealer's share.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aDealUnderAnotherDealersRIsRefused(SuiteId suite) {
    setUp(suite);
    createCommittee("c4", 2);
    for (int i = 0; i < 3; i++) {
      chain.succeedAll(authorities.get(i).address(), sides.get(i).join("c4"));
    }
    chain.succeedAll(authorities.get(0).address(), sides.get(0).deal(committee("c4")));
    Deal first = deal("c4", 1);
    Deal mine = AggregateCalls.decodeDeal(sides.get(1).deal(committee("c4")).args()).deal();
    Call copied =
        AggregateCalls.deal(
            "c4", new Deal(first.r(), mine.commitments(), mine.maskedShares(), first.proof()));
    assertThat(chain.refused(authorities.get(1).address(), copied)).isEqualTo("BAD_PROOF");
    Call truncated =
        AggregateCalls.deal(
            "c4",
            new Deal(
                mine.r(), mine.commitments().subList(0, 1), mine.maskedShares(), mine.proof()));
    assertThat(chain.refused(authorities.get(1).address(), truncated)).isEqualTo("INVALID_ARGS");
    chain.succeedAll(authorities.get(1).address(), sides.get(1).deal(committee("c4")));
    assertThat(chain.refused(authorities.get(1).address(), sides.get(1).deal(committee("c4"))))
        .isEqualTo("ALREADY_DONE");
  }

  /**
   * [PRIV-16] Opening refuses what could never work or mislead: an allow-list shorter than the
   * minimum, a contributor of another suite, invisible or direction-changing characters in the
   * description, a range whose total could not be searched.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void openingRefusesWhatCouldNeverWork(SuiteId suite) {
    setUp(suite);
    keyGeneration("health", 2);
    Address creator = authorities.get(0).address();
    Address a = chain.key("a").address();
    Address other =
        org.jingchain.crypto.CryptoSuites.of(suite == SuiteId.INTL ? SuiteId.SM : SuiteId.INTL)
            .address(
                org.jingchain.testkit.TestKeys.keyPair(
                        "x", suite == SuiteId.INTL ? SuiteId.SM : SuiteId.INTL)
                    .publicKey());
    assertThat(
            chain.refused(
                creator,
                AggregateCalls.open(
                    new AggregateCalls.Open("x", "health", "", 8, 3, 10, List.of(a), 0))))
        .isEqualTo("INVALID_ARGS");
    assertThat(
            chain.refused(
                creator,
                AggregateCalls.open(
                    new AggregateCalls.Open("x", "health", "", 8, 1, 10, List.of(other), 0))))
        .isEqualTo("INVALID_ARGS");
    for (String d : List.of("cases\u202eevil", "zero\u200bwidth", "bell\u0007", "c1\u0085")) {
      assertThat(
              chain.refused(
                  creator,
                  AggregateCalls.open(
                      new AggregateCalls.Open("x", "health", d, 8, 1, 10, List.of(), 0))))
          .as(d)
          .isEqualTo("INVALID_ARGS");
    }
    assertThat(
            chain.refused(
                creator,
                AggregateCalls.open(
                    new AggregateCalls.Open("x", "health", "", 32, 1, 1 << 16, List.of(), 0))))
        .isEqualTo("INVALID_ARGS");
    assertThat(
            chain.refused(
                creator,
                AggregateCalls.open(
                    new AggregateCalls.Open("x", "health", "", 33, 1, 1, List.of(), 0))))
        .isEqualTo("INVALID_ARGS");
    chain.ok(
        creator,
        AggregateCalls.open(
            new AggregateCalls.Open("x", "health", "病例, week 49", 24, 1, 1 << 16, List.of(), 0)));
    assertThat(
            chain.refused(
                creator,
                AggregateCalls.open(
                    new AggregateCalls.Open("x", "health", "", 8, 1, 10, List.of(), 0))))
        .isEqualTo("AGGREGATE_EXISTS");
  }

  /**
   * [PRIV-18] Calls declare gas for their curve work, so a block holds a bounded amount of it: a
   * contribution's grows with its bits; bytes that do not decode declare none.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void callsDeclareGasForTheirCurveWork(SuiteId suite) {
    setUp(suite);
    Committee c = keyGeneration("health", 2);
    chain.ok(authorities.get(0).address(), AggregateCalls.open(open("w", "health", 16, 1)));
    Address h = chain.key("h").address();
    long sixteen = AggregateCalls.gas(contribution(c, "w", h, 5));
    assertThat(sixteen).isEqualTo(16 * 8 * 6_000 + 6_000);
    assertThat(30_000_000 / sixteen).isEqualTo(38);
    assertThat(AggregateCalls.gas(new Call("aggregate", "contribute", Bytes.wrap(new byte[] {1}))))
        .isZero();
    assertThat(AggregateCalls.gas(AggregateCalls.reveal("w", 1))).isEqualTo(6_000);
  }

  /**
   * [PRIV-9] Dealers that all collude could deal commitments that cancel, leaving the identity as
   * the key (every contribution would be readable): the committee fails instead of becoming ready.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aDegenerateKeyFailsTheCommittee(SuiteId suite) {
    setUp(suite);
    List<Address> two = List.of(authorities.get(0).address(), authorities.get(1).address());
    chain.ok(two.get(0), AggregateCalls.createCommittee("zero", two, 1, 50));
    for (int i = 0; i < 2; i++) {
      chain.succeedAll(two.get(i), sides.get(i).join("zero"));
    }
    chain.succeedAll(two.get(0), sides.get(0).deal(committee("zero")));
    Deal first = deal("zero", 1);
    Deal mine = AggregateCalls.decodeDeal(sides.get(1).deal(committee("zero")).args()).deal();
    ECPoint a0 = g.decode(first.commitments().get(0).unsafeArray(), "A0");
    Bytes negated = Bytes.wrap(g.encode(a0.negate().normalize()));
    chain.succeedAll(
        two.get(1),
        AggregateCalls.deal(
            "zero", new Deal(mine.r(), List.of(negated), mine.maskedShares(), mine.proof())));
    for (Address a : two) {
      chain.succeedAll(a, AggregateCalls.ack("zero"));
    }
    assertThat(committee("zero").phase()).isEqualTo(Phase.FAILED);
    assertThat(committee("zero").failure()).contains("degenerate");
  }
}
