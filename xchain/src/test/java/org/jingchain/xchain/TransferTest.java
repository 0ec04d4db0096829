package org.jingchain.xchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingchain.asset.AssetCalls;
import org.jingchain.asset.AssetContract;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.Receipt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Packets and the applications on them between an {@code intl} chain A and an {@code sm} chain B
 * (docs/spec/xchain.md sections 3 to 5), relayed here by hand with real proofs: what a relayer
 * does, and what a hostile one cannot do. Conservation [XC-16] is checked after every step.
 */
class TransferTest {
  static final long DAY = 24L * 3_600_000;

  MiniChain a;
  MiniChain b;
  KeyPair alice;
  KeyPair bob;
  KeyPair relayerA;
  KeyPair relayerB;

  @BeforeEach
  void twoChainsThatKnowEachOther() {
    a = new MiniChain("chain-a", CryptoSuites.intl());
    b = new MiniChain("chain-b", CryptoSuites.sm());
    ClientTest.create(a, b); // c-0 on A follows B
    ClientTest.create(b, a); // c-0 on B follows A
    ok(a.submit(a.admin, register("c-0", "c-0")));
    ok(b.submit(b.admin, register("c-0", "c-0")));
    alice = TestKeys.keyPair("alice", a.suite.id());
    bob = TestKeys.keyPair("bob", b.suite.id());
    relayerA = ClientTest.relayer(a);
    relayerB = ClientTest.relayer(b);
    ok(a.submit(alice, AssetCalls.create("CNY", "yuan", 2)));
    ok(a.submit(alice, AssetCalls.mint("CNY", alice.address(), 1_000)));
  }

  static org.jingchain.types.Call register(String client, String counterparty) {
    return XchainCalls.registerCounterparty(
        new XchainCalls.RegisterCounterparty(client, counterparty));
  }

  static Receipt ok(Receipt r) {
    assertThat(r.code()).as(r.message()).isEmpty();
    return r;
  }

  Receipt transfer(
      MiniChain chain, KeyPair from, String denom, long amount, String to, long timeoutHeight) {
    return chain.submit(
        from,
        XchainCalls.transfer(
            new XchainCalls.Transfer(
                "c-0", denom, amount, to, timeoutHeight, chain.time() + DAY, "")));
  }

  /** The packet a transfer's receipt announced, read back from the sender's commitment. */
  static Packet sentPacket(MiniChain chain, Receipt r) {
    Event sent =
        r.events().stream().filter(e -> e.type().equals("PacketSent")).findFirst().orElseThrow();
    long seq = Long.parseLong(sent.attribute("sequence").orElseThrow());
    return Packet.decode(chain.get(XchainKeys.commitment("c-0", seq)).orElseThrow().toByteArray());
  }

  /** Relays {@code p} from {@code src} to {@code dst}: a client update, then the packet. */
  Receipt deliver(MiniChain src, MiniChain dst, KeyPair relayer, Packet p) {
    long h = src.height();
    ok(dst.submit(relayer, XchainCalls.single(src.update("c-0", h))));
    return dst.submit(
        relayer,
        XchainCalls.single(
            new XchainCalls.RecvPacket(
                p, h, src.prove(XchainKeys.commitment(p.sourceClient(), p.sequence()), h))));
  }

  /** Relays the acknowledgement of {@code p} from {@code dst} back to {@code src}. */
  Receipt acknowledge(MiniChain src, MiniChain dst, KeyPair relayer, Packet p) {
    long h = dst.height();
    ok(src.submit(relayer, XchainCalls.single(dst.update("c-0", h))));
    String key = XchainKeys.ack(p.destClient(), p.sequence());
    Ack ack = Ack.decode(dst.valueAt(key, h).toByteArray());
    return src.submit(
        relayer,
        XchainCalls.single(new XchainCalls.AcknowledgePacket(p, ack, h, dst.prove(key, h))));
  }

  long escrowA() {
    return a.balance(XchainKeys.escrow("c-0", a.suite.id(), a.suite), "CNY");
  }

  long vouchersB(Address... holders) {
    long sum = 0;
    for (Address h : holders) {
      sum += XchainKeys.voucherBalance(b.state(), "c-0/CNY", h);
    }
    return sum;
  }

