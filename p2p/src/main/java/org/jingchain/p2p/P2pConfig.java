package org.jingchain.p2p;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Limits;

/**
 * Settings of one {@link P2pNode}. Start from {@link #defaults} and change what differs with the
 * {@code with*} methods; the constructor checks every limit.
 *
 * @param identity this node's static key pair; its suite is the suite of every connection
 * @param chainId the chain both sides must be on (1..64 UTF-8 bytes)
 * @param listenAddress where to accept connections; port 0 picks a free port
 * @param peers the peers to keep dialing
 * @param maxFrameBytes the largest encrypted frame accepted or sent, length prefix excluded
 * @param maxOutboundQueueBytes per peer: frames queued but not yet written, counted on the wire
 * @param handshakeTimeout from TCP connect to both confirmations
 * @param reconnectMin first delay before redialing a lost or unreachable peer
 * @param reconnectMax the delay doubles after each failure up to this
 * @param pingInterval an empty frame is sent after this long without sending anything
 * @param idleTimeout a connection with nothing received for this long is closed
 * @param workerThreads event-loop threads for connections (one more thread accepts)
 * @param maxPendingHandshakes inbound connections allowed in their handshake at once
 * @param certificate null when {@code identity} is the node's own key; else its node key's
 *     certificate for {@code identity}, which then serves as the transport key only [P2P-15]
 */
