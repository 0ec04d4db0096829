package org.jingchain.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.asset.AssetCalls;
import org.jingchain.asset.AssetContract;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.node.consensus.ConsensusRecords;
import org.jingchain.state.StateTree;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.xchain.Ack;
import org.jingchain.xchain.Packet;
import org.jingchain.xchain.TransferData;
import org.jingchain.xchain.XchainCalls;
import org.jingchain.xchain.XchainContract;
import org.jingchain.xchain.XchainKeys;

/**
 * Two chains in one simulated time, each a network of real node cores under its own seeded faults
 * (partitions, clogged links, loss, duplication, crashes inside commits), joined by the real {@code
 * xchain} service: each chain holds a light client of the other, created by its organisation's
 * admin from the other's genesis validators. Users trade yuan both ways — to good and bad
 * receivers, with timeouts by height and by time — while two relayers race: they read whichever
 * node they reach (perhaps one far behind), pick packets in random order, are paused for seconds at
 * a time, and before the heal also submit forgeries (a packet with its amount changed, a tampered
 * proof, a proof of another height, a time-out before its time, a header that no quorum signed).
 * The chains verify every header, certificate and proof themselves.
 *
 * <p>Checked after every block any honest node of either chain commits, on the newest state of each
 * chain (the states a relayer could read at that instant): the yuan escrowed on A equal the
 * vouchers on B plus the transfers not yet credited on their destination, and no yuan appear or
 * vanish on A [XC-16]; every forgery that reaches a block is refused there. After the heal the
 * relayers are honest and users stop; by the end every packet is settled (acknowledged or timed
 * out) and nothing is in flight. Each chain's own checks — agreement, validity, liveness, replay
 * from genesis — run as in a single-chain run.
 */
public final class XchainSimulation {
  static final String CLIENT = "c-0";
  static final String YUAN = "CNY";
  static final String VOUCHER = CLIENT + "/" + YUAN;
  static final long SUPPLY = 1_000_000;
  static final long TRUSTING_PERIOD_MILLIS = 86_400_000L;

  /** How long after the heal users keep sending; the relayers then settle the rest. */
  static final long SEND_AFTER_HEAL_MILLIS = 10_000;

  static final KeyPair ALICE = user("xchain/alice");
  static final KeyPair BOB = user("xchain/bob");
  private static final List<KeyPair> RELAYERS =
      List.of(user("xchain/relayer-1"), user("xchain/relayer-2"));

  /**
   * One two-chain run, derived from its seed.
   *
   * @param a chain A's shape (validators, faults): all honest, for the light client on B counts on
   *     a quorum of A's real signatures, and likewise for B
   */
  public record Config(long seed, SimConfig a, SimConfig b) {
    public static Config forSeed(long seed) {
      Random r = new Random(seed ^ 0x3C0FFEEL);
      long faults = 15_000 + r.nextInt(20_000);
      int[] sizes = {4, 4, 5, 7, 0, 0}; // 0: five nodes whose validator set changes [GOV-8]
      return new Config(
          seed,
          chain(seed, sizes[r.nextInt(sizes.length)], faults, r),
          chain(seed + 1, sizes[r.nextInt(sizes.length)], faults, r));
    }

    /**
     * A chain of {@code validators} honest validators; for 0, five nodes of which governance adds
     * and removes the fifth every 5 to 10 heights, so the other chain's client must follow each
     * change from the chain's own proofs [XC-3].
     */
    private static SimConfig chain(long seed, int validators, long faults, Random r) {
      int n = validators == 0 ? 5 : validators;
      return new SimConfig(
          seed,
          n,
          Collections.nCopies(n, Behaviour.HONEST),
          faults,
          90_000,
          5,
          false,
          validators == 0 ? 5 + r.nextInt(6) : 0);
    }

    public String replayCommand() {
      return "bin/sim --xchain --seed " + seed;
    }
  }

