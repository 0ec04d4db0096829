package org.jingchain.sdk.xchain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.XchainQueries;
import org.jingchain.sdk.model.Certificate;
import org.jingchain.sdk.model.Epoch;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.model.StateRead;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.sdk.model.XchainClient;
import org.jingchain.sdk.model.XchainPackets;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.Limits;
import org.jingchain.xchain.Ack;
import org.jingchain.xchain.Packet;
import org.jingchain.xchain.XchainCalls;

/**
 * Relays one path — two clients that registered each other, one on each chain — in both directions
 * (docs/spec/xchain.md section 7). A pass reads what waits on each chain and sends the other chain
 * what it needs: the client updates and epoch changes first, then packets to receive, then
 * acknowledgements and timeouts back, batched into {@code relay} transactions ([XC-15]). It keeps
 * no state between passes: everything it needs is on the chains, so a restart or a second relayer
 * costs only no-ops ([XC-12]). It trusts the nodes for nothing: the chains check every header,
 * certificate and proof it carries.
 *
 * <p>Not thread-safe: one pass at a time. Each chain's transactions are signed by the key of its
 * {@link End} and sent one after another (each waits for its block).
 */
public final class Relayer {
  /** Most packets one pass reads per direction. */
  public static final int MAX_PACKETS_PER_PASS = 10_000;

  /**
   * One end of the path.
   *
   * @param name how the logs name the chain
   * @param api the chain's node
   * @param key the relayer's key on that chain (of its suite; needs no role)
   * @param client the client on that chain that follows the other end's chain
   */
  public record End(String name, String api, KeyPair key, String client) {}

  /**
   * @param maxMessages most messages in one relay transaction (1..1000)
   * @param commitWait how long to wait for a relay transaction's block
   * @param timeoutMarginMillis packets whose time-out is nearer than this on the destination (by
   *     its head's time, or within 2 blocks) are left to time out rather than sent into a refusal
   */
  public record Options(
      int maxMessages, Duration commitWait, long timeoutMarginMillis, long refreshMillis) {
    public Options {
      if (maxMessages < 1 || maxMessages > XchainCalls.MAX_RELAY_MESSAGES) {
        throw new IllegalArgumentException(
            "maxMessages must be 1.." + XchainCalls.MAX_RELAY_MESSAGES);
      }
      if (refreshMillis < 0) {
        throw new IllegalArgumentException("refreshMillis must not be negative");
      }
    }

    public static Options defaults() {
      return new Options(100, Duration.ofSeconds(60), 10_000, 0);
    }
  }

