package org.jingchain.p2p;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link P2pStats}, updated from every network thread. */
final class StatsCounters {
  private final LongAdder framesIn = new LongAdder();
  private final LongAdder framesOut = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LongAdder droppedQueueFull = new LongAdder();
  private final LongAdder droppedNotConnected = new LongAdder();
  private final LongAdder dialFailures = new LongAdder();
  private final LongAdder handshakesCompleted = new LongAdder();
  private final Map<HandshakeFailure, LongAdder> failures = new EnumMap<>(HandshakeFailure.class);
  private final Map<DisconnectReason, LongAdder> disconnects =
      new EnumMap<>(DisconnectReason.class);

  /** Told after every connection event; tests wait on it instead of polling. */
  private volatile Runnable listener = () -> {};

  StatsCounters() {
    for (HandshakeFailure r : HandshakeFailure.values()) {
      failures.put(r, new LongAdder());
    }
    for (DisconnectReason r : DisconnectReason.values()) {
      disconnects.put(r, new LongAdder());
    }
  }

  void frameIn(int wireBytes) {
    framesIn.increment();
    bytesIn.add(wireBytes);
  }

  void frameOut(int wireBytes) {
    framesOut.increment();
    bytesOut.add(wireBytes);
  }

  void droppedQueueFull() {
    droppedQueueFull.increment();
  }

  void droppedNotConnected() {
    droppedNotConnected.increment();
  }

  void dialFailed() {
    dialFailures.increment();
    listener.run();
  }

  void handshakeCompleted() {
    handshakesCompleted.increment();
    listener.run();
  }

  void handshakeFailed(HandshakeFailure reason) {
    failures.get(reason).increment();
    listener.run();
  }

  void disconnected(DisconnectReason reason) {
    disconnects.get(reason).increment();
    listener.run();
  }

  /** Any other change a waiting test may care about (a channel opened or closed). */
  void changed() {
    listener.run();
  }

  void listener(Runnable onChange) {
    this.listener = onChange;
  }

  P2pStats snapshot(int connectedPeers, int openChannels, int pendingInbound) {
    Map<HandshakeFailure, Long> f = new EnumMap<>(HandshakeFailure.class);
    failures.forEach((k, v) -> f.put(k, v.sum()));
    Map<DisconnectReason, Long> d = new EnumMap<>(DisconnectReason.class);
    disconnects.forEach((k, v) -> d.put(k, v.sum()));
    return new P2pStats(
        framesIn.sum(),
        framesOut.sum(),
        bytesIn.sum(),
        bytesOut.sum(),
        droppedQueueFull.sum(),
        droppedNotConnected.sum(),
        dialFailures.sum(),
        handshakesCompleted.sum(),
        connectedPeers,
        openChannels,
        pendingInbound,
        f,
        d);
  }
}
