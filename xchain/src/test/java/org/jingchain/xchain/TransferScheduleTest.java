package org.jingchain.xchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Receipt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * [XC-16] checked after every block of either chain, under seeded schedules of a relayer that
 * delays, reorders, repeats and forges: chain A ({@code intl}) and chain B ({@code sm}) trade yuan
 * both ways — to good and bad receivers, with and without height timeouts — while the relayer
 * delivers, acknowledges and times out packets in any order, delivers some twice, lets heights pass
 * and submits tampered packets. After every block: the yuan escrowed on A equal the vouchers on B
 * plus the transfers not yet credited on their destination; no yuan appear or vanish on A. At the
 * end the relayer settles everything and nothing is left in flight. A failure names its seed and
 * step; the schedule is a function of the seed alone.
 */
class TransferScheduleTest {
  static final long DAY = TransferTest.DAY;
  static final long SUPPLY = 100_000;
  static final int STEPS = 150;

  MiniChain a;
  MiniChain b;
  KeyPair alice;
  List<KeyPair> onB;
  KeyPair relayerA;
  KeyPair relayerB;
  Random rnd;
  final List<Packet> fromA = new ArrayList<>();
  final List<Packet> fromB = new ArrayList<>();

  static Stream<Long> seeds() {
    return LongStream.range(0, 40).mapToObj(s -> 14_000L + s);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void yuanAreConservedAtEveryBlockWhateverTheRelayerDoes(long seed) {
    rnd = new Random(seed); // the schedule only: execution never sees it
    a = new MiniChain("chain-a", CryptoSuites.intl());
    b = new MiniChain("chain-b", CryptoSuites.sm());
    ClientTest.create(a, b);
    ClientTest.create(b, a);
    TransferTest.ok(a.submit(a.admin, TransferTest.register("c-0", "c-0")));
    TransferTest.ok(b.submit(b.admin, TransferTest.register("c-0", "c-0")));
    alice = TestKeys.keyPair("alice", a.suite.id());
    onB = List.of(TestKeys.keyPair("bob", b.suite.id()), TestKeys.keyPair("carol", b.suite.id()));
    relayerA = ClientTest.relayer(a);
    relayerB = ClientTest.relayer(b);
    TransferTest.ok(a.submit(alice, AssetCalls.create("CNY", "yuan", 0)));
    TransferTest.ok(a.submit(alice, AssetCalls.mint("CNY", alice.address(), SUPPLY)));
    RUNS.incrementAndGet();
    int step = 0;
    try {
      for (; step < STEPS; step++) {
        act(rnd.nextInt(100));
      }
      settleEverything();
      assertThat(inFlight(a, b) + inFlight(b, a)).as("in flight after settling").isZero();
      assertThat(pending(a) + pending(b)).as("commitments left after settling").isZero();
      assertThat(escrow()).isEqualTo(vouchers());
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + ", step " + step + ": " + e.getMessage(), e);
    }
  }

  private void act(int op) {
    if (op < 22) {
      send(a, alice, "CNY", alice.address(), receiverOn(b), b, fromA);
    } else if (op < 36) {
      KeyPair holder = onB.get(rnd.nextInt(onB.size()));
      send(b, holder, "c-0/CNY", holder.address(), receiverOn(a), a, fromB);
    } else if (op < 58) {
      Packet p = anyPacket();
      if (p != null) {
        deliver(p);
      }
    } else if (op < 74) {
      Packet p = anyPacket();
      if (p != null) {
        acknowledge(p);
      }
    } else if (op < 84) {
      Packet p = anyPacket();
      if (p != null) {
        timeout(p);
      }
    } else if (op < 93) {
      MiniChain c = rnd.nextBoolean() ? a : b;
      for (int i = rnd.nextInt(3); i >= 0; i--) {
        c.tick();
        conserved();
      }
    } else {
      Packet p = anyPacket();
      if (p != null) {
        forge(p);
      }
    }
  }

  /** A transfer of up to 40 (when there is that much) to a good or, one time in eight, bad one. */
  private void send(
      MiniChain src,
      KeyPair from,
      String denom,
      Address holder,
      String to,
      MiniChain dst,
      List<Packet> sent) {
    long balance =
        denom.equals("CNY")
            ? src.balance(holder, "CNY")
            : XchainKeys.voucherBalance(src.state(), denom, holder);
    if (balance == 0) {
      return;
    }
    long amount = 1 + rnd.nextInt((int) Math.min(40, balance));
    long timeoutHeight = rnd.nextBoolean() ? 0 : dst.height() + 1 + rnd.nextInt(6);
    Receipt r =
        src.submit(
            from,
            XchainCalls.transfer(
                new XchainCalls.Transfer(
                    "c-0", denom, amount, to, timeoutHeight, src.time() + DAY, "")));
    TransferTest.ok(r);
    sent.add(TransferTest.sentPacket(src, r));
    conserved();
  }

