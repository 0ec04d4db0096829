package org.jingchain.p2p;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jingchain.types.PublicKey;

/**
 * One TCP connection's protocol state on its event loop: the handshake in either role, then
 * decryption and delivery of the peer's frames. Any protocol error closes this connection only,
 * with a typed reason, and the node carries on serving the others [P2P-11].
 */
final class PeerHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(PeerHandler.class.getName());

  private enum State {
    AWAIT_HELLO,
    AWAIT_RESPONSE,
    AWAIT_CONFIRM,
    ESTABLISHED,
    CLOSED
  }

  private final NodeContext node;
  private final FrameDecoder decoder;
  private final HandshakeInitiator initiator; // null when accepted
  private final Dialer.Outcome dialOutcome; // null when accepted
  private State state;
  private AwaitingConfirm awaiting;
  private PublicKey keyedPeer; // set from the key exchange until the handshake ends
  private PeerConnection connection;
  private ScheduledFuture<?> handshakeTimer;
  private boolean holdsPendingSlot;
  private java.net.InetAddress source;
  private boolean sourceKnown;

  private PeerHandler(
      NodeContext node,
      FrameDecoder decoder,
      HandshakeInitiator initiator,
      Dialer.Outcome dialOutcome) {
    this.node = node;
    this.decoder = decoder;
    this.initiator = initiator;
    this.dialOutcome = dialOutcome;
  }

  /** For a connection this node accepted. */
  static PeerHandler accepting(NodeContext node, FrameDecoder decoder) {
    return new PeerHandler(node, decoder, null, null);
  }

  /** For a connection this node dialed to reach {@code peer}. */
  static PeerHandler dialing(
      NodeContext node, FrameDecoder decoder, PublicKey peer, Dialer.Outcome outcome) {
    P2pConfig c = node.config();
    HandshakeInitiator initiator =
        new HandshakeInitiator(
            c.identity(), c.certificate(), c.chainId(), peer, node.authorizer(), node.random());
    return new PeerHandler(node, decoder, initiator, outcome);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    long timeoutMillis = node.config().handshakeTimeout().toMillis();
    handshakeTimer =
        ctx.executor()
            .schedule(
                () ->
                    fail(ctx, HandshakeFailure.TIMEOUT, "no handshake in " + timeoutMillis + " ms"),
                timeoutMillis,
                TimeUnit.MILLISECONDS);
    if (initiator != null) {
      state = State.AWAIT_RESPONSE;
      byte[] hello = initiator.hello();
      var _ = ctx.writeAndFlush(Frames.encode(hello));
      node.stats().frameOut(Frames.PREFIX_BYTES + hello.length);
    } else {
      state = State.AWAIT_HELLO;
      // a channel with no IP peer (a test's embedded channel) counts as one loopback source
      source =
          ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a
              ? a.getAddress()
              : java.net.InetAddress.getLoopbackAddress();
      sourceKnown = node.knownHosts().contains(source);
      SourceLimits.Refusal refused = node.sources().acquire(source, sourceKnown, System.nanoTime());
      if (refused == null) {
        holdsPendingSlot = true;
      } else {
        fail(
            ctx,
            refused == SourceLimits.Refusal.RATE
                ? HandshakeFailure.TOO_MANY_HANDSHAKES
                : HandshakeFailure.TOO_MANY_PENDING,
            switch (refused) {
              case RATE ->
                  source.getHostAddress()
                      + " started more than "
                      + (int) SourceLimits.HANDSHAKES_PER_SECOND
                      + " handshakes a second";
              case PER_SOURCE ->
                  source.getHostAddress()
                      + " already holds "
                      + node.sources().perSource()
                      + " pending handshakes";
              case UNKNOWN_SOURCES ->
                  "addresses that are no configured peer's hold their share of "
                      + node.sources().unknownShare()
                      + " pending handshakes";
              case TOTAL -> "over " + node.config().maxPendingHandshakes() + " pending handshakes";
            });
      }
      node.stats().changed();
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    byte[] frame = (byte[]) msg;
    node.stats().frameIn(Frames.PREFIX_BYTES + frame.length);
    try {
      switch (state) {
        case AWAIT_HELLO -> keyed(ctx, responder().onHello(frame));
        case AWAIT_RESPONSE -> keyed(ctx, initiator.onResponse(frame));
        case AWAIT_CONFIRM -> establish(ctx, awaiting.onConfirm(frame));
        case ESTABLISHED -> onFrame(frame);
        case CLOSED -> {}
      }
    } catch (HandshakeException e) {
      fail(ctx, e.reason(), e.getMessage());
    } catch (FrameException e) {
      connection.close(e.reason());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (state == State.ESTABLISHED) {
      state = State.CLOSED;
      DisconnectReason reason = connection.closeReason();
      LOG.log(Level.INFO, "p2p disconnected from {0} ({1})", connection.peer(), reason);
      node.registry().unregister(connection);
      node.stats().disconnected(reason);
    } else {
      fail(ctx, HandshakeFailure.CONNECTION_LOST, "closed during the handshake");
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c =
        cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    boolean bug = !(c instanceof FrameException || c instanceof IOException);
    if (bug) {
      LOG.log(Level.WARNING, "p2p connection " + ctx.channel() + " hit an unexpected error", c);
    }
    if (state == State.ESTABLISHED) {
      DisconnectReason reason;
      if (c instanceof FrameException f) {
        reason = f.reason();
      } else {
        reason = bug ? DisconnectReason.INTERNAL_ERROR : DisconnectReason.IO_ERROR;
      }
      connection.close(reason);
    } else if (c instanceof FrameException) {
      fail(ctx, HandshakeFailure.OVERSIZED_FRAME, c.getMessage()); // the only frame error here
    } else {
      HandshakeFailure reason =
          bug ? HandshakeFailure.INTERNAL_ERROR : HandshakeFailure.CONNECTION_LOST;
      fail(ctx, reason, c.toString());
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent idle && state == State.ESTABLISHED) {
      if (idle.state() == IdleState.READER_IDLE) {
        connection.close(DisconnectReason.IDLE_TIMEOUT);
      } else if (idle.state() == IdleState.WRITER_IDLE) {
        connection.ping();
      }
    }
    ctx.fireUserEventTriggered(evt);
  }

  private HandshakeResponder responder() {
    P2pConfig c = node.config();
    return new HandshakeResponder(
        c.identity(), c.certificate(), c.chainId(), node.authorizer(), node.random());
  }

  /** Both ephemeral keys are known: write what the handshake side has ready, await the peer. */
  private void keyed(ChannelHandlerContext ctx, AwaitingConfirm next) {
    NodeCertificate cert = next.peerCertificate();
    if (cert != null && !node.certificates().admit(cert)) {
      fail(
          ctx,
          HandshakeFailure.STALE_CERTIFICATE,
          "certificate of "
              + cert.node()
              + " issued at "
              + cert.issuedAtMillis()
              + " is older than one seen from it");
      return;
    }
    awaiting = next;
    state = State.AWAIT_CONFIRM;
    keyedPeer = next.peer();
    node.registry().handshakeKeyed(keyedPeer, this);
    for (byte[] frame : next.toSend()) {
      var _ = ctx.write(Frames.encode(frame));
      node.stats().frameOut(Frames.PREFIX_BYTES + frame.length);
    }
    ctx.flush();
  }

  private void establish(ChannelHandlerContext ctx, Session session) {
    awaiting = null;
    state = State.ESTABLISHED;
    P2pConfig c = node.config();
    decoder.maxFrameBytes(c.maxFrameBytes());
    connection =
        new PeerConnection(session, ctx.channel(), c.maxOutboundQueueBytes(), node.stats());
    ctx.pipeline()
        .addBefore(
            ctx.name(),
            "idle",
            new IdleStateHandler(
                c.idleTimeout().toMillis(), c.pingInterval().toMillis(), 0, TimeUnit.MILLISECONDS));
    LOG.log(
        Level.INFO,
        "p2p connected to {0} at {1} ({2})",
        session.peer(),
        ctx.channel().remoteAddress(),
        session.initiatedLocally() ? "dialed" : "accepted");
    Optional<DisconnectReason> refused = node.registry().register(connection);
    endHandshake(); // after registering, so that a held-back disconnect is not reported
    node.stats().handshakeCompleted(); // after registering: waiting tests then see the peer
    if (dialOutcome != null) {
      dialOutcome.established();
    }
    refused.ifPresent(connection::close);
  }

  private void onFrame(byte[] sealed) throws FrameException {
    FrameCipher.Frame frame = connection.session().receiveCipher().open(sealed);
    switch (frame.type()) {
      case FrameCipher.DATA -> deliver(frame.body());
      case FrameCipher.PING -> {}
      default ->
          throw new FrameException(
              DisconnectReason.MALFORMED_FRAME, "frame type " + frame.type() + " after handshake");
    }
  }

  private void deliver(byte[] payload) {
    if (!node.registry().isCurrent(connection)) {
      return; // a duplicate about to close; its peer now talks on the kept connection
    }
    try {
      node.handler().onMessage(connection.peer(), payload);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "p2p message handler failed on a message of " + connection.peer(), e);
    }
  }

  /** Ends the handshake as failed: counted, logged in one line, connection closed. */
  private void fail(ChannelHandlerContext ctx, HandshakeFailure reason, String detail) {
    if (state == State.CLOSED || state == State.ESTABLISHED) {
      return;
    }
    state = State.CLOSED;
    endHandshake();
    // one bounded line per reason and address a minute, whatever a hostile source sends; a
    // dropped or slow connection, or a node dialing itself, is no attack: INFO, not counted
    boolean benign =
        reason == HandshakeFailure.CONNECTION_LOST
            || reason == HandshakeFailure.TIMEOUT
            || reason == HandshakeFailure.SELF_CONNECTION;
    (benign ? node.connections() : node.security())
        .note(
            reason.name(),
            ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a
                ? a.getAddress().getHostAddress()
                : String.valueOf(ctx.channel().remoteAddress()),
            "handshake failed: " + detail);
    node.stats().handshakeFailed(reason); // after the note: tests waiting on the count see both
    if (dialOutcome != null) {
      dialOutcome.failed();
    }
    var _ = ctx.close();
  }

  private void endHandshake() {
    if (handshakeTimer != null) {
      handshakeTimer.cancel(false);
    }
    if (keyedPeer != null) {
      node.registry().handshakeEnded(keyedPeer, this);
      keyedPeer = null;
    }
    if (holdsPendingSlot) {
      holdsPendingSlot = false;
      node.sources().release(source, sourceKnown);
    }
  }
}
