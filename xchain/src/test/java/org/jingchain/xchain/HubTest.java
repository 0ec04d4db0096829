package org.jingchain.xchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.gov.Gov;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.Address;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.Receipt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hub (docs/spec/xchain.md section 6): chains A ({@code intl}) and B ({@code sm}) each keep one
 * client of hub H ({@code intl}), H one of each; H's registry names both, by governance approval
 * [XC-40]. Routed transfers A → H → B are relayed by hand with real proofs; H acknowledges A only
 * once B answered, and unwinds when B refuses or never receives [XC-41..43].
 *
 * <p>Client ids: on A {@code c-0} follows H; on H {@code c-0} follows A and {@code c-1} follows B;
 * on B {@code c-0} follows H.
 */
class HubTest {
  static final long DAY = 24L * 3_600_000;

  MiniChain a;
  MiniChain h;
  MiniChain b;
  KeyPair alice;
  KeyPair bob;
  KeyPair relayer;

  @BeforeEach
  void aHubWithTwoMembers() {
    a = new MiniChain("chain-a", CryptoSuites.intl());
    h = new MiniChain("hub", CryptoSuites.intl());
    b = new MiniChain("chain-b", CryptoSuites.sm());
    ClientTest.create(a, h); // A c-0 -> H
    ClientTest.create(h, a); // H c-0 -> A
    ClientTest.create(h, b); // H c-1 -> B
    ClientTest.create(b, h); // B c-0 -> H
    ok(a.submit(a.admin, TransferTest.register("c-0", "c-0")));
    ok(h.submit(h.admin, TransferTest.register("c-0", "c-0")));
    ok(h.submit(h.admin, TransferTest.register("c-1", "c-0")));
    ok(b.submit(b.admin, TransferTest.register("c-0", "c-1")));
    alice = TestKeys.keyPair("alice", a.suite.id());
    bob = TestKeys.keyPair("bob", b.suite.id());
    relayer = TestKeys.keyPair("hub-relayer", CryptoSuites.intl().id());
    ok(a.submit(alice, AssetCalls.create("CNY", "yuan", 2)));
    ok(a.submit(alice, AssetCalls.mint("CNY", alice.address(), 1_000)));
    member("chain-a", "c-0");
    member("chain-b", "c-1");
  }

  static Receipt ok(Receipt r) {
    assertThat(r.code()).as(r.message()).isEmpty();
    return r;
  }

  /** Registers a member of H the way its governance does: approve the digest, then register. */
  void member(String chain, String client) {
    XchainCalls.RegisterMember m =
        new XchainCalls.RegisterMember(chain, client, Hash.ZERO, List.of("operator of " + chain));
    approve(h, "xchain-member", Hub.digest(h.suite, member(m)));
    ok(h.submit(relayer, XchainCalls.registerMember(m)));
  }

  Member member(XchainCalls.RegisterMember m) {
    return new Member(
        m.chainId(),
        XchainKeys.clientState(h.state(), m.client()).orElseThrow().suite(),
        m.genesisHash(),
        m.client(),
        m.operators());
  }

  static void approve(MiniChain c, String purpose, Hash digest) {
    ok(
        c.submit(
            c.admin,
            new Call(
                Gov.NAME,
                "propose",
                Gov.proposeArgs(
                    Gov.Kind.APPROVE, Gov.encode(new Gov.Approval(purpose, digest)), 100))));
  }

  Packet routed(MiniChain from, KeyPair who, String denom, long amount, String to, String via) {
    Receipt r =
        ok(
            from.submit(
                who,
                XchainCalls.transfer(
                    new XchainCalls.Transfer(
                        "c-0", denom, amount, to, 0, from.time() + DAY, "", via))));
    return TransferTest.sentPacket(from, r);
  }

  /** Relays {@code p} from {@code src} to {@code dst}, whose client of {@code src} is {@code c}. */
  Receipt deliver(MiniChain src, MiniChain dst, String c, Packet p) {
    long at = src.height();
    ok(dst.submit(relayer(dst), XchainCalls.single(src.update(c, at))));
    return dst.submit(
        relayer(dst),
        XchainCalls.single(
            new XchainCalls.RecvPacket(
                p, at, src.prove(XchainKeys.commitment(p.sourceClient(), p.sequence()), at))));
  }

  /** Relays the acknowledgement of {@code p} from {@code dst} back to {@code src}. */
  Receipt acknowledge(MiniChain src, String c, MiniChain dst, Packet p) {
    long at = dst.height();
    ok(src.submit(relayer(src), XchainCalls.single(dst.update(c, at))));
    String key = XchainKeys.ack(p.destClient(), p.sequence());
    assertThat(dst.valueAt(key, at)).as("an acknowledgement of " + p.sequence()).isNotNull();
    Ack ack = Ack.decode(dst.valueAt(key, at).toByteArray());
    return src.submit(
        relayer(src),
        XchainCalls.single(new XchainCalls.AcknowledgePacket(p, ack, at, dst.prove(key, at))));
  }