  /**
   * [XC-16] Escrowed on A = vouchers on B + sent from A and not yet received on B + returned from B
   * and not yet received on A.
   */
  void conserved(Address... holdersOnB) {
    long inFlight = 0;
    for (long s = 1; s < XchainKeys.nextSequenceOf(a.state(), "c-0"); s++) {
      Optional<Bytes> c = a.get(XchainKeys.commitment("c-0", s));
      if (c.isPresent() && b.get(XchainKeys.receipt("c-0", s)).isEmpty()) {
        inFlight += TransferData.decode(Packet.decode(c.get().toByteArray()).data()).amount();
      }
    }
    for (long s = 1; s < XchainKeys.nextSequenceOf(b.state(), "c-0"); s++) {
      Optional<Bytes> c = b.get(XchainKeys.commitment("c-0", s));
      if (c.isPresent() && a.get(XchainKeys.receipt("c-0", s)).isEmpty()) {
        inFlight += TransferData.decode(Packet.decode(c.get().toByteArray()).data()).amount();
      }
    }
    assertThat(escrowA()).isEqualTo(vouchersB(holdersOnB) + inFlight);
  }

  // [XC-10..13], [XC-30..31], [XC-16]: tokens go A -> B as vouchers and come back home
  @Test
  void tokensCrossAsVouchersAndComeHome() {
    Receipt sent = ok(transfer(a, alice, "CNY", 100, bob.address().toString(), 0));
    Packet p = sentPacket(a, sent);
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(900);
    conserved(bob.address());
    Receipt received = ok(deliver(a, b, relayerB, p));
    assertThat(received.events())
        .extracting(Event::type)
        .contains("PacketReceived", "VoucherMinted");
    assertThat(XchainKeys.voucherBalance(b.state(), "c-0/CNY", bob.address())).isEqualTo(100);
    conserved(bob.address());
    Receipt acked = ok(acknowledge(a, b, relayerA, p));
    assertThat(acked.events()).extracting(Event::type).containsExactly("PacketAcknowledged");
    assertThat(a.get(XchainKeys.commitment("c-0", p.sequence()))).as("settled").isEmpty();
    conserved(bob.address());

    // home again: bob sends 40 back to alice; the voucher burns on B, the escrow releases on A
    Receipt back = ok(transfer(b, bob, "c-0/CNY", 40, alice.address().toString(), 0));
    Packet q = sentPacket(b, back);
    assertThat(XchainKeys.voucherBalance(b.state(), "c-0/CNY", bob.address())).isEqualTo(60);
    conserved(bob.address());
    Receipt home = ok(deliver(b, a, relayerA, q));
    assertThat(home.events()).extracting(Event::type).contains("TokensReleased");
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(940);
    assertThat(escrowA()).isEqualTo(60);
    conserved(bob.address());
    ok(acknowledge(b, a, relayerB, q));
    conserved(bob.address());
  }

  // [XC-12] racing relayers: the second delivery and the second acknowledgement are no-ops
  @Test
  void repeatsAreHarmlessNoOps() {
    Packet p = sentPacket(a, ok(transfer(a, alice, "CNY", 10, bob.address().toString(), 0)));
    ok(deliver(a, b, relayerB, p));
    Receipt again = ok(deliver(a, b, ClientTest.relayer(b), p));
    assertThat(again.events()).extracting(Event::type).containsExactly("PacketAlreadyReceived");
    assertThat(XchainKeys.voucherBalance(b.state(), "c-0/CNY", bob.address())).isEqualTo(10);
    ok(acknowledge(a, b, relayerA, p));
    Receipt twice = ok(acknowledge(a, b, relayerA, p));
    assertThat(twice.events()).extracting(Event::type).containsExactly("PacketAlreadySettled");
    conserved(bob.address());
  }

  // hostile relayers: a forged packet, a proof of another key, a proof against a root from before
  // the packet existed, and a packet for the wrong counterparty change nothing
  @Test
  void aRelayerCannotForgeOrReplayAPacket() {
    Packet p = sentPacket(a, ok(transfer(a, alice, "CNY", 10, bob.address().toString(), 0)));
    long h = a.height();
    ok(b.submit(relayerB, XchainCalls.single(a.update("c-0", h))));
    Bytes proof = a.prove(XchainKeys.commitment("c-0", p.sequence()), h);
    Packet inflated =
        new Packet(
            p.sourceClient(),
            p.destClient(),
            p.sequence(),
            p.timeoutHeight(),
            p.timeoutMillis(),
            p.app(),
            new TransferData(
                    "CNY", 1_000_000, alice.address().toString(), bob.address().toString(), "")
                .encode());
    assertThat(recv(inflated, h, proof).code()).isEqualTo("XC_BAD_PROOF");
    Bytes otherKey = a.prove(XchainKeys.commitment("c-0", 99), h);
    assertThat(recv(p, h, otherKey).code()).isEqualTo("XC_BAD_PROOF");
    long before = h - 2; // a root from before the transfer
    ok(b.submit(relayerB, XchainCalls.single(a.update("c-0", before))));
    assertThat(recv(p, before, a.prove(XchainKeys.commitment("c-0", p.sequence()), before)).code())
        .isEqualTo("XC_BAD_PROOF");
    assertThat(recv(p, 12345, proof).code()).isEqualTo("XC_UNKNOWN_HEIGHT");
    Packet wrongEnd = new Packet("c-7", p.destClient(), 1, 0, p.timeoutMillis(), p.app(), p.data());
    assertThat(recv(wrongEnd, h, proof).code()).isEqualTo("XC_WRONG_COUNTERPARTY");
    assertThat(XchainKeys.voucherBalance(b.state(), "c-0/CNY", bob.address())).isZero();
    assertThat(recv(p, h, proof).code()).as("the real one still goes through").isEmpty();
  }