  /**
   * What a run did.
   *
   * @param seen how often each outcome happened in the chains' blocks: event types, and {@code
   *     refused CODE} for refused relays
   * @param checks how many times [XC-16] was checked
   */
  public record Result(
      Config config,
      String failure,
      long steps,
      long heightA,
      long heightB,
      long transfers,
      long checks,
      SortedMap<String, Integer> seen) {
    public boolean ok() {
      return failure == null;
    }

    public String summary() {
      return "xchain seed "
          + config.seed()
          + ": "
          + (ok() ? "ok" : "FAILED: " + failure)
          + "; A: "
          + config.a().validators()
          + " validators at height "
          + heightA
          + ", B: "
          + config.b().validators()
          + " at height "
          + heightB
          + ", "
          + transfers
          + " transfers, [XC-16] checked "
          + checks
          + " times; "
          + seen
          + "; replay: "
          + config.replayCommand();
    }
  }

  private final Config config;
  private final Random random;
  private final Simulation.Schedule schedule = new Simulation.Schedule();
  private final Simulation a;
  private final Simulation b;
  private final long[] pausedUntil = new long[RELAYERS.size()];
  private final Map<Bytes, String> forgeries = new HashMap<>();
  private final Map<Simulation, Long> accounted = new HashMap<>();
  private final SortedMap<String, Integer> seen = new TreeMap<>();
  private long healAt;
  private long checks;

  XchainSimulation(Config config) {
    this.config = config;
    this.random = new Random(config.seed());
    this.a = new Simulation(config.a(), new Simulation.ChainSpec("sim-a", true), schedule, random);
    this.b = new Simulation(config.b(), new Simulation.ChainSpec("sim-b", true), schedule, random);
  }

  /** Runs {@code config} to the end; never throws for a failure, it reports it. */
  public static Result run(Config config) {
    XchainSimulation x = new XchainSimulation(config);
    String failure = null;
    try {
      x.execute();
    } catch (SimulationFailure e) {
      failure = e.getMessage() + " (at simulated ms " + x.sinceStart() + ")";
    } catch (RuntimeException e) {
      failure = Simulation.describe(e) + " (at simulated ms " + x.sinceStart() + ")";
    }
    return new Result(
        config,
        failure,
        x.schedule.steps(),
        x.newest(x.a).committedHeight(),
        x.newest(x.b).committedHeight(),
        x.seen.getOrDefault("PacketSent", 0),
        x.checks,
        Collections.unmodifiableSortedMap(new TreeMap<>(x.seen)));
  }

  private long sinceStart() {
    return schedule.now() - Simulation.START_MILLIS;
  }

  void execute() {
    long end = a.start();
    b.start();
    healAt = schedule.now() + config.a().faultMillis();
    a.onEveryCommit(this::afterCommit);
    b.onEveryCommit(this::afterCommit);
    long t = schedule.now();
    operator(a, b);
    operator(b, a);
    schedule.at(t + random.nextInt(500), this::alice);
    schedule.at(t + random.nextInt(500), this::bob);
    for (int r = 0; r < RELAYERS.size(); r++) {
      int relayer = r;
      schedule.at(t + random.nextInt(1000), () -> relay(relayer));
      for (long p = t + random.nextInt(5_000); p < healAt; p += 3_000 + random.nextInt(10_000)) {
        long from = p;
        long until = Math.min(healAt, p + 1_000 + random.nextInt(9_000));
        schedule.at(from, () -> pausedUntil[relayer] = until); // killed, restarted later
      }
    }
    schedule.runUntil(end);
    a.finish();
    b.finish();
    settled();
  }

  // ---- the organisations and users

  /** {@code host}'s admin creates its client of {@code other} and registers the counterparty. */
  private void operator(Simulation host, Simulation other) {
    List<Call> calls =
        List.of(
            XchainCalls.createClient(
                new XchainCalls.CreateClient(
                    other.chainId(),
                    SuiteId.INTL,
                    TRUSTING_PERIOD_MILLIS,
                    0,
                    0,
                    other.genesisValidators())),
            XchainCalls.registerCounterparty(new XchainCalls.RegisterCounterparty(CLIENT, CLIENT)));
    script(host, SimClients.OPERATOR, calls);
  }