  KeyPair relayer(MiniChain c) {
    return TestKeys.keyPair(c.chainId + "/relayer", c.suite.id());
  }

  /** The packet H sent on for the routed packet it received: the last commitment of c-{n}. */
  Packet sentOn(String client) {
    long seq = XchainKeys.nextSequenceOf(h.state(), client) - 1;
    return Packet.decode(h.get(XchainKeys.commitment(client, seq)).orElseThrow().toByteArray());
  }

  long escrowA() {
    return a.balance(XchainKeys.escrow("c-0", a.suite.id(), a.suite), "CNY");
  }

  long onHub(String denom, Address owner) {
    return XchainKeys.voucherBalance(h.state(), denom, owner);
  }

  Address routeH(String client) {
    return XchainKeys.route(client, h.suite.id(), h.suite);
  }

  Address escrowH(String client) {
    return XchainKeys.escrow(client, h.suite.id(), h.suite);
  }

  /**
   * [XC-16] on every hop: A's escrow = vouchers of A's CNY on H (in H's escrow of c-1, its route
   * account, or held) and B's vouchers of them equal H's escrow; the route account holds nothing
   * once settled.
   */
  void conserved(long onB) {
    long escrowedOnH = onHub("c-0/CNY", escrowH("c-1"));
    assertThat(XchainKeys.voucherBalance(b.state(), "c-0/c-0/CNY", bob.address())).isEqualTo(onB);
    assertThat(escrowedOnH).isEqualTo(onB);
    assertThat(escrowA()).isEqualTo(escrowedOnH + onHub("c-0/CNY", routeH("c-0")));
  }

  // [XC-41..43], [XC-16] A -> H -> B, and the acknowledgement back only once B answered
  @Test
  void aRoutedTransferReachesBAndIsAcknowledgedOnlyAfterB() {
    Packet p1 = routed(a, alice, "CNY", 100, bob.address().toString(), "chain-b");
    Receipt atHub = ok(deliver(a, h, "c-0", p1));
    assertThat(atHub.events())
        .extracting(Event::type)
        .contains("VoucherMinted", "PacketSent", "TransferForwarded", "AckPending")
        .doesNotContain("AckWritten");
    assertThat(h.get(XchainKeys.ack("c-0", p1.sequence()))).as("no answer for A yet").isEmpty();
    assertThat(onHub("c-0/CNY", escrowH("c-1"))).isEqualTo(100);
    Packet p2 = sentOn("c-1");
    assertThat(TransferData.decode(p2.data()).denom()).isEqualTo("c-0/CNY");
    assertThat(p2.timeoutMillis()).isEqualTo(p1.timeoutMillis());

    ok(deliver(h, b, "c-0", p2));
    conserved(100);
    Receipt settled = ok(acknowledge(h, "c-1", b, p2));
    assertThat(settled.events()).extracting(Event::type).contains("AckWritten");
    assertThat(
            Ack.decode(h.get(XchainKeys.ack("c-0", p1.sequence())).orElseThrow().toByteArray())
                .success())
        .isTrue();
    assertThat(h.get(XchainKeys.forward("c-1", p2.sequence()))).isEmpty();
    ok(acknowledge(a, "c-0", h, p1));
    assertThat(a.get(XchainKeys.commitment("c-0", p1.sequence()))).as("settled on A").isEmpty();
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(900);
    conserved(100);

    // and home again the same way: bob's vouchers burn on B, unwind hop by hop, alice gets CNY
    Packet back = routed(b, bob, "c-0/c-0/CNY", 40, alice.address().toString(), "chain-a");
    ok(deliver(b, h, "c-1", back));
    Packet back2 = sentOn("c-0");
    assertThat(TransferData.decode(back2.data()).denom()).isEqualTo("c-0/CNY");
    ok(deliver(h, a, "c-0", back2));
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(940);
    ok(acknowledge(h, "c-0", a, back2));
    ok(acknowledge(b, "c-0", h, back));
    conserved(60);
  }