  Receipt recv(Packet p, long h, Bytes proof) {
    return b.submit(relayerB, XchainCalls.single(new XchainCalls.RecvPacket(p, h, proof)));
  }

  // [XC-14], [XC-32] a packet not received before its timeout is refunded, and can no longer be
  // received; a timeout before the destination reached it is refused
  @Test
  void aTimedOutTransferIsRefundedAndNeverReceived() {
    long timeoutHeight = b.height() + 3;
    Packet p =
        sentPacket(a, ok(transfer(a, alice, "CNY", 25, bob.address().toString(), timeoutHeight)));
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(975);
    // too early: B is below the timeout height
    long early = b.height();
    ok(a.submit(relayerA, XchainCalls.single(b.update("c-0", early))));
    assertThat(timeout(p, early).code()).isEqualTo("XC_NOT_TIMED_OUT");
    while (b.height() < timeoutHeight + 1) {
      b.tick();
    }
    long h = b.height();
    ok(a.submit(relayerA, XchainCalls.single(b.update("c-0", h))));
    Receipt refunded = ok(timeout(p, h));
    assertThat(refunded.events())
        .extracting(Event::type)
        .contains("PacketTimedOut", "TransferRefunded");
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(1_000);
    assertThat(escrowA()).isZero();
    // the destination refuses it now, whatever the proof
    Receipt late = deliverExpectingFailure(p);
    assertThat(late.code()).isIn("XC_PACKET_TIMED_OUT", "XC_BAD_PROOF");
    conserved(bob.address());
  }

  Receipt timeout(Packet p, long h) {
    return a.submit(
        relayerA,
        XchainCalls.single(
            new XchainCalls.TimeoutPacket(
                p, h, b.prove(XchainKeys.receipt("c-0", p.sequence()), h))));
  }

  Receipt deliverExpectingFailure(Packet p) {
    // the commitment is gone from A after the refund: a proof from before it was settled
    long h = a.height() - 3;
    ok(b.submit(relayerB, XchainCalls.single(a.update("c-0", h))));
    return b.submit(
        relayerB,
        XchainCalls.single(
            new XchainCalls.RecvPacket(
                p, h, a.prove(XchainKeys.commitment("c-0", p.sequence()), h))));
  }

  // [XC-31], [XC-32] a bad receiver gives an error acknowledgement and a refund, never a loss
  @Test
  void aBadReceiverGivesAnErrorAcknowledgementAndARefund() {
    Packet p = sentPacket(a, ok(transfer(a, alice, "CNY", 30, "not-an-address", 0)));
    Receipt r = ok(deliver(a, b, relayerB, p));
    Event ack =
        r.events().stream().filter(e -> e.type().equals("AckWritten")).findFirst().orElseThrow();
    assertThat(ack.attribute("success")).contains("false");
    assertThat(ack.attribute("error").orElseThrow()).startsWith("XC_BAD_RECEIVER");
    Receipt refunded = ok(acknowledge(a, b, relayerA, p));
    assertThat(refunded.events()).extracting(Event::type).contains("TransferRefunded");
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(1_000);
    conserved(bob.address());
  }

