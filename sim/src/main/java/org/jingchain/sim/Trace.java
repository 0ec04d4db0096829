package org.jingchain.sim;

import java.util.List;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Effect;
import org.jingchain.consensus.Event;

/** One-line descriptions of steps, printed with {@code -Djing.sim.trace=true}. */
final class Trace {
  private Trace() {}

  static String line(long at, SimNode n, Event e, List<Effect> effects) {
    StringBuilder b = new StringBuilder();
    b.append(at)
        .append(" v")
        .append(n.index)
        .append(" r")
        .append(n.core.currentRound())
        .append(" h")
        .append(n.committedHeight())
        .append(" <- ")
        .append(event(e))
        .append(" ->");
    for (Effect f : effects) {
      b.append(' ').append(effect(f)).append(';');
    }
    return b.toString();
  }

  private static String event(Event e) {
    return switch (e) {
      case Event.MessageReceived m -> "from " + m.from() + " " + message(m.message());
      case Event.TimerFired t -> "timer " + t.round();
      case Event.BlockBuilt b -> "built r" + b.round();
      case Event.Start s -> "start";
    };
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
      case Effect.Commit c -> "commit to h" + c.blocks().getLast().block().header().height();
      case Effect.ScheduleTimer t -> "timer r" + t.round();
      case Effect.BuildBlock b -> "build r" + b.round();
      case Effect.PersistSafety p -> "persist v" + p.record().highestVotedRound();
      case Effect.StoreBlock s -> "store";
      case Effect.Evidence ev -> "EVIDENCE " + ev.kind();
      case Effect.Rejected r -> "REJECT " + r.reason();
      case Effect.EpochChange e -> "epoch " + e.next().number();
    };
  }
}