  // [XC-43] B refuses (a receiver not of its suite): H unwinds and A refunds alice
  @Test
  void aRefusalAtTheLastHopUnwindsTheHubAndRefundsTheSender() {
    Packet p1 = routed(a, alice, "CNY", 100, alice.address().toString(), "chain-b");
    ok(deliver(a, h, "c-0", p1));
    Packet p2 = sentOn("c-1");
    Receipt atB = ok(deliver(h, b, "c-0", p2));
    assertThat(atB.events().getLast().attribute("error").orElse("")).contains("XC_BAD_RECEIVER");
    Receipt unwound = ok(acknowledge(h, "c-1", b, p2));
    assertThat(unwound.events())
        .extracting(Event::type)
        .contains("TransferRefunded", "ForwardUnwound", "AckWritten");
    assertThat(onHub("c-0/CNY", routeH("c-0"))).as("nothing left on the hub").isZero();
    assertThat(onHub("c-0/CNY", escrowH("c-1"))).isZero();
    Ack toA = Ack.decode(h.get(XchainKeys.ack("c-0", p1.sequence())).orElseThrow().toByteArray());
    assertThat(toA.success()).isFalse();
    assertThat(toA.errorText()).contains("XC_FORWARD_FAILED", "XC_BAD_RECEIVER");
    Receipt refunded = ok(acknowledge(a, "c-0", h, p1));
    assertThat(refunded.events()).extracting(Event::type).contains("TransferRefunded");
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(1_000);
    assertThat(escrowA()).isZero();
  }

  // [XC-43] B never receives it in time: H times the next hop out, unwinds, A refunds
  @Test
  void aNextHopThatTimesOutUnwindsTheHubAndRefundsTheSender() {
    Packet p1 = routed(a, alice, "CNY", 30, bob.address().toString(), "chain-b");
    ok(deliver(a, h, "c-0", p1));
    Packet p2 = sentOn("c-1");
    b.passTime(2 * DAY); // B moves past the timeout without receiving (H's clock too: a
    h.passTime(2 * DAY); // client takes no header from its host's future)
    b.tick();
    long at = b.height();
    ok(h.submit(relayer(h), XchainCalls.single(b.update("c-1", at))));
    Receipt timedOut =
        ok(
            h.submit(
                relayer(h),
                XchainCalls.single(
                    new XchainCalls.TimeoutPacket(
                        p2, at, b.prove(XchainKeys.receipt("c-0", p2.sequence()), at)))));
    assertThat(timedOut.events())
        .extracting(Event::type)
        .contains("PacketTimedOut", "ForwardUnwound", "AckWritten");
    Ack toA = Ack.decode(h.get(XchainKeys.ack("c-0", p1.sequence())).orElseThrow().toByteArray());
    assertThat(toA.errorText()).contains("XC_FORWARD_TIMED_OUT");
    ok(acknowledge(a, "c-0", h, p1));
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(1_000);
    assertThat(escrowA()).isZero();
    assertThat(onHub("c-0/CNY", routeH("c-0"))).isZero();
  }

  // [XC-42] a chain the hub does not know: an error acknowledgement at once, and a refund
  @Test
  void aTransferToAChainTheHubDoesNotKnowIsRefunded() {
    Packet p1 = routed(a, alice, "CNY", 10, bob.address().toString(), "chain-x");
    Receipt atHub = ok(deliver(a, h, "c-0", p1));
    assertThat(atHub.events().getLast().attribute("error").orElse(""))
        .contains("XC_UNKNOWN_MEMBER");
    assertThat(onHub("c-0/CNY", routeH("c-0"))).isZero();
    ok(acknowledge(a, "c-0", h, p1));
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(1_000);
  }

  // [XC-40] members only by governance, once, and only with a client of that chain
  @Test
  void membersAreRegisteredByGovernanceOnce() {
    MiniChain c = new MiniChain("chain-c", CryptoSuites.sm());
    ClientTest.create(h, c); // H c-2 -> C
    ClientTest.create(c, h);
    ok(h.submit(h.admin, TransferTest.register("c-2", "c-0")));
    XchainCalls.RegisterMember m =
        new XchainCalls.RegisterMember("chain-c", "c-2", Hash.ZERO, List.of("C's consortium"));
    Receipt refused = h.submit(relayer, XchainCalls.registerMember(m));
    assertThat(refused.code()).isEqualTo("XC_NOT_APPROVED");
    assertThat(refused.message()).contains(Hub.digest(h.suite, member(m)).toHex());
    XchainCalls.RegisterMember wrong =
        new XchainCalls.RegisterMember("chain-c", "c-1", Hash.ZERO, List.of("C's consortium"));
    assertThat(h.submit(relayer, XchainCalls.registerMember(wrong)).code())
        .isEqualTo("XC_WRONG_COUNTERPARTY");
    approve(h, "xchain-member", Hub.digest(h.suite, member(m)));
    ok(h.submit(relayer, XchainCalls.registerMember(m)));
    Member stored = XchainKeys.member(h.state(), "chain-c").orElseThrow();
    assertThat(stored.client()).isEqualTo("c-2");
    assertThat(stored.suite()).isEqualTo(c.suite.id());
    assertThat(stored.operators()).containsExactly("C's consortium");
    assertThat(h.submit(relayer, XchainCalls.registerMember(m)).code())
        .isEqualTo("XC_ALREADY_REGISTERED");
  }
}
