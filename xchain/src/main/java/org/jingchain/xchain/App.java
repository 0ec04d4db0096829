package org.jingchain.xchain;

import java.util.List;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Event;

/**
 * An application on packets (docs/spec/xchain.md section 5): what a packet does where it arrives,
 * and how its sender settles its acknowledgement or timeout.
 */
interface App {
  /**
   * What a received packet did: its acknowledgement and events; a null acknowledgement is written
   * later (a hub's forwarded transfer, [XC-42]).
   */
  record Received(Ack ack, List<Event> events) {}

  String name();

  /**
   * Applies a received packet to {@code w}. Throwing makes an error acknowledgement and discards
   * {@code w} [XC-11].
   */
  Received onRecv(TxContext ctx, Packet p, WriteSet w) throws ExecutionFailure;

  /** The destination acknowledged: an error acknowledgement refunds [XC-32]. */
  List<Event> onAck(TxContext ctx, Packet p, Ack ack, WriteSet w) throws ExecutionFailure;

  /** The packet timed out: refund [XC-32]. */
  List<Event> onTimeout(TxContext ctx, Packet p, WriteSet w) throws ExecutionFailure;
}
