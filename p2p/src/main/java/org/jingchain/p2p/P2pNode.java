package org.jingchain.p2p;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jingchain.types.PublicKey;

/**
 * A node's end of the peer-to-peer network: listens, keeps dialing its peers, authenticates and
 * encrypts every connection (docs/spec/p2p.md) and carries opaque payloads. Thread-safe. One thread
 * accepts connections and a small worker group (default 2 threads) runs them; the {@link
 * MessageHandler} is called on those threads and must not block.
 */
public final class P2pNode implements AutoCloseable {
  /**
   * Failed handshakes, as bounded security lines (docs/security.md, "Security log"); the node's
   * metrics listen to it.
   */
  public org.jingchain.types.SecurityLog securityLog() {
    return context.security();
  }

  private static final int SHUTDOWN_TIMEOUT_SECONDS = 5;

  private final P2pConfig config;
  private final NodeContext context;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Dialer dialer;
  private final PeerRegistry registry;
  private final StatsCounters stats = new StatsCounters();
  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private Channel server;

  private P2pNode(P2pConfig config, PeerAuthorizer authorizer, MessageHandler handler) {
    this.config = config;
    this.boss =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("jing-p2p-accept", true), NioIoHandler.newFactory());
    this.workers =
        new MultiThreadIoEventLoopGroup(
            config.workerThreads(),
            new DefaultThreadFactory("jing-p2p", true),
            NioIoHandler.newFactory());
    PublicKey self = config.nodeKey();
    this.dialer =
        new Dialer(workers, this::isConnected, config.reconnectMin(), config.reconnectMax());
    this.registry = new PeerRegistry(self, handler, dialer::peerLost);
    this.context =
        new NodeContext(
            config,
            authorizer,
            handler,
            registry,
            stats,
            new SecureRandom(),
            new SourceLimits(config.maxPendingHandshakes()),
            java.util.concurrent.ConcurrentHashMap.newKeySet(),
            new CertificateFreshness(),
            new org.jingchain.types.SecurityLog("p2p"),
            org.jingchain.types.SecurityLog.quiet(
                "p2p", System.getLogger(PeerHandler.class.getName())));
    dialer.connector(this::connect);
  }

  /**
   * Binds the listen address, then starts dialing the configured peers.
   *
   * @throws IOException when the address cannot be bound
   */
  public static P2pNode start(P2pConfig config, PeerAuthorizer authorizer, MessageHandler handler)
      throws IOException {
    P2pNode node =
        new P2pNode(
            Objects.requireNonNull(config, "config"),
            Objects.requireNonNull(authorizer, "authorizer"),
            Objects.requireNonNull(handler, "handler"));
    node.listen();
    config.peers().forEach(node::know);
    config.peers().forEach(node.dialer::add);
    return node;
  }

  /** The address actually bound: the real port when the config asked for port 0. */
  public InetSocketAddress boundAddress() {
    return (InetSocketAddress) server.localAddress();
  }

  /**
   * The key this node's peers admit and know it by (its node key [P2P-15], else its static key).
   */
  public PublicKey publicKey() {
    return config.nodeKey();
  }

  /**
   * Queues {@code payload} for {@code peer} without blocking. False when the peer is not connected
   * or its outbound queue is full; the payload is then dropped and counted. The caller must not
   * modify {@code payload} afterwards.
   *
   * @throws IllegalArgumentException when the payload exceeds {@link P2pConfig#maxPayloadBytes()}
   */
  public boolean send(PublicKey peer, byte[] payload) {
    checkSize(payload);
    PeerConnection c = registry.get(peer).orElse(null);
    if (c == null) {
      stats.droppedNotConnected();
      return false;
    }
    return c.send(payload);
  }

  /**
   * Queues {@code payload} for every connected peer; returns how many took it. Same rules as {@link
   * #send}.
   */
  public int broadcast(byte[] payload) {
    checkSize(payload);
    int queued = 0;
    for (PeerConnection c : registry.connections()) {
      if (c.send(payload)) {
        queued++;
      }
    }
    return queued;
  }

  /** The peers with an authenticated connection now. */
  public Set<PublicKey> connectedPeers() {
    return registry.peers();
  }

  /** Adds {@code peer} to the peers this node keeps dialing (or changes its address). */
  public void dial(PeerAddress peer) {
    if (peer.key().suite() != config.identity().publicKey().suite()) {
      throw new IllegalArgumentException("peer " + peer + " is not of this node's suite");
    }
    know(peer);
    dialer.add(peer);
  }

  /**
   * [P2P-5] Remembers the peer's address: connections from it may use the pending-handshake slots
   * kept from unknown addresses. A name that does not resolve now is not remembered.
   */
  private void know(PeerAddress peer) {
    try {
      for (java.net.InetAddress a : java.net.InetAddress.getAllByName(peer.host())) {
        context.knownHosts().add(a);
      }
    } catch (java.net.UnknownHostException e) {
      // the dialer reports it; until it resolves, connections from it count as unknown
    }
  }

  /** Stops redialing {@code peer}; an open connection stays until it ends or is revoked. */
  public void stopDialing(PublicKey peer) {
    dialer.remove(peer);
  }

  /**
   * Asks the authorizer again about every connected peer and closes the connections of those it no
   * longer admits ({@link DisconnectReason#REVOKED}); call it when the validator set changes.
   */
  public void revalidatePeers() {
    for (PeerConnection c : registry.connections()) {
      if (!context.authorizer().isAllowed(c.peer())) {
        c.close(DisconnectReason.REVOKED);
      }
    }
  }

  public P2pStats stats() {
    return stats.snapshot(registry.size(), channels.size(), context.sources().pending());
  }

  /**
   * Stops accepting and dialing, flushes what is queued (for at most a few seconds), closes every
   * connection and releases the threads. Idempotent. Blocks, so never call it from a {@link
   * MessageHandler} method.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    dialer.close();
    if (server != null) {
      server.close().awaitUninterruptibly();
    }
    for (PeerConnection c : registry.close()) {
      c.closeAfterFlush(DisconnectReason.NODE_CLOSING);
    }
    var _ = workers.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    var _ = boss.shutdownGracefully(0, SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    workers
        .terminationFuture()
        .awaitUninterruptibly(2L * SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    boss.terminationFuture().awaitUninterruptibly(2L * SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Runs {@code onChange} after every connection event; lets tests wait without polling. */
  void observe(Runnable onChange) {
    stats.listener(onChange);
  }

  private void listen() throws IOException {
    ServerBootstrap b =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 128)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer(decoder -> PeerHandler.accepting(context, decoder)));
    ChannelFuture bound = b.bind(config.listenAddress()).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      close();
      throw new IOException(
          "cannot listen on " + config.listenAddress() + ": " + bound.cause().getMessage(),
          bound.cause());
    }
    server = bound.channel();
  }

  private void connect(PeerAddress peer, Dialer.Outcome outcome) {
    Bootstrap b =
        new Bootstrap()
            .group(workers)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, config.handshakeTimeout().toMillis()))
            .handler(
                initializer(decoder -> PeerHandler.dialing(context, decoder, peer.key(), outcome)));
    b.connect(peer.host(), peer.port())
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                stats.dialFailed();
                outcome.failed();
              }
            });
  }

  private ChannelInitializer<SocketChannel> initializer(
      Function<FrameDecoder, PeerHandler> handler) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        ch.closeFuture()
            .addListener(
                f -> {
                  channels.remove(ch);
                  stats.changed();
                });
        FrameDecoder decoder = new FrameDecoder();
        ch.pipeline().addLast("frames", decoder).addLast("peer", handler.apply(decoder));
      }
    };
  }

  private boolean isConnected(PublicKey peer) {
    return registry.get(peer).isPresent();
  }

  private void checkSize(byte[] payload) {
    if (payload.length > config.maxPayloadBytes()) {
      throw new IllegalArgumentException(
          "payload of " + payload.length + " bytes, limit " + config.maxPayloadBytes());
    }
  }
}
