package org.jingchain.p2p;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jingchain.types.PublicKey;

/**
 * The sending half of one authenticated connection: a byte-bounded outbound queue [P2P-13] in front
 * of the channel, and sealing on the channel's event loop so that nonces are used in the order the
 * frames reach the wire [P2P-6].
 */
final class PeerConnection {
  private final Session session;
  private final Channel channel;
  private final long maxQueuedBytes;
  private final StatsCounters stats;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicReference<DisconnectReason> closeReason = new AtomicReference<>();
  private boolean flushScheduled; // event loop only

  PeerConnection(Session session, Channel channel, long maxQueuedBytes, StatsCounters stats) {
    this.session = session;
    this.channel = channel;
    this.maxQueuedBytes = maxQueuedBytes;
    this.stats = stats;
  }

  Session session() {
    return session;
  }

  PublicKey peer() {
    return session.peer();
  }

  boolean initiatedLocally() {
    return session.initiatedLocally();
  }

  Channel channel() {
    return channel;
  }

  /** Bytes accepted by {@link #send} and not yet written to the socket. */
  long queuedBytes() {
    return queuedBytes.get();
  }

  /**
   * Queues {@code payload} (which the caller must not modify afterwards); false, and counted, when
   * the queue would exceed its byte limit or the connection is going away. Any thread.
   */
  boolean send(byte[] payload) {
    long wireBytes = (long) payload.length + FrameCipher.OVERHEAD_BYTES;
    if (!reserve(wireBytes)) {
      stats.droppedQueueFull();
      return false;
    }
    try {
      channel.eventLoop().execute(() -> write(FrameCipher.DATA, payload, wireBytes));
      return true;
    } catch (RejectedExecutionException e) {
      queuedBytes.addAndGet(-wireBytes);
      stats.droppedNotConnected();
      return false;
    }
  }

  /** Sends an empty frame so the peer's idle timer sees us; event loop only. */
  void ping() {
    long wireBytes = FrameCipher.OVERHEAD_BYTES;
    queuedBytes.addAndGet(wireBytes);
    write(FrameCipher.PING, new byte[0], wireBytes);
  }

  /** Closes the connection; the first reason given is the one counted. Any thread. */
  void close(DisconnectReason reason) {
    closeReason.compareAndSet(null, reason);
    var _ = channel.close();
  }

  /** Writes out what is queued, then closes; for a node shutting down. */
  void closeAfterFlush(DisconnectReason reason) {
    closeReason.compareAndSet(null, reason);
    var _ = channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  /** Why the connection closed: the reason given to {@link #close}, else the peer closed it. */
  DisconnectReason closeReason() {
    DisconnectReason r = closeReason.get();
    return r == null ? DisconnectReason.CLOSED_BY_PEER : r;
  }

  private boolean reserve(long wireBytes) {
    while (true) {
      long queued = queuedBytes.get();
      if (queued + wireBytes > maxQueuedBytes) {
        return false;
      }
      if (queuedBytes.compareAndSet(queued, queued + wireBytes)) {
        return true;
      }
    }
  }

  private void write(byte type, byte[] body, long wireBytes) {
    if (!channel.isActive()) {
      queuedBytes.addAndGet(-wireBytes);
      return;
    }
    byte[] sealed;
    try {
      sealed = session.sendCipher().seal(type, body);
    } catch (FrameException e) {
      queuedBytes.addAndGet(-wireBytes);
      close(e.reason());
      return;
    }
    stats.frameOut(Frames.PREFIX_BYTES + sealed.length);
    var _ =
        channel.write(Frames.encode(sealed)).addListener(f -> queuedBytes.addAndGet(-wireBytes));
    scheduleFlush();
  }

  /**
   * One flush after the frames already queued on the event loop, not one per frame: the flush task
   * runs after them, so a burst of sends becomes few system calls.
   */
  private void scheduleFlush() {
    if (flushScheduled) {
      return;
    }
    flushScheduled = true;
    try {
      channel
          .eventLoop()
          .execute(
              () -> {
                flushScheduled = false;
                channel.flush();
              });
    } catch (RejectedExecutionException shuttingDown) {
      flushScheduled = false;
      channel.flush();
    }
  }
}
