package org.jingchain.p2p;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of a node's transport counters, all counted since start.
 *
 * @param framesIn frames received, handshake frames included
 * @param framesOut frames written, handshake and ping frames included
 * @param bytesIn bytes received in whole frames, length prefixes included
 * @param bytesOut bytes of frames handed to the socket, length prefixes included
 * @param droppedQueueFull payloads refused because the peer's outbound queue was full
 * @param droppedNotConnected payloads refused because the peer was not connected
 * @param dialFailures outbound TCP connects that failed (refused, unreachable, timed out)
 * @param handshakesCompleted connections that finished the handshake, in either role
 * @param connectedPeers peers with an authenticated connection now
 * @param openChannels TCP connections open now, in or past their handshake
 * @param pendingInbound accepted connections still in their handshake now
 * @param handshakeFailures failed handshakes by reason (every reason present, zero or more)
 * @param disconnects ended authenticated connections by reason (every reason present)
 */
public record P2pStats(
    long framesIn,
    long framesOut,
    long bytesIn,
    long bytesOut,
    long droppedQueueFull,
    long droppedNotConnected,
    long dialFailures,
    long handshakesCompleted,
    int connectedPeers,
    int openChannels,
    int pendingInbound,
    Map<HandshakeFailure, Long> handshakeFailures,
    Map<DisconnectReason, Long> disconnects) {
  public P2pStats {
    handshakeFailures = Collections.unmodifiableMap(new EnumMap<>(handshakeFailures));
    disconnects = Collections.unmodifiableMap(new EnumMap<>(disconnects));
  }

  /** Failed handshakes with {@code reason}. */
  public long failures(HandshakeFailure reason) {
    return handshakeFailures.getOrDefault(reason, 0L);
  }

  /** Ended connections with {@code reason}. */
  public long disconnectsFor(DisconnectReason reason) {
    return disconnects.getOrDefault(reason, 0L);
  }
}
