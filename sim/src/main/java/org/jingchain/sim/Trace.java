package org.jingchain.sim;

import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Effect;
import org.jingchain.consensus.MessageCodec;

/** One-line descriptions of steps, printed with {@code -Djing.sim.trace=true}. */
final class Trace {
  private Trace() {}

  /** An effect node {@code n} is about to carry out. */
  static String effect(long at, SimNode n, Effect f) {
    return prefix(at, n) + " -> " + effect(f);
  }

  /** A message arriving at node {@code n}. */
  static String delivery(long at, SimNode n, int from, byte[] bytes) {
    String what;
    try {
      what = message(MessageCodec.decode(bytes));
    } catch (org.jingchain.codec.DecodeException e) {
      what = "undecodable (" + e.getMessage() + ")";
    }
    return prefix(at, n) + " <- from " + from + " " + what;
  }

  private static String prefix(long at, SimNode n) {
    return at
        + " v"
        + n.index
        + " r"
        + (n.engine == null ? "-" : Long.toString(n.engine.currentRound()))
        + " h"
        + n.committedHeight();
  }

  static String message(ConsensusMessage m) {
    return switch (m) {
      case ConsensusMessage.Proposal p ->
          "proposal r"
              + p.round()
              + " h"
              + p.block().header().height()
              + " qc"
              + p.justify().round()
              + (p.tc() == null ? "" : " tc" + p.tc().round());
      case ConsensusMessage.Vote v ->
          "vote r"
              + v.data().round()
              + " by "
              + v.voter()
              + " "
              + v.data().blockHash().toHex().substring(0, 6);
      case ConsensusMessage.Timeout t ->
          "timeout r"
              + t.round()
              + " by "
              + t.sender()
              + " hq"
              + t.highQc().round()
              + (t.lastTc() == null ? "" : " tc" + t.lastTc().round());
      case ConsensusMessage.SyncRequest r -> "syncreq from h" + r.fromHeight();
      case ConsensusMessage.SyncResponse r ->
          "syncresp "
              + r.blocks().size()
              + " blocks hq"
              + (r.highQc() == null ? "-" : r.highQc().round());
    };
  }

  private static String effect(Effect f) {
    return switch (f) {
      case Effect.Send s -> "send " + s.to() + " " + message(s.message());
      case Effect.Broadcast b -> "bcast " + message(b.message());
      case Effect.Commit c ->
          "commit to h"
              + c.blocks().getLast().block().header().height()
              + c.nextEpoch().map(e -> ", epoch " + e.epoch().number()).orElse("");
      case Effect.ScheduleTimer t -> "timer r" + t.round();
      case Effect.BuildBlock b -> "build r" + b.round();
      case Effect.PersistSafety p -> "persist v" + p.record().highestVotedRound();
      case Effect.StoreBlock s -> "store";
      case Effect.Evidence ev -> "EVIDENCE " + ev.kind();
      case Effect.Rejected r -> "REJECT " + r.reason();
    };
  }
}