  /**
   * What a pass did in one direction, counted in messages the destination accepted.
   *
   * @param pending packets of {@code from} waiting for delivery or an answer when the pass began
   *     (the backlog)
   * @param updates client updates accepted, epochs followed included
   * @param alreadyDone messages the chain found done already (another relayer was first) [XC-12]
   */
  public record Pass(
      String from,
      String to,
      int pending,
      int epochsFollowed,
      int updates,
      int received,
      int acknowledged,
      int timedOut,
      int alreadyDone,
      int refusedTransactions) {
    static Pass none(String from, String to) {
      return new Pass(from, to, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    Pass plus(Pass o) {
      return new Pass(
          from,
          to,
          Math.max(pending, o.pending),
          epochsFollowed + o.epochsFollowed,
          updates + o.updates,
          received + o.received,
          acknowledged + o.acknowledged,
          timedOut + o.timedOut,
          alreadyDone + o.alreadyDone,
          refusedTransactions + o.refusedTransactions);
    }

    Pass withPending(int n) {
      return new Pass(
          from,
          to,
          n,
          epochsFollowed,
          updates,
          received,
          acknowledged,
          timedOut,
          alreadyDone,
          refusedTransactions);
    }

    /** Whether the pass sent nothing. */
    public boolean idle() {
      return epochsFollowed
              + updates
              + received
              + acknowledged
              + timedOut
              + alreadyDone
              + refusedTransactions
          == 0;
    }
  }

  private final Side a;
  private final Side b;
  private final Options options;
  private final Consumer<String> log;

  public Relayer(End a, End b, Options options, Consumer<String> log) {
    this.a = new Side(a);
    this.b = new Side(b);
    this.options = options;
    this.log = log;
  }

  /** The state of one end as a pass reads it. */
  private final class Side {
    final End end;
    final JingClient api;
    final XchainQueries xchain;

    Side(End end) {
      this.end = end;
      JingClient plain = new JingClient(end.api());
      // a chain whose reads are for members: the relayer reads as its account there
      this.api =
          end.key() == null
              ? plain
              : plain.withToken(org.jingchain.sdk.BearerTokens.of(end.key(), plain));
      this.xchain = new XchainQueries(api);
    }
  }

  /**
   * Checks the path: each client exists, follows the other end's chain, and names the other client
   * as its counterparty; each key is of its chain's suite.
   *
   * @throws IllegalStateException saying what is wrong
   */
  public void check() {
    NodeStatus sa = a.api.status();
    NodeStatus sb = b.api.status();
    checkEnd(a, sa, b, sb);
    checkEnd(b, sb, a, sa);
  }

  private static void checkEnd(Side s, NodeStatus self, Side other, NodeStatus otherStatus) {
    if (!s.end.key().publicKey().suite().label().equals(self.suite())) {
      throw new IllegalStateException(
          s.end.name()
              + ": the relayer's key is "
              + s.end.key().publicKey().suite()
              + " but the chain is "
              + self.suite());
    }
    XchainClient c;
    try {
      c = s.xchain.client(s.end.client());
    } catch (JingApiException e) {
      throw new IllegalStateException(
          s.end.name()
              + " ("
              + self.chainId()
              + ") has no client "
              + s.end.client()
              + ": "
              + e.getMessage());
    }
    if (!c.counterpartyChainId().equals(otherStatus.chainId())) {
      throw new IllegalStateException(
          s.end.name()
              + "'s "
              + c.id()
              + " follows "
              + c.counterpartyChainId()
              + ", not "
              + other.end.name()
              + " ("
              + otherStatus.chainId()
              + ")");
    }
    if (!c.counterpartyClient().equals(other.end.client())) {
      throw new IllegalStateException(
          s.end.name()
              + "'s "
              + c.id()
              + " has "
              + (c.counterpartyClient().isEmpty()
                  ? "no counterparty registered (jing xchain register)"
                  : "counterparty " + c.counterpartyClient())
              + ", not "
              + other.end.client());
    }
  }

  /**
   * One pass in both directions: A's packets to B and their answers back, then B's to A. A client
   * with nothing to carry is still updated once a third of its trusting period has passed since its
   * last update, so it never expires while a relayer runs ([XC-5]).
   */
  public List<Pass> relayOnce() {
    Pass ab = direction(a, b);
    Pass ba = direction(b, a);
    return List.of(ab.plus(refreshIfStale(b, a)), ba.plus(refreshIfStale(a, b)));
  }

  /** Updates {@code host}'s client of {@code counterparty} if a third of its period has passed. */
  private Pass refreshIfStale(Side host, Side counterparty) {
    XchainClient c = host.xchain.client(host.end.client());
    long now = host.api.status().headTimestampMillis();
    long after = c.trustingPeriodMillis() / 3;
    if (options.refreshMillis() > 0) {
      after = Math.min(after, options.refreshMillis());
    }
    if (!"active".equals(c.status()) || now - c.updatedAtMillis() <= after) {
      return Pass.none(counterparty.end.name(), host.end.name());
    }
    return update(host, counterparty);
  }

  private Pass update(Side host, Side counterparty) {
    Certified at = certifiedHead(counterparty);
    List<XchainCalls.Msg> msgs = prelude(host, counterparty, at);
    if (msgs.isEmpty()) {
      return Pass.none(counterparty.end.name(), host.end.name());
    }
    return send(host, counterparty, msgs, msgs.size(), Kind.UPDATED);
  }

  /**
   * Updates client {@code host.client()} on {@code host}'s chain to the newest certified block of
   * the chain at {@code counterpartyApi}, following its validator changes first — what {@code jing
   * xchain client update} does. Returns what it sent: nothing when the client already holds that
   * block.
   */
  public static Pass updateClient(
      End host, String counterpartyApi, Options options, Consumer<String> log) {
    String hostName = new JingClient(host.api()).status().chainId();
    String otherName = new JingClient(counterpartyApi).status().chainId();
    Relayer r =
        new Relayer(
            new End(hostName, host.api(), host.key(), host.client()),
            new End(otherName, counterpartyApi, null, ""),
            options,
            log);
    return r.update(r.a, r.b);
  }

  /**
   * Relays {@code src}'s packets to {@code dst}, then {@code dst}'s answers back to {@code src}.
   */
  private Pass direction(Side src, Side dst) {
    List<Packet> pending = pending(src);
    Pass done = Pass.none(src.end.name(), dst.end.name()).withPending(pending.size());
    if (pending.isEmpty()) {
      return done;
    }
    if (pending.size() > options.maxMessages()) {
      log.accept(
          src.end.name()
              + " -> "
              + dst.end.name()
              + ": "
              + pending.size()
              + " packets waiting (first sequence "
              + pending.getFirst().sequence()
              + ")");
    }
    NodeStatus dstHead = dst.api.status();
    List<Long> seqs = pending.stream().map(Packet::sequence).toList();
    List<Boolean> received = present(dst, "receipt", dstHead.height(), seqs);
    List<Packet> toReceive = new ArrayList<>();
    List<Packet> answered = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      Packet p = pending.get(i);
      if (received.get(i)) {
        answered.add(p);
      } else if (!closeToTimeout(p, dstHead)) {
        toReceive.add(p);
      } else {
        answered.add(p); // a time-out candidate
      }
    }
    if (!toReceive.isEmpty()) {
      done = done.plus(receive(src, dst, toReceive));
    }
    if (!answered.isEmpty()) {
      done = done.plus(answer(src, dst, answered));
    }
    return done;
  }

  private List<Packet> pending(Side src) {
    List<Packet> out = new ArrayList<>();
    long from = 1;
    while (out.size() < MAX_PACKETS_PER_PASS) {
      XchainPackets page = src.xchain.packets(src.end.client(), from, XchainQueries.MAX_PAGE);
      for (XchainPackets.Packet p : page.pending()) {
        out.add(Packet.decode(HexFormat.of().parseHex(p.bytes())));
      }
      if (page.pending().size() < XchainQueries.MAX_PAGE) {
        break;
      }
      from = page.pending().getLast().sequence() + 1;
    }
    return out;
  }

  private boolean closeToTimeout(Packet p, NodeStatus dstHead) {
    return (p.timeoutHeight() != 0 && dstHead.height() + 2 >= p.timeoutHeight())
        || (p.timeoutMillis() != 0
            && dstHead.headTimestampMillis() + options.timeoutMarginMillis() >= p.timeoutMillis());
  }

  /** Updates {@code dst}'s client to a certified height of {@code src} and delivers packets. */
  private Pass receive(Side src, Side dst, List<Packet> packets) {
    Certified at = certifiedHead(src);
    List<XchainCalls.Msg> msgs = new ArrayList<>(prelude(dst, src, at));
    int prelude = msgs.size();
    List<StateRead> commits = proofs(src, "commit", at.height(), packets);
    int skipped = 0;
    for (int i = 0; i < packets.size(); i++) {
      StateRead r = commits.get(i);
      if (r.value() == null) {
        skipped++; // committed after the certified height: next pass
        continue;
      }
      msgs.add(new XchainCalls.RecvPacket(packets.get(i), at.height(), proof(r)));
    }
    if (skipped > 0) {
      log.accept(
          src.end.name()
              + " -> "
              + dst.end.name()
              + ": "
              + skipped
              + " packets are newer than certified height "
              + at.height()
              + "; next pass");
    }
    return send(dst, src, msgs, prelude, Kind.RECEIVED);
  }

  /**
   * Acknowledgements and time-outs of {@code packets}, proved on {@code dst}, sent to {@code src}.
   */
  private Pass answer(Side src, Side dst, List<Packet> packets) {
    Certified at = certifiedHead(dst);
    List<XchainCalls.Msg> acks = new ArrayList<>();
    List<XchainCalls.Msg> timeouts = new ArrayList<>();
    List<StateRead> ackReads = proofs(dst, "ack", at.height(), packets);
    List<StateRead> receiptReads = proofs(dst, "receipt", at.height(), packets);
    for (int i = 0; i < packets.size(); i++) {
      Packet p = packets.get(i);
      StateRead ack = ackReads.get(i);
      if (ack.value() != null) {
        acks.add(
            new XchainCalls.AcknowledgePacket(
                p, Ack.decode(HexFormat.of().parseHex(ack.value())), at.height(), proof(ack)));
      } else if (receiptReads.get(i).value() == null && timedOutAt(p, at)) {
        timeouts.add(new XchainCalls.TimeoutPacket(p, at.height(), proof(receiptReads.get(i))));
      }
    }
    if (acks.isEmpty() && timeouts.isEmpty()) {
      return Pass.none(src.end.name(), dst.end.name());
    }
    List<XchainCalls.Msg> msgs = new ArrayList<>(prelude(src, dst, at));
    int prelude = msgs.size();
    msgs.addAll(acks);
    msgs.addAll(timeouts);
    return send(src, dst, msgs, prelude, Kind.ANSWERED);
  }

  private static boolean timedOutAt(Packet p, Certified at) {
    return (p.timeoutHeight() != 0 && at.height() >= p.timeoutHeight())
        || (p.timeoutMillis() != 0 && at.header().timestampMillis() >= p.timeoutMillis());
  }

  /**
   * What {@code host}'s client of {@code counterparty} needs before proofs at {@code at}: the
   * epochs it has not followed, then an update to {@code at} unless it holds it.
   */
  private List<XchainCalls.Msg> prelude(Side host, Side counterparty, Certified at) {
    XchainClient c = host.xchain.client(host.end.client());
    List<XchainCalls.Msg> out = new ArrayList<>();
    for (Epoch e : counterparty.api.epochs()) {
      if (e.epoch() <= c.latestEpoch() || e.firstHeight() > at.height()) {
        continue;
      }
      Certified last = certified(counterparty, e.lastHeightBefore());
      if (e.validatorsValue() == null || e.validatorsProof() == null) {
        throw new IllegalStateException(
            counterparty.end.name() + " has no proof of its change to epoch " + e.epoch());
      }
      out.add(
          new XchainCalls.FollowEpoch(
              host.end.client(),
              last.header(),
              last.proof(),
              Bytes.fromHex(e.validatorsValue()),
              Bytes.fromHex(e.validatorsProof())));
    }
    boolean held;
    try {
      held = host.xchain.height(host.end.client(), at.height()) != null;
    } catch (JingApiException notHeld) {
      held = false;
    }
    if (!held) {
      StateRead v = counterparty.api.readStateRaw("gov/validators", Optional.of(at.height() - 1));
      out.add(
          new XchainCalls.UpdateClient(
              host.end.client(), at.header(), at.proof(), Bytes.fromHex(v.value()), proof(v)));
    }
    return out;
  }

  private enum Kind {
    RECEIVED,
    ANSWERED,
    UPDATED
  }

  /**
   * Sends {@code msgs} to {@code host} in batches of at most {@link Options#maxMessages} and the
   * transaction size limit; the first {@code prelude} (epochs, update) go in the first batch.
   */
  private Pass send(Side host, Side from, List<XchainCalls.Msg> msgs, int prelude, Kind kind) {
    List<List<XchainCalls.Msg>> batches = new ArrayList<>();
    int budget = Limits.MAX_ARGS_BYTES - 4096;
    int i = 0;
    while (i < msgs.size()) {
      List<XchainCalls.Msg> batch = new ArrayList<>();
      int bytes = 4;
      while (i < msgs.size() && batch.size() < options.maxMessages()) {
        int size = XchainCalls.single(msgs.get(i)).args().length() + 5;
        if (!batch.isEmpty() && (bytes + size > budget) && i >= prelude) {
          break;
        }
        batch.add(msgs.get(i));
        bytes += size;
        i++;
      }
      batches.add(batch);
    }
    // up to WINDOW transactions in flight, with consecutive nonces: the chain runs them in order,
    // so the first batch's client update serves the proofs of the ones behind it
    Pass total = Pass.none(from.end.name(), host.end.name());
    String chainId = host.api.status().chainId();
    KeyPair key = host.end.key();
    long nonce = host.api.nextNonce(key.address());
    for (int first = 0; first < batches.size(); first += WINDOW) {
      List<List<XchainCalls.Msg>> window =
          batches.subList(first, Math.min(batches.size(), first + WINDOW));
      List<Hash> hashes = new ArrayList<>();
      for (List<XchainCalls.Msg> batch : window) {
        Call call =
            batch.size() == 1 ? XchainCalls.single(batch.getFirst()) : XchainCalls.relay(batch);
        hashes.add(
            host.api.submit(
                Transactions.sign(
                    key,
                    chainId,
                    nonce++,
                    System.currentTimeMillis() + options.commitWait().toMillis() * 2,
                    call)));
      }
      boolean refused = false;
      for (int k = 0; k < window.size(); k++) {
        Pass p =
            settle(
                host,
                from,
                window.get(k),
                kind,
                hashes.get(k),
                host.api.waitForCommit(hashes.get(k), options.commitWait()));
        total = total.plus(p);
        refused |= p.refusedTransactions() > 0;
      }
      if (refused) {
        break; // the rest waits for the next pass, which reads the chains afresh
      }
    }
    return total;
  }

  /** Relay transactions in flight at once. */
  static final int WINDOW = 8;

  private Pass settle(
      Side host, Side from, List<XchainCalls.Msg> batch, Kind kind, Hash hash, TxStatus t) {
    String route = from.end.name() + " -> " + host.end.name();
    if (!t.receipt().succeeded()) {
      log.accept(
          route
              + ": relay of "
              + batch.size()
              + " messages refused in "
              + host.end.name()
              + "'s block "
              + t.height()
              + ": "
              + t.receipt().code()
              + " "
              + t.receipt().message());
      return new Pass(from.end.name(), host.end.name(), 0, 0, 0, 0, 0, 0, 0, 1);
    }
    Pass p = outcome(from.end.name(), host.end.name(), t.receipt().events());
    StringBuilder what = new StringBuilder();
    if (p.epochsFollowed() > 0) {
      what.append(p.epochsFollowed()).append(" epochs followed, ");
    }
    int updates = p.updates() - p.epochsFollowed();
    switch (kind) {
      case RECEIVED, ANSWERED -> {
        if (updates > 0) {
          what.append("client ").append(host.end.client()).append(" updated, ");
        }
        what.append(
            kind == Kind.RECEIVED
                ? p.received() + " packets received"
                : p.acknowledged() + " acknowledged, " + p.timedOut() + " timed out");
      }
      case UPDATED ->
          what.append("client ")
              .append(host.end.client())
              .append(" updated to height ")
              .append(lastUpdateHeight(batch));
    }
    if (p.alreadyDone() > 0) {
      what.append(", ").append(p.alreadyDone()).append(" already done");
    }
    log.accept(
        route
            + ": tx "
            + hash.toHex().substring(0, 12)
            + " in "
            + host.end.name()
            + "'s block "
            + t.height()
            + ": "
            + what);
    return p;
  }

  /**
   * What a committed relay transaction did, from its receipt: the {@code Relayed} summary of a
   * batch, or the events of a single message ([XC-15]).
   */
  static Pass outcome(String from, String to, List<org.jingchain.sdk.model.Event> events) {
    int epochs = 0;
    int updates = 0;
    int received = 0;
    int acked = 0;
    int timedOut = 0;
    int noops = 0;
    org.jingchain.sdk.model.Event summary = null;
    for (org.jingchain.sdk.model.Event e : events) {
      if (!e.contract().equals("xchain")) {
        continue;
      }
      switch (e.type()) {
        case "Relayed" -> summary = e;
        case "EpochFollowed" -> {
          epochs++;
          updates++;
        }
        case "ClientUpdated" -> updates++;
        case "PacketReceived" -> received++;
        case "PacketAcknowledged" -> acked++;
        case "PacketTimedOut" -> timedOut++;
        case "PacketAlreadyReceived", "PacketAlreadySettled", "ClientAlreadyAtHeight" -> noops++;
        default -> {}
      }
    }
    if (summary != null) { // a long batch's details are cut; its summary counts them all
      updates = number(summary, "updates");
      received = number(summary, "received");
      acked = number(summary, "acknowledged");
      timedOut = number(summary, "timedOut");
      noops = number(summary, "noops");
    }
    return new Pass(from, to, 0, epochs, updates, received, acked, timedOut, noops, 0);
  }

  private static int number(org.jingchain.sdk.model.Event e, String attribute) {
    String v = e.attributes().get(attribute);
    return v == null ? 0 : Integer.parseInt(v);
  }

  private static long lastUpdateHeight(List<XchainCalls.Msg> batch) {
    long h = -1;
    for (XchainCalls.Msg m : batch) {
      if (m instanceof XchainCalls.UpdateClient u) {
        h = u.header().height();
      } else if (m instanceof XchainCalls.FollowEpoch f) {
        h = Math.max(h, f.header().height());
      }
    }
    return h;
  }

  // ---- reads

  /** A committed header of a chain with the proof of its commit. */
  record Certified(long height, BlockHeader header, CommitProof proof) {}

  /** The chain's newest block that has a commit proof (most have; a few are only ancestors). */
  private static Certified certifiedHead(Side s) {
    long head = s.api.status().height();
    for (long h = head; h > Math.max(0, head - 32); h--) {
      Optional<Certified> c = tryCertified(s, h);
      if (c.isPresent()) {
        return c.get();
      }
    }
    throw new IllegalStateException(
        s.end.name() + " has no commit proof among its last 32 blocks below " + head);
  }

  private static Certified certified(Side s, long height) {
    return tryCertified(s, height)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    s.end.name() + " has no commit proof of block " + height));
  }

  private static Optional<Certified> tryCertified(Side s, long h) {
    Certificate cert = s.api.certificate(h);
    if (cert.commitProof() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Certified(
            h,
            Canonical.decodeHeader(HexFormat.of().parseHex(cert.header())),
            MessageCodec.decodeCommitProof(HexFormat.of().parseHex(cert.commitProof()))));
  }

  private static List<StateRead> proofs(Side s, String kind, long version, List<Packet> packets) {
    List<StateRead> out = new ArrayList<>(packets.size());
    for (int from = 0; from < packets.size(); from += XchainQueries.MAX_PAGE) {
      List<Long> seqs =
          packets.subList(from, Math.min(packets.size(), from + XchainQueries.MAX_PAGE)).stream()
              .map(Packet::sequence)
              .toList();
      out.addAll(s.xchain.proofs(kind, s.end.client(), version, seqs).proofs());
    }
    return out;
  }

  private static List<Boolean> present(Side s, String kind, long version, List<Long> seqs) {
    List<Boolean> out = new ArrayList<>(seqs.size());
    for (int from = 0; from < seqs.size(); from += XchainQueries.MAX_PAGE) {
      List<Long> page = seqs.subList(from, Math.min(seqs.size(), from + XchainQueries.MAX_PAGE));
      for (StateRead r : s.xchain.proofs(kind, s.end.client(), version, page).proofs()) {
        out.add(r.value() != null);
      }
    }
    return out;
  }

  private static Bytes proof(StateRead r) {
    if (r.proof() == null || r.proof().encoded() == null) {
      throw new IllegalStateException("the node sent no proof of " + r.key());
    }
    return Bytes.fromHex(r.proof().encoded());
  }
}
