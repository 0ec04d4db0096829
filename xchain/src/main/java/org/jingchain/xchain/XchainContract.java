package org.jingchain.xchain;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.HashFunction;
import org.jingchain.types.Limits;
import org.jingchain.types.SuiteId;

/**
 * The {@code xchain} system contract (docs/spec/xchain.md): clients of other chains, packets, and
 * the token and collectible transfers on them. State lives under {@code xchain/}; native tokens and
 * collectibles move through the asset contract's rules.
 */
public final class XchainContract implements SystemContract {
  public static final String NAME = "xchain";

  private final Clients clients;
  private final Packets packets;
  private final TransferApp transfer;
  private final NftApp nft;
  private final Hub hub;

  public XchainContract(SuiteId suite, HashFunction hash) {
    this.clients = new Clients(hash);
    this.transfer = new TransferApp(suite, hash);
    this.nft = new NftApp(suite, hash);
    this.packets = new Packets(List.of(transfer, nft));
    this.hub = new Hub(hash);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    try {
      return switch (method) {
        case XchainCalls.CREATE_CLIENT ->
            clients.create(ctx, XchainCalls.decodeCreate(args), state);
        case XchainCalls.REGISTER -> clients.register(ctx, XchainCalls.decodeRegister(args), state);
        case XchainCalls.MISBEHAVIOUR ->
            clients.misbehaviour(ctx, XchainCalls.decodeMisbehaviour(args), state);
        case XchainCalls.RECOVER_CLIENT ->
            clients.recover(ctx, XchainCalls.decodeRecover(args), state);
        case XchainCalls.TRANSFER -> transfer.send(ctx, XchainCalls.decodeTransfer(args), state);
        case XchainCalls.NFT_TRANSFER -> nft.send(ctx, XchainCalls.decodeNftTransfer(args), state);
        case XchainCalls.UPDATE_CLIENT,
            XchainCalls.FOLLOW_EPOCH,
            XchainCalls.RECV,
            XchainCalls.ACK,
            XchainCalls.TIMEOUT ->
            run(ctx, XchainCalls.decodeSingle(method, args), state);
        case XchainCalls.RELAY -> relay(ctx, XchainCalls.decodeRelay(args), state);
        case XchainCalls.REGISTER_MEMBER ->
            hub.register(ctx, XchainCalls.decodeRegisterMember(args), state);
        default -> throw new ExecutionFailure("UNKNOWN_METHOD", "xchain has no method " + method);
      };
    } catch (DecodeException e) {
      throw new ExecutionFailure("XC_MALFORMED", e.getMessage());
    }
  }

  /** [XC-15] The messages in order; the first refusal fails the whole transaction. */
  private List<Event> relay(TxContext ctx, List<XchainCalls.Msg> msgs, WriteSet state)
      throws ExecutionFailure {
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < msgs.size(); i++) {
      try {
        out.addAll(run(ctx, msgs.get(i), state));
      } catch (ExecutionFailure f) {
        throw new ExecutionFailure(f.code(), "message " + i + ": " + f.getMessage());
      }
    }
    Event summary = summary(msgs.size(), out);
    if (out.size() + 1 > Limits.MAX_EVENTS_PER_RECEIPT) { // keep a count of the rest
      int keep = Limits.MAX_EVENTS_PER_RECEIPT - 2;
      List<Event> kept = new ArrayList<>(out.subList(0, keep));
      kept.add(Clients.event("MoreEvents", "count", out.size() - keep));
      kept.add(summary);
      return kept;
    }
    out.add(summary);
    return out;
  }

  /**
   * [XC-15] The last event of a relay: what its messages did, counted before a long batch's events
   * are cut to fit the receipt.
   */
  private static Event summary(int messages, List<Event> events) {
    int received = 0;
    int acknowledged = 0;
    int timedOut = 0;
    int updates = 0;
    int noops = 0;
    for (Event e : events) {
      switch (e.type()) {
        case "PacketReceived" -> received++;
        case "PacketAcknowledged" -> acknowledged++;
        case "PacketTimedOut" -> timedOut++;
        case "ClientUpdated", "EpochFollowed" -> updates++;
        case "PacketAlreadyReceived", "PacketAlreadySettled", "ClientAlreadyAtHeight" -> noops++;
        default -> {}
      }
    }
    return Clients.event(
        "Relayed",
        "messages",
        messages,
        "received",
        received,
        "acknowledged",
        acknowledged,
        "timedOut",
        timedOut,
        "updates",
        updates,
        "noops",
        noops);
  }

  private List<Event> run(TxContext ctx, XchainCalls.Msg m, WriteSet state)
      throws ExecutionFailure {
    return switch (m) {
      case XchainCalls.UpdateClient u -> clients.update(ctx, u, state);
      case XchainCalls.FollowEpoch f -> clients.followEpoch(ctx, f, state);
      case XchainCalls.RecvPacket r -> packets.recv(ctx, r, state);
      case XchainCalls.AcknowledgePacket a -> packets.ack(ctx, a, state);
      case XchainCalls.TimeoutPacket t -> packets.timeout(ctx, t, state);
    };
  }
}
