package org.jingchain.p2p;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jingchain.types.PublicKey;

/** A message handler that queues what it receives, for tests to take with a hang guard. */
final class RecordingHandler implements MessageHandler {
  static final Duration HANG_GUARD = Duration.ofSeconds(30);

  record Received(PublicKey from, String text) {}

  final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
  final BlockingQueue<PublicKey> connected = new LinkedBlockingQueue<>();
  final BlockingQueue<PublicKey> disconnected = new LinkedBlockingQueue<>();

  @Override
  public void onMessage(PublicKey from, byte[] payload) {
    messages.add(new Received(from, new String(payload, java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Override
  public void onConnected(PublicKey peer) {
    connected.add(peer);
  }

  @Override
  public void onDisconnected(PublicKey peer) {
    disconnected.add(peer);
  }

  /** The next message; fails the test if none comes within the hang guard. */
  Received next() throws InterruptedException {
    Received r = messages.poll(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no message within " + HANG_GUARD);
    }
    return r;
  }

  /** The next peer to connect; fails the test if none comes within the hang guard. */
  PublicKey nextConnected() throws InterruptedException {
    PublicKey p = connected.poll(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    if (p == null) {
      throw new AssertionError("no connection within " + HANG_GUARD);
    }
    return p;
  }
}
