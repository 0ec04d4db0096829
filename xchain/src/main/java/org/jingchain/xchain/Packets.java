package org.jingchain.xchain;

import static org.jingchain.xchain.Clients.event;
import static org.jingchain.xchain.Clients.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;

/**
 * Packets (docs/spec/xchain.md section 3): send through a registered client, receive with a proof
 * of the sender's commitment, acknowledge with a proof of the receiver's acknowledgement, time out
 * with a proof that the receiver never received it — each exactly once.
 */
final class Packets {
  private final Map<String, App> apps = new TreeMap<>();

  Packets(List<App> apps) {
    for (App a : apps) {
      this.apps.put(a.name(), a);
    }
  }

  /**
   * [XC-10] Whether a packet may be sent through {@code client} with these timeouts; applications
   * check it before they move anything. Returns the client.
   */
  static ClientState checkSend(
      TxContext ctx, StateReader w, String client, long timeoutHeight, long timeoutMillis)
      throws ExecutionFailure {
    ClientState c = Clients.usable(w, client, ctx.block().timestampMillis());
    if (c.counterpartyClient().isEmpty()) {
      throw fail(
          "XC_NOT_REGISTERED",
          client + " has no registered counterparty; an admin registers it first");
    }
    if (timeoutHeight == 0 && timeoutMillis == 0) {
      throw fail("XC_NO_TIMEOUT", "a packet needs a timeout by height, time or both");
    }
    return c;
  }

  /** [XC-10] Commits {@code data} of {@code app} for the chain {@code client} follows. */
  static Packet send(
      TxContext ctx,
      WriteSet w,
      String client,
      long timeoutHeight,
      long timeoutMillis,
      String app,
      Bytes data)
      throws ExecutionFailure {
    ClientState c = checkSend(ctx, w, client, timeoutHeight, timeoutMillis);
    if (data.length() > Packet.MAX_DATA_BYTES) {
      throw fail("XC_MALFORMED", "packet data is " + data.length() + " bytes, limit 8 KiB");
    }
    long seq = XchainKeys.nextSequenceOf(w, client);
    XchainKeys.putNumber(w, XchainKeys.nextSequence(client), seq + 1);
    Packet p =
        new Packet(client, c.counterpartyClient(), seq, timeoutHeight, timeoutMillis, app, data);
    w.put(XchainKeys.commitment(client, seq), Bytes.wrap(p.encode()));
    return p;
  }

  static Event sent(Packet p) {
    return event(
        "PacketSent",
        "client",
        p.sourceClient(),
        "sequence",
        p.sequence(),
        "app",
        p.app(),
        "timeoutHeight",
        p.timeoutHeight(),
        "timeoutMillis",
        p.timeoutMillis());
  }

  // ---- receive [XC-11], [XC-12]

  List<Event> recv(TxContext ctx, XchainCalls.RecvPacket m, WriteSet w) throws ExecutionFailure {
    Packet p = m.packet();
    ClientState c = Clients.usable(w, p.destClient(), ctx.block().timestampMillis());
    if (!c.counterpartyClient().equals(p.sourceClient())) {
      throw fail(
          "XC_WRONG_COUNTERPARTY",
          p.destClient()
              + " is registered with "
              + (c.counterpartyClient().isEmpty() ? "no counterparty" : c.counterpartyClient())
              + ", not "
              + p.sourceClient());
    }
    long height = ctx.block().height();
    long time = ctx.block().timestampMillis();
    if ((p.timeoutHeight() != 0 && height >= p.timeoutHeight())
        || (p.timeoutMillis() != 0 && time >= p.timeoutMillis())) {
      throw fail(
          "XC_PACKET_TIMED_OUT",
          "packet "
              + p.sequence()
              + " timed out (height "
              + p.timeoutHeight()
              + ", time "
              + p.timeoutMillis()
              + "); this block is "
              + height
              + " at "
              + time);
    }
    ConsensusState cs = Clients.at(w, p.destClient(), m.proofHeight());
    Clients.verifyState(
        c,
        cs.stateRoot(),
        XchainKeys.commitment(p.sourceClient(), p.sequence()),
        Bytes.wrap(p.encode()),
        m.proof());
    String receipt = XchainKeys.receipt(p.destClient(), p.sequence());
    if (w.get(receipt).isPresent()) {
      return List.of(
          event("PacketAlreadyReceived", "client", p.destClient(), "sequence", p.sequence()));
    }
    w.put(receipt, Bytes.wrap(new byte[] {1}));
    App.Received r = deliver(ctx, p, w);
    List<Event> out = new ArrayList<>();
    out.add(
        event(
            "PacketReceived", "client", p.destClient(), "sequence", p.sequence(), "app", p.app()));
    out.addAll(r.events());
    if (r.ack() == null) { // sent on by a hub: answered when the next hop answers [XC-42]
      out.add(event("AckPending", "client", p.destClient(), "sequence", p.sequence()));
    } else {
      writeAck(w, p.destClient(), p.sequence(), r.ack());
      out.add(ackWritten(p.destClient(), p.sequence(), r.ack()));
    }
    return out;
  }