public record P2pConfig(
    KeyPair identity,
    String chainId,
    InetSocketAddress listenAddress,
    List<PeerAddress> peers,
    int maxFrameBytes,
    long maxOutboundQueueBytes,
    Duration handshakeTimeout,
    Duration reconnectMin,
    Duration reconnectMax,
    Duration pingInterval,
    Duration idleTimeout,
    int workerThreads,
    int maxPendingHandshakes,
    NodeCertificate certificate) {
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
  public static final long DEFAULT_MAX_OUTBOUND_QUEUE_BYTES = 64L * 1024 * 1024;

  /** Smallest frame limit: a confirmation must fit, and smaller frames gain nothing. */
  public static final int MIN_FRAME_BYTES = 1024;

  /** Largest frame limit: the length prefix is read as a signed 32-bit integer. */
  public static final int MAX_FRAME_BYTES = 1 << 30;

  public P2pConfig {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(listenAddress, "listenAddress");
    peers = List.copyOf(peers);
    int chainIdBytes = chainId.getBytes(StandardCharsets.UTF_8).length;
    require(
        chainIdBytes >= 1 && chainIdBytes <= Limits.MAX_CHAIN_ID_BYTES,
        "chainId must be 1.." + Limits.MAX_CHAIN_ID_BYTES + " UTF-8 bytes, got " + chainIdBytes);
    for (PeerAddress p : peers) {
      require(
          p.key().suite() == identity.publicKey().suite(),
          "peer " + p + " is not of this node's suite " + identity.publicKey().suite());
    }
    require(
        maxFrameBytes >= MIN_FRAME_BYTES && maxFrameBytes <= MAX_FRAME_BYTES,
        "maxFrameBytes must be "
            + MIN_FRAME_BYTES
            + ".."
            + MAX_FRAME_BYTES
            + ", got "
            + maxFrameBytes);
    require(
        maxOutboundQueueBytes >= maxFrameBytes + Frames.PREFIX_BYTES,
        "maxOutboundQueueBytes must hold one largest frame ("
            + maxFrameBytes
            + " + 4 bytes), got "
            + maxOutboundQueueBytes);
    requirePositive(handshakeTimeout, "handshakeTimeout");
    requirePositive(reconnectMin, "reconnectMin");
    requirePositive(reconnectMax, "reconnectMax");
    require(reconnectMax.compareTo(reconnectMin) >= 0, "reconnectMax must be >= reconnectMin");
    requirePositive(pingInterval, "pingInterval");
    requirePositive(idleTimeout, "idleTimeout");
    require(
        idleTimeout.compareTo(pingInterval) > 0,
        "idleTimeout must be longer than pingInterval, or idle peers would be dropped");
    require(workerThreads >= 1 && workerThreads <= 64, "workerThreads must be 1..64");
    require(maxPendingHandshakes >= 1, "maxPendingHandshakes must be at least 1");
    require(
        certificate == null
            || certificate.certifies(identity.suite(), chainId, identity.publicKey()),
        "the node certificate does not certify this transport key for chain " + chainId);
  }

  /**
   * The key peers know this node by: the certified node key when there is a certificate, else the
   * static key.
   */
  public org.jingchain.types.PublicKey nodeKey() {
    return certificate == null ? identity.publicKey() : certificate.node();
  }

  /**
   * Uses {@code transport} for the handshake's key agreement, presenting {@code cert} so that peers
   * know this node by the certified key [P2P-15].
   */
  public P2pConfig withTransport(KeyPair transport, NodeCertificate cert) {
    return new P2pConfig(
        transport,
        chainId,
        listenAddress,
        peers,
        maxFrameBytes,
        maxOutboundQueueBytes,
        handshakeTimeout,
        reconnectMin,
        reconnectMax,
        pingInterval,
        idleTimeout,
        workerThreads,
        maxPendingHandshakes,
        Objects.requireNonNull(cert, "cert"));
  }

  /**
   * 16 MiB frames, 64 MiB per-peer queues, 10 s handshakes, redials between 0.5 s and 30 s, a ping
   * after 15 s of silence, idle connections closed after 45 s, 2 worker threads, 64 pending
   * handshakes; listens on every interface on a free port and dials nobody.
   */
  public static P2pConfig defaults(KeyPair identity, String chainId) {
    return new P2pConfig(
        identity,
        chainId,
        new InetSocketAddress(0),
        List.of(),
        DEFAULT_MAX_FRAME_BYTES,
        DEFAULT_MAX_OUTBOUND_QUEUE_BYTES,
        Duration.ofSeconds(10),
        Duration.ofMillis(500),
        Duration.ofSeconds(30),
        Duration.ofSeconds(15),
        Duration.ofSeconds(45),
        2,
        64,
        null);
  }

  /** The largest payload that fits in one frame. */
  public int maxPayloadBytes() {
    return maxFrameBytes - 1 - FrameCipher.TAG_BYTES;
  }

  public P2pConfig withListenAddress(InetSocketAddress address) {
    return new P2pConfig(
        identity,
        chainId,
        address,
        peers,
        maxFrameBytes,
        maxOutboundQueueBytes,
        handshakeTimeout,
        reconnectMin,
        reconnectMax,
        pingInterval,
        idleTimeout,
        workerThreads,
        maxPendingHandshakes,
        certificate);
  }

  public P2pConfig withPeers(List<PeerAddress> newPeers) {
    return new P2pConfig(
        identity,
        chainId,
        listenAddress,
        newPeers,
        maxFrameBytes,
        maxOutboundQueueBytes,
        handshakeTimeout,
        reconnectMin,
        reconnectMax,
        pingInterval,
        idleTimeout,
        workerThreads,
        maxPendingHandshakes,
        certificate);
  }

  public P2pConfig withLimits(int frameBytes, long outboundQueueBytes) {
    return new P2pConfig(
        identity,
        chainId,
        listenAddress,
        peers,
        frameBytes,
        outboundQueueBytes,
        handshakeTimeout,
        reconnectMin,
        reconnectMax,
        pingInterval,
        idleTimeout,
        workerThreads,
        maxPendingHandshakes,
        certificate);
  }

  public P2pConfig withHandshakeTimeout(Duration timeout) {
    return new P2pConfig(
        identity,
        chainId,
        listenAddress,
        peers,
        maxFrameBytes,
        maxOutboundQueueBytes,
        timeout,
        reconnectMin,
        reconnectMax,
        pingInterval,
        idleTimeout,
        workerThreads,
        maxPendingHandshakes,
        certificate);
  }

  public P2pConfig withReconnect(Duration min, Duration max) {
    return new P2pConfig(
        identity,
        chainId,
        listenAddress,
        peers,
        maxFrameBytes,
        maxOutboundQueueBytes,
        handshakeTimeout,
        min,
        max,
        pingInterval,
        idleTimeout,
        workerThreads,
        maxPendingHandshakes,
        certificate);
  }

  public P2pConfig withKeepAlive(Duration ping, Duration idle) {
    return new P2pConfig(
        identity,
        chainId,
        listenAddress,
        peers,
        maxFrameBytes,
        maxOutboundQueueBytes,
        handshakeTimeout,
        reconnectMin,
        reconnectMax,
        ping,
        idle,
        workerThreads,
        maxPendingHandshakes,
        certificate);
  }

  public P2pConfig withMaxPendingHandshakes(int pending) {
    return new P2pConfig(
        identity,
        chainId,
        listenAddress,
        peers,
        maxFrameBytes,
        maxOutboundQueueBytes,
        handshakeTimeout,
        reconnectMin,
        reconnectMax,
        pingInterval,
        idleTimeout,
        workerThreads,
        pending,
        certificate);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    require(!d.isNegative() && !d.isZero(), name + " must be positive, got " + d);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