  // [XC-15] one relay transaction: a client update and many packets, summed up in its receipt
  @Test
  void aBatchUpdatesOnceAndDeliversManyPackets() {
    List<Packet> ps = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ps.add(sentPacket(a, ok(transfer(a, alice, "CNY", 1 + i, bob.address().toString(), 0))));
    }
    long h = a.height();
    List<XchainCalls.Msg> msgs = new ArrayList<>();
    msgs.add(a.update("c-0", h));
    for (Packet p : ps) {
      msgs.add(
          new XchainCalls.RecvPacket(p, h, a.prove(XchainKeys.commitment("c-0", p.sequence()), h)));
    }
    Receipt done = ok(b.submit(relayerB, XchainCalls.relay(msgs)));
    assertThat(XchainKeys.voucherBalance(b.state(), "c-0/CNY", bob.address())).isEqualTo(465);
    conserved(bob.address());
    // 90-odd events do not fit a receipt: the first ones, a count of the rest, and the summary
    assertThat(done.events()).hasSize(64);
    assertThat(done.events().get(62).type()).isEqualTo("MoreEvents");
    Event summary = done.events().getLast();
    assertThat(summary.type()).isEqualTo("Relayed");
    assertThat(summary.attribute("messages")).contains("31");
    assertThat(summary.attribute("received")).contains("30");
    assertThat(summary.attribute("updates")).contains("1");
    // the same batch again, as a racing relayer sends it: all no-ops, nothing minted twice
    Receipt again = ok(b.submit(relayerB, XchainCalls.relay(msgs)));
    assertThat(again.events().getLast().attribute("noops")).contains("31");
    assertThat(again.events().getLast().attribute("received")).contains("0");
    assertThat(XchainKeys.voucherBalance(b.state(), "c-0/CNY", bob.address())).isEqualTo(465);
    // one bad message fails the whole batch, and changes nothing
    Packet more = sentPacket(a, ok(transfer(a, alice, "CNY", 7, bob.address().toString(), 0)));
    long h2 = a.height();
    List<XchainCalls.Msg> bad =
        List.of(
            a.update("c-0", h2),
            new XchainCalls.RecvPacket(more, h2, a.prove(XchainKeys.commitment("c-0", 1), h2)));
    Receipt r = b.submit(relayerB, XchainCalls.relay(bad));
    assertThat(r.code()).isEqualTo("XC_BAD_PROOF");
    assertThat(r.message()).startsWith("message 1:");
    assertThat(XchainKeys.consensusState(b.state(), "c-0", h2)).isEmpty();
  }

  // [XC-33] a collectible crosses, lives on B as a voucher, and comes home to its owner
  @Test
  void aCollectibleCrossesAndComesHome() {
    Bytes digest = Bytes.wrap(a.suite.hash(new byte[] {1}).toByteArray());
    ok(a.submit(alice, AssetCalls.nftMint("art-1", digest)));
    Receipt sent =
        ok(
            a.submit(
                alice,
                XchainCalls.nftTransfer(
                    new XchainCalls.NftTransfer(
                        "c-0", "asset", "art-1", bob.address().toString(), 0, a.time() + DAY))));
    Packet p = sentPacket(a, sent);
    Address escrow = XchainKeys.escrow("c-0", a.suite.id(), a.suite);
    assertThat(AssetContract.nft(a.state(), "art-1").orElseThrow().owner()).isEqualTo(escrow);
    ok(deliver(a, b, relayerB, p));
    assertThat(XchainKeys.nftOwner(b.state(), "c-0/asset", "art-1")).contains(bob.address());
    ok(acknowledge(a, b, relayerA, p));
    Receipt back =
        ok(
            b.submit(
                bob,
                XchainCalls.nftTransfer(
                    new XchainCalls.NftTransfer(
                        "c-0",
                        "c-0/asset",
                        "art-1",
                        alice.address().toString(),
                        0,
                        b.time() + DAY))));
    assertThat(XchainKeys.nftOwner(b.state(), "c-0/asset", "art-1")).as("burned").isEmpty();
    ok(deliver(b, a, relayerA, sentPacket(b, back)));
    var n = AssetContract.nft(a.state(), "art-1").orElseThrow();
    assertThat(n.owner()).isEqualTo(alice.address());
    assertThat(n.digest()).isEqualTo(digest);
  }

  // [XC-30], [XC-10] nothing leaves without funds, a registered client and a timeout
  @Test
  void aTransferThatCannotBeSentMovesNothing() {
    assertThat(transfer(a, alice, "CNY", 5_000, bob.address().toString(), 0).code())
        .isEqualTo("XC_INSUFFICIENT_FUNDS");
    Receipt noTimeout =
        a.submit(
            alice,
            XchainCalls.transfer(
                new XchainCalls.Transfer("c-0", "CNY", 5, bob.address().toString(), 0, 0, "")));
    assertThat(noTimeout.code()).isEqualTo("XC_NO_TIMEOUT");
    ClientTest.create(a, b); // c-1, not registered
    Receipt unregistered =
        a.submit(
            alice,
            XchainCalls.transfer(
                new XchainCalls.Transfer(
                    "c-1", "CNY", 5, bob.address().toString(), 0, a.time() + DAY, "")));
    assertThat(unregistered.code()).isEqualTo("XC_NOT_REGISTERED");
    assertThat(a.balance(alice.address(), "CNY")).isEqualTo(1_000);
    assertThat(escrowA()).isZero();
  }
}
