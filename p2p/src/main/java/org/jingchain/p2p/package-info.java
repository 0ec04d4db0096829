/**
 * Authenticated, encrypted, message-oriented transport between nodes (docs/spec/p2p.md).
 *
 * <p>{@link org.jingchain.p2p.P2pNode} is the entry point: it listens, dials the configured peers,
 * runs a handshake that authenticates both sides with their suite keys and agrees on per-direction
 * AEAD keys, and then carries opaque payloads. What the payloads mean is the business of the code
 * above it (consensus, gossip, block sync).
 */
package org.jingchain.p2p;
