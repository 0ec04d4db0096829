package org.jingchain.xchain;

import static org.jingchain.xchain.Clients.event;
import static org.jingchain.xchain.Clients.fail;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.asset.AssetContract;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.HashFunction;
import org.jingchain.types.SuiteId;

/**
 * Token transfer on packets (docs/spec/xchain.md 5.1): escrow native tokens or burn returning
 * vouchers on send [XC-30], release or mint on receive [XC-31], undo on an error acknowledgement or
 * a timeout [XC-32]. Native tokens are the asset contract's; vouchers live under {@code
 * xchain/voucher/}.
 */
final class TransferApp implements App {
  static final String NAME = "transfer";
  static final int MAX_DENOM_BYTES = 256;
  static final long DAY_MILLIS = 24L * 3_600_000;

  private final SuiteId suite;
  private final HashFunction hash;

  TransferApp(SuiteId suite, HashFunction hash) {
    this.suite = suite;
    this.hash = hash;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** [XC-30] The sender's tokens leave (escrow or burn), and a packet carries them. */
  List<Event> send(TxContext ctx, XchainCalls.Transfer t, WriteSet w) throws ExecutionFailure {
    if (t.amount() <= 0) {
      throw fail("XC_MALFORMED", "the amount must be positive");
    }
    if (t.denom().isEmpty() || t.receiver().isEmpty()) {
      throw fail("XC_MALFORMED", "a denomination and a receiver are needed");
    }
    Packets.checkSend(ctx, w, t.client(), t.timeoutHeight(), t.timeoutMillis());
    Address sender = ctx.sender();
    take(w, t.client(), t.denom(), sender, t.amount());
    TransferData data =
        new TransferData(
            t.denom(), t.amount(), sender.toString(), t.receiver(), t.memo(), t.forwardChain());
    Packet p =
        Packets.send(ctx, w, t.client(), t.timeoutHeight(), t.timeoutMillis(), NAME, data.encode());
    return List.of(
        Packets.sent(p),
        event(
            "TransferSent",
            "client",
            t.client(),
            "sequence",
            p.sequence(),
            "denom",
            t.denom(),
            "amount",
            t.amount(),
            "sender",
            sender,
            "receiver",
            t.receiver()));
  }

  /** Moves {@code amount} of {@code denom} away from {@code owner}: burned or escrowed. */
  private void take(WriteSet w, String client, String denom, Address owner, long amount)
      throws ExecutionFailure {
    if (returning(denom, client)) {
      subtractVoucher(w, denom, owner, amount);
    } else {
      move(w, denom, owner, escrow(client), amount);
    }
  }

  @Override
  public Received onRecv(TxContext ctx, Packet p, WriteSet w) throws ExecutionFailure {
    TransferData d = TransferData.decode(p.data());
    if (d.amount() <= 0) {
      throw fail("XC_MALFORMED", "the amount must be positive");
    }
    if (d.routed()) {
      return forward(ctx, p, d, w);
    }
    Address receiver = receiver(d.receiver(), suite);
    Credited c = credit(w, p, d, receiver);
    return new Received(Ack.ok(), List.of(c.event()));
  }

  /** Where a received transfer's tokens went: their denomination here, and the event saying so. */
  private record Credited(String denom, Event event) {}

  /** [XC-31] Releases returning tokens from escrow, or mints vouchers, to {@code to}. */
  private Credited credit(WriteSet w, Packet p, TransferData d, Address to)
      throws ExecutionFailure {
    if (returning(d.denom(), p.sourceClient())) {
      String local = d.denom().substring(p.sourceClient().length() + 1);
      try {
        move(w, local, escrow(p.destClient()), to, d.amount());
      } catch (ExecutionFailure f) {
        if (f.code().equals("XC_INSUFFICIENT_FUNDS")) {
          throw fail("XC_ESCROW_SHORT", "the escrow of " + p.destClient() + " holds too little");
        }
        throw f;
      }
      return new Credited(
          local, event("TokensReleased", "denom", local, "amount", d.amount(), "to", to));
    }
    String voucher = p.destClient() + "/" + d.denom();
    if (voucher.length() > MAX_DENOM_BYTES) {
      throw fail("XC_MALFORMED", "the denomination's trace is too long: " + voucher);
    }
    addVoucher(w, voucher, to, d.amount());
    return new Credited(
        voucher, event("VoucherMinted", "denom", voucher, "amount", d.amount(), "to", to));
  }

  /** [XC-42] A hub receives a routed transfer into its route account and sends it on. */
  private Received forward(TxContext ctx, Packet p, TransferData d, WriteSet w)
      throws ExecutionFailure {
    Member m =
        XchainKeys.member(w, d.forwardChain())
            .orElseThrow(
                () ->
                    fail(
                        "XC_UNKNOWN_MEMBER",
                        d.forwardChain() + " is not a member of this hub's registry"));
    Address route = route(p.destClient());
    Credited c = credit(w, p, d, route);
    long timeoutMillis =
        p.timeoutMillis() != 0 ? p.timeoutMillis() : ctx.block().timestampMillis() + DAY_MILLIS;
    Packets.checkSend(ctx, w, m.client(), 0, timeoutMillis);
    take(w, m.client(), c.denom(), route, d.amount());
    TransferData next =
        new TransferData(c.denom(), d.amount(), route.toString(), d.receiver(), d.memo());
    Packet sent = Packets.send(ctx, w, m.client(), 0, timeoutMillis, NAME, next.encode());
    w.put(
        XchainKeys.forward(m.client(), sent.sequence()),
        Bytes.wrap(new Forward(p.destClient(), p.sequence(), p, m.client()).encode()));
    return new Received(
        null,
        List.of(
            c.event(),
            Packets.sent(sent),
            event(
                "TransferForwarded",
                "client",
                p.destClient(),
                "sequence",
                p.sequence(),
                "to",
                d.forwardChain(),
                "via",
                m.client(),
                "nextSequence",
                sent.sequence(),
                "denom",
                c.denom())));
  }

  @Override
  public List<Event> onAck(TxContext ctx, Packet p, Ack ack, WriteSet w) throws ExecutionFailure {
    List<Event> out = new ArrayList<>(ack.success() ? List.of() : refund(p, w));
    out.addAll(
        settleForward(
            p,
            w,
            ack.success()
                ? Ack.ok()
                : Ack.error("XC_FORWARD_FAILED", "the next hop refused: " + ack.errorText())));
    return out;
  }

  @Override
  public List<Event> onTimeout(TxContext ctx, Packet p, WriteSet w) throws ExecutionFailure {
    List<Event> out = new ArrayList<>(refund(p, w));
    out.addAll(
        settleForward(
            p, w, Ack.error("XC_FORWARD_TIMED_OUT", "the next hop did not receive it in time")));
    return out;
  }

  /**
   * [XC-43] If {@code p} was sent on for a routed transfer, answers that transfer now: success, or
   * (after {@code p}'s refund to the route account) unwinds its receive and reports the error.
   */
  private List<Event> settleForward(Packet p, WriteSet w, Ack answer) throws ExecutionFailure {
    var f = XchainKeys.forward(w, p.sourceClient(), p.sequence());
    if (f.isEmpty()) {
      return List.of();
    }
    Forward fw = f.get();
    w.delete(WriteSet.key(XchainKeys.forward(p.sourceClient(), p.sequence())));
    List<Event> out = new ArrayList<>();
    if (!answer.success()) {
      out.add(unwind(fw.prev(), w));
    }
    Packets.writeAck(w, fw.prevClient(), fw.prevSequence(), answer);
    out.add(Packets.ackWritten(fw.prevClient(), fw.prevSequence(), answer));
    return out;
  }

  /** Undoes a forwarded packet's receive: burns what it minted, re-escrows what it released. */
  private Event unwind(Packet prev, WriteSet w) throws ExecutionFailure {
    TransferData d = TransferData.decode(prev.data());
    Address route = route(prev.destClient());
    if (returning(d.denom(), prev.sourceClient())) {
      String local = d.denom().substring(prev.sourceClient().length() + 1);
      move(w, local, route, escrow(prev.destClient()), d.amount());
      return event("ForwardUnwound", "denom", local, "amount", d.amount(), "to", "escrow");
    }
    String voucher = prev.destClient() + "/" + d.denom();
    subtractVoucher(w, voucher, route, d.amount());
    return event("ForwardUnwound", "denom", voucher, "amount", d.amount(), "to", "burned");
  }

  private Address route(String client) {
    return XchainKeys.route(client, suite, hash);
  }

  /** [XC-32] Undoes the send: burned vouchers come back, escrowed tokens leave the escrow. */
  private List<Event> refund(Packet p, WriteSet w) throws ExecutionFailure {
    TransferData d = TransferData.decode(p.data());
    Address sender = Address.parse(d.sender());
    if (returning(d.denom(), p.sourceClient())) {
      addVoucher(w, d.denom(), sender, d.amount());
    } else {
      move(w, d.denom(), escrow(p.sourceClient()), sender, d.amount());
    }
    return List.of(
        event(
            "TransferRefunded",
            "client",
            p.sourceClient(),
            "sequence",
            p.sequence(),
            "denom",
            d.denom(),
            "amount",
            d.amount(),
            "to",
            sender));
  }

  /** Whether a token of {@code denom} sent through {@code client} goes back where it came from. */
  static boolean returning(String denom, String client) {
    return denom.startsWith(client + "/");
  }

  private Address escrow(String client) {
    return XchainKeys.escrow(client, suite, hash);
  }

  /** An address of this chain's suite, or {@code XC_BAD_RECEIVER} (an error acknowledgement). */
  static Address receiver(String text, SuiteId suite) throws ExecutionFailure {
    try {
      Address a = Address.parse(text);
      if (a.suite() != suite) {
        throw fail("XC_BAD_RECEIVER", text + " is not an address of this chain's suite");
      }
      return a;
    } catch (IllegalArgumentException e) {
      throw fail("XC_BAD_RECEIVER", "'" + text + "' is not an address: " + e.getMessage());
    }
  }

  /** Native tokens through the asset contract, vouchers in this contract's state. */
  private static void move(WriteSet w, String denom, Address from, Address to, long amount)
      throws ExecutionFailure {
    if (denom.contains("/")) {
      subtractVoucher(w, denom, from, amount);
      addVoucher(w, denom, to, amount);
      return;
    }
    try {
      AssetContract.moveTokens(w, denom, from, to, amount);
    } catch (ExecutionFailure f) {
      throw fail(
          switch (f.code()) {
            case "INSUFFICIENT_BALANCE" -> "XC_INSUFFICIENT_FUNDS";
            case "UNKNOWN_TOKEN" -> "XC_UNKNOWN_DENOM";
            case "OVERFLOW" -> "XC_OVERFLOW";
            default -> "XC_MALFORMED";
          },
          f.getMessage());
    }
  }

  private static void subtractVoucher(WriteSet w, String denom, Address owner, long amount)
      throws ExecutionFailure {
    long have = XchainKeys.voucherBalance(w, denom, owner);
    if (have < amount) {
      throw fail(
          "XC_INSUFFICIENT_FUNDS",
          owner + " holds " + have + " " + denom + ", less than " + amount);
    }
    XchainKeys.putNumber(w, XchainKeys.voucher(denom, owner), have - amount);
  }

  private static void addVoucher(WriteSet w, String denom, Address owner, long amount)
      throws ExecutionFailure {
    long have = XchainKeys.voucherBalance(w, denom, owner);
    try {
      XchainKeys.putNumber(w, XchainKeys.voucher(denom, owner), Math.addExact(have, amount));
    } catch (ArithmeticException e) {
      throw fail("XC_OVERFLOW", "a voucher balance would exceed 2^63-1");
    }
  }
}
