package org.jingchain.p2p;

import org.jingchain.types.PublicKey;

/**
 * Decides which keys may connect; consulted at every handshake, so it may change over time (the
 * validator set does). Called on a network thread: it must be fast and must not block.
 */
@FunctionalInterface
public interface PeerAuthorizer {
  boolean isAllowed(PublicKey peer);
}