  private String receiverOn(MiniChain dst) {
    if (rnd.nextInt(8) == 0) {
      return "not-an-address";
    }
    return dst == a
        ? alice.address().toString()
        : onB.get(rnd.nextInt(onB.size())).address().toString();
  }

  private Packet anyPacket() {
    int n = fromA.size() + fromB.size();
    if (n == 0) {
      return null;
    }
    int i = rnd.nextInt(n);
    return i < fromA.size() ? fromA.get(i) : fromB.get(i - fromA.size());
  }

  private MiniChain source(Packet p) {
    return fromA.contains(p) ? a : b;
  }

  private MiniChain other(MiniChain c) {
    return c == a ? b : a;
  }

  private KeyPair relayerOn(MiniChain c) {
    return c == a ? relayerA : relayerB;
  }

  /** An update of {@code host}'s client to {@code remote}'s head, then {@code call} on host. */
  private Receipt relay(
      MiniChain host, MiniChain remote, java.util.function.LongFunction<Object> f) {
    long h = remote.height();
    if (XchainKeys.clientState(host.state(), "c-0").orElseThrow().latestHeight() < h) {
      TransferTest.ok(host.submit(relayerOn(host), XchainCalls.single(remote.update("c-0", h))));
      conserved();
    }
    Object m = f.apply(h);
    Receipt r =
        host.submit(
            relayerOn(host),
            m instanceof XchainCalls.RecvPacket recv
                ? XchainCalls.single(recv)
                : m instanceof XchainCalls.AcknowledgePacket ack
                    ? XchainCalls.single(ack)
                    : XchainCalls.single((XchainCalls.TimeoutPacket) m));
    conserved();
    seen(r);
    return r;
  }

  /** What the schedules made happen, over all seeds: each path must have been taken. */
  static final java.util.Map<String, Integer> SEEN = new java.util.TreeMap<>();

  private static void seen(Receipt r) {
    List<String> what = new ArrayList<>();
    if (!r.code().isEmpty()) {
      what.add("refused " + r.code());
    }
    for (var e : r.events()) {
      what.add(
          e.type().equals("AckWritten")
              ? "AckWritten success=" + e.attribute("success").orElse("?")
              : e.type());
    }
    synchronized (SEEN) {
      for (String w : what) {
        SEEN.merge(w, 1, Integer::sum);
      }
    }
  }

  static final java.util.concurrent.atomic.AtomicInteger RUNS =
      new java.util.concurrent.atomic.AtomicInteger();

  @org.junit.jupiter.api.AfterAll
  static void everyPathWasTaken() {
    if (RUNS.get() < seeds().count()) {
      return; // a single seed replayed: it need not take every path
    }
    assertThat(SEEN)
        .as("the schedules exercise every path")
        .containsKeys(
            "VoucherMinted", // A -> B received
            "TokensReleased", // B -> A received: yuan leave escrow
            "AckWritten success=false", // a bad receiver
            "TransferRefunded", // error acknowledgements and timeouts
            "PacketTimedOut",
            "PacketAlreadyReceived", // a repeated delivery, a no-op
            "refused XC_PACKET_TIMED_OUT", // delivered too late
            "refused XC_NOT_TIMED_OUT", // timed out too early
            "refused XC_BAD_PROOF"); // forged
  }

  /** Delivers {@code p} (perhaps again, perhaps too late: then it is refused or a no-op). */
  private Receipt deliver(Packet p) {
    MiniChain src = source(p);
    MiniChain dst = other(src);
    return relay(
        dst,
        src,
        h ->
            new XchainCalls.RecvPacket(
                p, h, src.prove(XchainKeys.commitment(p.sourceClient(), p.sequence()), h)));
  }

  /** Acknowledges {@code p} on its source when its destination wrote an acknowledgement. */
  private void acknowledge(Packet p) {
    MiniChain src = source(p);
    MiniChain dst = other(src);
    String key = XchainKeys.ack(p.destClient(), p.sequence());
    if (dst.get(key).isEmpty()) {
      return;
    }
    relay(
        src,
        dst,
        h ->
            new XchainCalls.AcknowledgePacket(
                p, Ack.decode(dst.valueAt(key, h).toByteArray()), h, dst.prove(key, h)));
  }