  /**
   * Sends {@code key}'s scripted {@code calls} (one per nonce) until they have all committed,
   * resending what a lost node dropped.
   */
  private void script(Simulation chain, KeyPair key, List<Call> calls) {
    SimNode n = chain.randomLiveNode(random);
    if (n != null) {
      long next = Nonces.next(n.disk::latest, key.address());
      if (next >= calls.size()) {
        return;
      }
      List<byte[]> txs = new ArrayList<>();
      for (long i = next; i < calls.size(); i++) {
        txs.add(SimClients.transaction(chain.chainId(), key, i, calls.get((int) i)));
      }
      chain.submit(n, txs);
    }
    schedule.at(schedule.now() + 300 + random.nextInt(500), () -> script(chain, key, calls));
  }

  /** Alice makes the yuan, then sends some to B now and then, to Bob or to a bad receiver. */
  private void alice() {
    if (schedule.now() > healAt + SEND_AFTER_HEAL_MILLIS) {
      return;
    }
    SimNode n = a.randomLiveNode(random);
    if (n != null) {
      long next = Nonces.next(n.disk::latest, ALICE.address());
      if (next < 2) {
        List<Call> setup =
            List.of(
                AssetCalls.create(YUAN, "yuan", 0), AssetCalls.mint(YUAN, ALICE.address(), SUPPLY));
        List<byte[]> txs = new ArrayList<>();
        for (long i = next; i < 2; i++) {
          txs.add(SimClients.transaction(a.chainId(), ALICE, i, setup.get((int) i)));
        }
        a.submit(n, txs);
      } else {
        long balance = AssetContract.balance(n.disk::latest, ALICE.address(), YUAN);
        send(a, b, n, ALICE, YUAN, balance, BOB.address().toString(), next);
      }
    }
    schedule.at(schedule.now() + 200 + random.nextInt(900), this::alice);
  }

  /** Bob sends some of his vouchers back to Alice, now and then to a bad receiver. */
  private void bob() {
    if (schedule.now() > healAt + SEND_AFTER_HEAL_MILLIS) {
      return;
    }
    SimNode n = b.randomLiveNode(random);
    if (n != null) {
      long balance = XchainKeys.voucherBalance(n.disk::latest, VOUCHER, BOB.address());
      long next = Nonces.next(n.disk::latest, BOB.address());
      send(b, a, n, BOB, VOUCHER, balance, ALICE.address().toString(), next);
    }
    schedule.at(schedule.now() + 300 + random.nextInt(1200), this::bob);
  }

