package org.jingchain.xchain;

import static org.jingchain.xchain.Clients.event;
import static org.jingchain.xchain.Clients.fail;

import java.util.List;
import org.jingchain.asset.AssetContract;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
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
        new TransferData(t.denom(), t.amount(), sender.toString(), t.receiver(), t.memo());
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
    Address receiver = receiver(d.receiver(), suite);
    if (d.amount() <= 0) {
      throw fail("XC_MALFORMED", "the amount must be positive");
    }
    if (returning(d.denom(), p.sourceClient())) {
      String local = d.denom().substring(p.sourceClient().length() + 1);
      try {
        move(w, local, escrow(p.destClient()), receiver, d.amount());
      } catch (ExecutionFailure f) {
        if (f.code().equals("XC_INSUFFICIENT_FUNDS")) {
          throw fail("XC_ESCROW_SHORT", "the escrow of " + p.destClient() + " holds too little");
        }
        throw f;
      }
      return new Received(
          Ack.ok(),
          List.of(event("TokensReleased", "denom", local, "amount", d.amount(), "to", receiver)));
    }
    String voucher = p.destClient() + "/" + d.denom();
    if (voucher.length() > MAX_DENOM_BYTES) {
      throw fail("XC_MALFORMED", "the denomination's trace is too long: " + voucher);
    }
    addVoucher(w, voucher, receiver, d.amount());
    return new Received(
        Ack.ok(),
        List.of(event("VoucherMinted", "denom", voucher, "amount", d.amount(), "to", receiver)));
  }

  @Override
  public List<Event> onAck(TxContext ctx, Packet p, Ack ack, WriteSet w) throws ExecutionFailure {
    return ack.success() ? List.of() : refund(p, w);
  }

  @Override
  public List<Event> onTimeout(TxContext ctx, Packet p, WriteSet w) throws ExecutionFailure {
    return refund(p, w);
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