  /** Times {@code p} out on its source: refused while its destination may still receive it. */
  private Receipt timeout(Packet p) {
    MiniChain src = source(p);
    MiniChain dst = other(src);
    return relay(
        src,
        dst,
        h ->
            new XchainCalls.TimeoutPacket(
                p, h, dst.prove(XchainKeys.receipt(p.destClient(), p.sequence()), h)));
  }

  /** A packet whose amount or receiver the relayer changed, with the original's proof. */
  private void forge(Packet p) {
    TransferData d = TransferData.decode(p.data());
    TransferData forged =
        rnd.nextBoolean()
            ? new TransferData(d.denom(), d.amount() * 2, d.sender(), d.receiver(), d.memo())
            : new TransferData(d.denom(), d.amount(), d.sender(), "mallory", d.memo());
    Packet f =
        new Packet(
            p.sourceClient(),
            p.destClient(),
            p.sequence(),
            p.timeoutHeight(),
            p.timeoutMillis(),
            p.app(),
            forged.encode());
    MiniChain src = source(p);
    MiniChain dst = other(src);
    long before = vouchers();
    Receipt r =
        relay(
            dst,
            src,
            h ->
                new XchainCalls.RecvPacket(
                    f, h, src.prove(XchainKeys.commitment(p.sourceClient(), p.sequence()), h)));
    assertThat(r.code()).as("a forged packet is refused").isNotEmpty();
    assertThat(vouchers()).isEqualTo(before);
  }

  /** The relayer comes back and settles every packet: delivered and acknowledged, or timed out. */
  private void settleEverything() {
    for (Packet p : concat()) {
      MiniChain src = source(p);
      if (src.get(XchainKeys.commitment(p.sourceClient(), p.sequence())).isEmpty()) {
        continue;
      }
      MiniChain dst = other(src);
      if (dst.get(XchainKeys.receipt(p.destClient(), p.sequence())).isEmpty()) {
        Receipt r = deliver(p);
        if (!r.code().isEmpty()) {
          assertThat(r.code()).as(r.message()).isEqualTo("XC_PACKET_TIMED_OUT");
          TransferTest.ok(timeout(p));
          continue;
        }
      }
      acknowledge(p);
      assertThat(src.get(XchainKeys.commitment(p.sourceClient(), p.sequence())))
          .as("settled")
          .isEmpty();
    }
  }

  private List<Packet> concat() {
    List<Packet> all = new ArrayList<>(fromA);
    all.addAll(fromB);
    return all;
  }

  /** [XC-16], both chains as they are now. */
  private void conserved() {
    assertThat(escrow())
        .as("escrowed on A = vouchers on B + not yet credited on the destination")
        .isEqualTo(vouchers() + inFlight(a, b) + inFlight(b, a));
    assertThat(a.balance(alice.address(), "CNY") + escrow())
        .as("no yuan appear or vanish on A")
        .isEqualTo(SUPPLY);
  }

  private long escrow() {
    return a.balance(XchainKeys.escrow("c-0", a.suite.id(), a.suite), "CNY");
  }

  private long vouchers() {
    long sum = 0;
    for (KeyPair k : onB) {
      sum += XchainKeys.voucherBalance(b.state(), "c-0/CNY", k.address());
    }
    return sum;
  }

  /**
   * The amounts of packets sent by {@code src} and still committed there, whose destination has not
   * credited them (no acknowledgement yet, or an error acknowledgement: nothing was minted or
   * released there, and the source refunds once it learns of it).
   */
  private static long inFlight(MiniChain src, MiniChain dst) {
    long sum = 0;
    for (long s = 1; s < XchainKeys.nextSequenceOf(src.state(), "c-0"); s++) {
      Optional<Bytes> c = src.get(XchainKeys.commitment("c-0", s));
      if (c.isEmpty()) {
        continue;
      }
      Optional<Bytes> ack = dst.get(XchainKeys.ack("c-0", s));
      if (ack.isEmpty() || !Ack.decode(ack.get().toByteArray()).success()) {
        sum += TransferData.decode(Packet.decode(c.get().toByteArray()).data()).amount();
      }
    }
    return sum;
  }

  private static long pending(MiniChain c) {
    long n = 0;
    for (long s = 1; s < XchainKeys.nextSequenceOf(c.state(), "c-0"); s++) {
      if (c.get(XchainKeys.commitment("c-0", s)).isPresent()) {
        n++;
      }
    }
    return n;
  }
}
