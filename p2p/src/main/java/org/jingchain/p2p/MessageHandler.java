package org.jingchain.p2p;

import org.jingchain.types.PublicKey;

/**
 * Receives what the transport delivers. Every method runs on a network (Netty event-loop) thread
 * and must not block: hand the work to your own thread (consensus has its own event loop). {@code
 * onConnected} and {@code onDisconnected} alternate for a given peer, starting with {@code
 * onConnected}; {@code onMessage} for a peer comes between the two.
 */
public interface MessageHandler {
  /** One payload from an authenticated peer; the array is the handler's to keep. */
  void onMessage(PublicKey from, byte[] payload);

  /** The first authenticated connection to {@code peer} is up. */
  default void onConnected(PublicKey peer) {}

  /** The last connection to {@code peer} is gone. */
  default void onDisconnected(PublicKey peer) {}
}