  /** Writes the acknowledgement of packet {@code seq} received through {@code client}. */
  static void writeAck(WriteSet w, String client, long seq, Ack ack) {
    w.put(XchainKeys.ack(client, seq), Bytes.wrap(ack.encode()));
  }

  static Event ackWritten(String client, long seq, Ack ack) {
    return event(
        "AckWritten",
        "client",
        client,
        "sequence",
        seq,
        "success",
        ack.success(),
        "error",
        ack.errorText());
  }

  /** The application's effect, or an error acknowledgement with none of its writes [XC-11]. */
  private App.Received deliver(TxContext ctx, Packet p, WriteSet w) {
    App app = apps.get(p.app());
    if (app == null) {
      return new App.Received(Ack.error("XC_UNKNOWN_APP", "no application " + p.app()), List.of());
    }
    WriteSet appWrites = new WriteSet(w);
    try {
      App.Received r = app.onRecv(ctx, p, appWrites);
      if (r.ack() == null || r.ack().success()) {
        appWrites.mergeInto(w);
      }
      return r;
    } catch (ExecutionFailure f) {
      return new App.Received(Ack.error(f.code(), f.getMessage()), List.of());
    } catch (RuntimeException malformed) { // its data does not decode
      return new App.Received(
          Ack.error("XC_MALFORMED", "packet data: " + malformed.getMessage()), List.of());
    }
  }

  // ---- acknowledge [XC-13], time out [XC-14]

  List<Event> ack(TxContext ctx, XchainCalls.AcknowledgePacket m, WriteSet w)
      throws ExecutionFailure {
    Packet p = m.packet();
    Optional<List<Event>> settled = settled(w, p);
    if (settled.isPresent()) {
      return settled.get();
    }
    ClientState c = Clients.usable(w, p.sourceClient(), ctx.block().timestampMillis());
    ConsensusState cs = Clients.at(w, p.sourceClient(), m.proofHeight());
    Clients.verifyState(
        c,
        cs.stateRoot(),
        XchainKeys.ack(p.destClient(), p.sequence()),
        Bytes.wrap(m.ack().encode()),
        m.proof());
    w.delete(WriteSet.key(XchainKeys.commitment(p.sourceClient(), p.sequence())));
    List<Event> out = new ArrayList<>();
    out.add(
        event(
            "PacketAcknowledged",
            "client",
            p.sourceClient(),
            "sequence",
            p.sequence(),
            "success",
            m.ack().success(),
            "error",
            m.ack().errorText()));
    App app = apps.get(p.app());
    if (app != null) {
      out.addAll(app.onAck(ctx, p, m.ack(), w));
    }
    return out;
  }

  List<Event> timeout(TxContext ctx, XchainCalls.TimeoutPacket m, WriteSet w)
      throws ExecutionFailure {
    Packet p = m.packet();
    Optional<List<Event>> settled = settled(w, p);
    if (settled.isPresent()) {
      return settled.get();
    }
    ClientState c = Clients.usable(w, p.sourceClient(), ctx.block().timestampMillis());
    ConsensusState cs = Clients.at(w, p.sourceClient(), m.proofHeight());
    boolean byHeight = p.timeoutHeight() != 0 && m.proofHeight() >= p.timeoutHeight();
    boolean byTime = p.timeoutMillis() != 0 && cs.timestampMillis() >= p.timeoutMillis();
    if (!byHeight && !byTime) {
      throw fail(
          "XC_NOT_TIMED_OUT",
          "at height "
              + m.proofHeight()
              + " (time "
              + cs.timestampMillis()
              + ") the destination had not reached the packet's timeout");
    }
    Clients.verifyState(
        c, cs.stateRoot(), XchainKeys.receipt(p.destClient(), p.sequence()), null, m.proof());
    w.delete(WriteSet.key(XchainKeys.commitment(p.sourceClient(), p.sequence())));
    List<Event> out = new ArrayList<>();
    out.add(event("PacketTimedOut", "client", p.sourceClient(), "sequence", p.sequence()));
    App app = apps.get(p.app());
    if (app != null) {
      out.addAll(app.onTimeout(ctx, p, w));
    }
    return out;
  }

  /**
   * Empty while the packet's commitment stands; a no-op's events once it was acknowledged or timed
   * out [XC-12]; {@code XC_PACKET_MISMATCH} when another packet holds its place.
   */
  private static Optional<List<Event>> settled(WriteSet w, Packet p) throws ExecutionFailure {
    Optional<Bytes> held = w.get(XchainKeys.commitment(p.sourceClient(), p.sequence()));
    if (held.isEmpty()) {
      return Optional.of(
          List.of(
              event("PacketAlreadySettled", "client", p.sourceClient(), "sequence", p.sequence())));
    }
    if (!held.get().equals(Bytes.wrap(p.encode()))) {
      throw fail(
          "XC_PACKET_MISMATCH",
          "packet " + p.sequence() + " of " + p.sourceClient() + " is not the one committed");
    }
    return Optional.empty();
  }
}