  /**
   * Up to two transfers of at most 40 from {@code balance}, timing out by {@code dst}'s height or
   * its time a few seconds on; one receiver in eight is not an address (an error acknowledgement).
   */
  private void send(
      Simulation src,
      Simulation dst,
      SimNode n,
      KeyPair from,
      String denom,
      long balance,
      String receiver,
      long nonce) {
    List<byte[]> txs = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0 && balance > 0; i--) {
      long amount = 1 + random.nextInt((int) Math.min(40, balance));
      balance -= amount;
      long dstHeight = newest(dst).committedHeight();
      long timeoutHeight = random.nextBoolean() ? 0 : dstHeight + 3 + random.nextInt(20);
      long timeoutMillis =
          timeoutHeight != 0 && random.nextBoolean()
              ? 0
              : schedule.now() + 3_000 + random.nextInt(27_000);
      String to = random.nextInt(8) == 0 ? "not-an-address" : receiver;
      Call call =
          XchainCalls.transfer(
              new XchainCalls.Transfer(
                  CLIENT, denom, amount, to, timeoutHeight, timeoutMillis, ""));
      txs.add(SimClients.transaction(src.chainId(), from, nonce++, call));
    }
    if (!txs.isEmpty()) {
      src.submit(n, txs);
    }
  }

  // ---- the relayers

  /** A relayer's pass over both directions, unless it is paused; then the next one. */
  private void relay(int relayer) {
    if (schedule.now() >= pausedUntil[relayer]) {
      direction(relayer, a, b);
      direction(relayer, b, a);
    }
    schedule.at(schedule.now() + 150 + random.nextInt(600), () -> relay(relayer));
  }

  /** A header of a chain with its commit proof, and the node it was read from. */
  private record Certified(SimNode node, long height, BlockHeader header, CommitProof proof) {}

  /**
   * One look at {@code src}'s packets: those {@code dst} has not received go to {@code dst} (with
   * an update of its client), the answers {@code dst} holds for the rest go back to {@code src}.
   */
  private void direction(int relayer, Simulation src, Simulation dst) {
    SimNode s = src.randomLiveNode(random);
    SimNode d = dst.randomLiveNode(random);
    if (s == null || d == null) {
      return;
    }
    Optional<Certified> atSrc = certifiedHead(s);
    Optional<Certified> atDst = certifiedHead(d);
    if (atSrc.isEmpty() || atDst.isEmpty()) {
      return;
    }
    Certified cs = atSrc.get();
    Certified cd = atDst.get();
    List<Packet> pending = pending(s);
    Collections.shuffle(pending, random);
    pending = pending.subList(0, Math.min(pending.size(), 1 + random.nextInt(30)));
    List<XchainCalls.Msg> toDst = new ArrayList<>();
    List<XchainCalls.Msg> toSrc = new ArrayList<>();
    long dstHeadTime =
        d.disk.header(d.committedHeight()).map(BlockHeader::timestampMillis).orElse(0L);
    for (Packet p : pending) {
      Bytes receipt = key(XchainKeys.receipt(p.destClient(), p.sequence()));
      if (d.disk.latest(receipt).isEmpty()) {
        var absent = prove(d, cd.height(), receipt);
        if (timedOut(p, cd) && absent.value().isEmpty()) {
          toSrc.add(new XchainCalls.TimeoutPacket(p, cd.height(), absent.proof()));
        } else if (!nearTimeout(p, d.committedHeight(), dstHeadTime)) {
          var commit = prove(s, cs.height(), key(XchainKeys.commitment(CLIENT, p.sequence())));
          if (commit.value().isPresent()) {
            toDst.add(new XchainCalls.RecvPacket(p, cs.height(), commit.proof()));
          }
        }
      } else {
        var ack = prove(d, cd.height(), key(XchainKeys.ack(p.destClient(), p.sequence())));
        if (ack.value().isPresent()) {
          toSrc.add(
              new XchainCalls.AcknowledgePacket(
                  p, Ack.decode(ack.value().get().toByteArray()), cd.height(), ack.proof()));
        }
      }
    }
    KeyPair key = RELAYERS.get(relayer);
    long dstNonce = Nonces.next(d.disk::latest, key.address());
    long srcNonce = Nonces.next(s.disk::latest, key.address());
    if (!toDst.isEmpty()) {
      submit(dst, d, key, dstNonce++, withUpdate(d, cs, toDst));
    }
    if (!toSrc.isEmpty()) {
      submit(src, s, key, srcNonce++, withUpdate(s, cd, toSrc));
    }
    if (schedule.now() < healAt && random.nextInt(5) == 0 && !pending.isEmpty()) {
      forge(dst, d, key, dstNonce, cs, pending.getFirst());
    }
  }

  /**
   * {@code msgs} behind the update of {@code host}'s client to {@code at}, unless it holds it, and
   * before that the validator-set changes of the other chain up to {@code at} that the client has
   * not followed [XC-3], each proven by the chain's own records as a relayer reads them from a
   * node.
   */
  private List<XchainCalls.Msg> withUpdate(SimNode host, Certified at, List<XchainCalls.Msg> msgs) {
    List<XchainCalls.Msg> out = new ArrayList<>(epochsToFollow(host, at));
    if (XchainKeys.consensusState(host.disk::latest, CLIENT, at.height()).isEmpty()) {
      out.add(update(at));
    }
    out.addAll(msgs);
    return out;
  }

  private List<XchainCalls.Msg> epochsToFollow(SimNode host, Certified at) {
    var client = XchainKeys.clientState(host.disk::latest, CLIENT);
    if (client.isEmpty()) {
      return List.of();
    }
    ConsensusRecords records = new ConsensusRecords(at.node().disk);
    List<Long> ends = records.epochEnds(10_000);
    List<XchainCalls.Msg> out = new ArrayList<>();
    for (int i = 0; i < ends.size(); i++) {
      long end = ends.get(i);
      if (i + 1 <= client.get().latestEpoch() || end + 1 > at.height()) {
        continue;
      }
      var header = at.node().disk.header(end);
      var proof = records.epochEndProof(end);
      var state = records.epochState(end);
      if (header.isEmpty() || proof.isEmpty() || state.isEmpty()) {
        break; // this node has not stored it (yet): another pass, or another node
      }
      out.add(
          new XchainCalls.FollowEpoch(
              CLIENT,
              header.get(),
              proof.get(),
              state.get().value(),
              Bytes.wrap(state.get().proof())));
    }
    return out;
  }

  private XchainCalls.UpdateClient update(Certified at) {
    var validators = prove(at.node(), at.height() - 1, key(GOV_VALIDATORS));
    return new XchainCalls.UpdateClient(
        CLIENT,
        at.header(),
        at.proof(),
        validators.value().orElse(Bytes.EMPTY),
        validators.proof());
  }

  private static final String GOV_VALIDATORS = "gov/validators";

  private void submit(
      Simulation chain, SimNode n, KeyPair key, long nonce, List<XchainCalls.Msg> msgs) {
    Call call = msgs.size() == 1 ? XchainCalls.single(msgs.getFirst()) : XchainCalls.relay(msgs);
    byte[] tx = SimClients.transaction(chain.chainId(), key, nonce, call);
    chain.submit(n, List.of(tx));
    if (random.nextInt(4) == 0) { // the same transaction through a second node
      SimNode other = chain.randomLiveNode(random);
      if (other != null) {
        chain.submit(other, List.of(tx));
      }
    }
  }

  /**
   * Before the heal, now and then, a forgery aimed at {@code dst} about {@code p}: it must be
   * refused wherever it lands.
   */
  private void forge(Simulation dst, SimNode d, KeyPair key, long nonce, Certified cs, Packet p) {
    Bytes commitKey = key(XchainKeys.commitment(CLIENT, p.sequence()));
    var commit = prove(cs.node(), cs.height(), commitKey);
    if (commit.value().isEmpty()) {
      return;
    }
    String kind;
    XchainCalls.Msg m;
    switch (random.nextInt(5)) {
      case 0 -> {
        kind = "amount changed";
        TransferData t = TransferData.decode(p.data());
        TransferData more =
            new TransferData(t.denom(), t.amount() * 2 + 1, t.sender(), t.receiver(), t.memo());
        m = new XchainCalls.RecvPacket(withData(p, more), cs.height(), commit.proof());
      }
      case 1 -> {
        kind = "proof tampered";
        byte[] proof = commit.proof().toByteArray();
        proof[random.nextInt(proof.length)] ^= (byte) (1 + random.nextInt(255));
        m = new XchainCalls.RecvPacket(p, cs.height(), Bytes.wrap(proof));
      }
      case 2 -> {
        kind = "proof of another height";
        if (cs.height() < 2) {
          return;
        }
        var older = prove(cs.node(), cs.height() - 1, commitKey);
        StateTree tree = new StateTree(cs.node().disk, SimSuite.INSTANCE);
        if (older.value().isEmpty()
            || tree.rootHash(cs.height() - 1).equals(tree.rootHash(cs.height()))) {
          return;
        }
        m = new XchainCalls.RecvPacket(p, cs.height(), older.proof());
      }
      case 3 -> {
        kind = "receiver changed";
        TransferData t = TransferData.decode(p.data());
        TransferData other =
            new TransferData(t.denom(), t.amount(), t.sender(), "mallory", t.memo());
        m = new XchainCalls.RecvPacket(withData(p, other), cs.height(), commit.proof());
      }
      default -> {
        kind = "header no quorum signed";
        BlockHeader h = cs.header();
        BlockHeader forged =
            new BlockHeader(
                h.chainId(),
                h.height(),
                h.round(),
                h.parentHash(),
                h.timestampMillis(),
                h.proposer(),
                h.txRoot(),
                h.txCount(),
                SimSuite.INSTANCE.hash(
                    ("forged root of " + h.height()).getBytes(StandardCharsets.UTF_8)),
                h.resultsRoot());
        var validators = prove(cs.node(), cs.height() - 1, key(GOV_VALIDATORS));
        m =
            new XchainCalls.UpdateClient(
                CLIENT,
                forged,
                cs.proof(),
                validators.value().orElse(Bytes.EMPTY),
                validators.proof());
      }
    }
    List<XchainCalls.Msg> msgs =
        m instanceof XchainCalls.UpdateClient ? List.of(m) : withUpdate(d, cs, List.of(m));
    Call call = msgs.size() == 1 ? XchainCalls.single(msgs.getFirst()) : XchainCalls.relay(msgs);
    byte[] tx = SimClients.transaction(dst.chainId(), key, nonce, call);
    forgeries.put(Bytes.wrap(tx), kind);
    dst.submit(d, List.of(tx));
  }

  private static Packet withData(Packet p, TransferData d) {
    return new Packet(
        p.sourceClient(),
        p.destClient(),
        p.sequence(),
        p.timeoutHeight(),
        p.timeoutMillis(),
        p.app(),
        d.encode());
  }

  private static boolean timedOut(Packet p, Certified at) {
    return (p.timeoutHeight() != 0 && at.height() >= p.timeoutHeight())
        || (p.timeoutMillis() != 0 && at.header().timestampMillis() >= p.timeoutMillis());
  }

  /** Whether a packet sent now might land after its time-out: then the relayer waits for it. */
  private static boolean nearTimeout(Packet p, long dstHeight, long dstTime) {
    return (p.timeoutHeight() != 0 && dstHeight + 3 >= p.timeoutHeight())
        || (p.timeoutMillis() != 0 && dstTime + 3_000 >= p.timeoutMillis());
  }

  /** The newest block of {@code n} with a commit proof, among its last 32. */
  private static Optional<Certified> certifiedHead(SimNode n) {
    ConsensusRecords records = new ConsensusRecords(n.disk);
    long head = n.committedHeight();
    for (long h = head; h > Math.max(0, head - 32); h--) {
      Optional<CommitProof> proof = records.commitProof(h);
      Optional<BlockHeader> header = n.disk.header(h);
      if (proof.isPresent() && header.isPresent()) {
        return Optional.of(new Certified(n, h, header.get(), proof.get()));
      }
    }
    return Optional.empty();
  }

  private static List<Packet> pending(SimNode n) {
    List<Packet> out = new ArrayList<>();
    for (var e : n.disk.scanLatest(key(XchainKeys.commitmentPrefix(CLIENT)), 1000)) {
      out.add(Packet.decode(e.getValue().toByteArray()));
    }
    return out;
  }

  private record Proved(Optional<Bytes> value, Bytes proof) {}

  private static Proved prove(SimNode n, long version, Bytes key) {
    var r = new StateTree(n.disk, SimSuite.INSTANCE).prove(version, key);
    return new Proved(r.value(), Bytes.wrap(r.proof().encode()));
  }

  // ---- the checks

  /** The honest node of {@code chain} with the most blocks: the newest state a reader can see. */
  private SimNode newest(Simulation chain) {
    SimNode best = null;
    for (SimNode n : chain.nodes()) {
      if (n.honest() && (best == null || n.committedHeight() > best.committedHeight())) {
        best = n;
      }
    }
    return best;
  }

  private void afterCommit() {
    account(a);
    account(b);
    conserved();
  }

  /**
   * Counts what the new blocks of {@code chain} did, and fails if a forgery was accepted in one.
   */
  private void account(Simulation chain) {
    SimNode n = newest(chain);
    long from = accounted.getOrDefault(chain, 0L) + 1;
    for (long h = from; h <= n.committedHeight(); h++) {
      Optional<Block> block = n.disk.block(h);
      if (block.isEmpty()) {
        continue;
      }
      List<Transaction> txs = block.get().transactions();
      List<Receipt> receipts = n.disk.receipts(h);
      for (int i = 0; i < txs.size() && i < receipts.size(); i++) {
        Receipt r = receipts.get(i);
        String forged = forgeries.get(Bytes.wrap(Canonical.encode(txs.get(i))));
        if (forged != null) {
          if (r.code().isEmpty()) {
            throw new SimulationFailure(
                "a forged relay ("
                    + forged
                    + ") was accepted in block "
                    + h
                    + " of "
                    + chain.chainId());
          }
          count("forgery refused " + r.code());
          continue;
        }
        if (!r.code().isEmpty()
            && txs.get(i).body().call().contract().equals(XchainContract.NAME)) {
          count("refused " + r.code());
        }
        for (Event e : r.events()) {
          count(
              e.type().equals("AckWritten")
                  ? "AckWritten success=" + e.attribute("success").orElse("?")
                  : e.type());
        }
      }
    }
    accounted.put(chain, n.committedHeight());
  }

  private void count(String what) {
    seen.merge(what, 1, Integer::sum);
  }

  /** [XC-16] on the newest state of each chain. */
  private void conserved() {
    checks++;
    conserved(newestState(a), newestState(b));
  }

  StateReader newestState(Simulation chain) {
    return newest(chain).disk::latest;
  }

  Simulation chainA() {
    return a;
  }

  Simulation chainB() {
    return b;
  }

  /** [XC-16] on {@code onA} and {@code onB}, states of A and of B a reader saw at one instant. */
  static void conserved(StateReader onA, StateReader onB) {
    long escrow = AssetContract.balance(onA, escrowOnA(), YUAN);
    long vouchers = XchainKeys.voucherBalance(onB, VOUCHER, BOB.address());
    long inFlight = inFlight(onA, onB) + inFlight(onB, onA);
    if (escrow != vouchers + inFlight) {
      throw new SimulationFailure(
          "[XC-16] escrowed on A "
              + escrow
              + " != vouchers on B "
              + vouchers
              + " + not yet credited "
              + inFlight
              + " (Alice's transfers to Bob and back)");
    }
    long alice = AssetContract.balance(onA, ALICE.address(), YUAN);
    if (alice + escrow != SUPPLY && alice + escrow != 0) {
      throw new SimulationFailure(
          "[XC-16] yuan appeared or vanished on A: Alice "
              + alice
              + " + escrow "
              + escrow
              + " != "
              + SUPPLY);
    }
  }

  private static org.jingchain.types.Address escrowOnA() {
    return XchainKeys.escrow(CLIENT, SuiteId.INTL, SimSuite.INSTANCE);
  }

  /**
   * The amounts of packets committed on {@code src} that their destination has not credited: no
   * acknowledgement there yet, or an error one (nothing was minted or released; the source refunds
   * once it learns of it).
   */
  private static long inFlight(StateReader src, StateReader dst) {
    long sum = 0;
    for (long s = 1; s < XchainKeys.nextSequenceOf(src, CLIENT); s++) {
      Optional<Bytes> c = src.get(key(XchainKeys.commitment(CLIENT, s)));
      if (c.isEmpty()) {
        continue;
      }
      Optional<Bytes> ack = dst.get(key(XchainKeys.ack(CLIENT, s)));
      if (ack.isEmpty() || !Ack.decode(ack.get().toByteArray()).success()) {
        sum += TransferData.decode(Packet.decode(c.get().toByteArray()).data()).amount();
      }
    }
    return sum;
  }

  /** At the end: every packet settled, nothing in flight, escrow and vouchers equal. */
  private void settled() {
    conserved();
    for (Simulation chain : List.of(a, b)) {
      List<Packet> left = pending(newest(chain));
      if (!left.isEmpty()) {
        throw new SimulationFailure(
            left.size()
                + " packets of "
                + chain.chainId()
                + " still unsettled "
                + (config.a().liveWindowMillis() - SEND_AFTER_HEAL_MILLIS)
                + " ms after the last transfer (first: sequence "
                + left.getFirst().sequence()
                + ")");
      }
    }
  }

  private static Bytes key(String k) {
    return WriteSet.key(k);
  }

  private static KeyPair user(String label) {
    return SimSuite.INSTANCE.keyPairFromPrivateKey(
        SimSuite.INSTANCE.hash(label.getBytes(StandardCharsets.UTF_8)).toByteArray());
  }
}
