package org.jingchain.p2p;

/** Why a handshake was refused or failed; counted in {@link P2pStats} (docs/spec/p2p.md). */
public enum HandshakeFailure {
  /** The first byte of a handshake message names a protocol version this node does not speak. */
  UNSUPPORTED_VERSION,
  /** A handshake message could not be parsed, or a frame came in the wrong place. */
  MALFORMED,
  /** The initiator is on another chain. */
  WRONG_CHAIN,
  /** The other side uses another crypto suite. */
  WRONG_SUITE,
  /** The authorizer does not admit the other side's key. */
  UNAUTHORIZED,
  /** The dialed node answered with a key other than the one we meant to reach. */
  UNEXPECTED_KEY,
  /** The other side presented this node's own key (a node dialed itself, or a replay). */
  SELF_CONNECTION,
  /** A static or ephemeral key is not a valid point of the suite, or the agreement degenerated. */
  BAD_KEY,
  /** A node certificate is not its node key's signature over the static key it came with. */
  BAD_CERTIFICATE,
  /** A node certificate older than the newest this node has seen from that node key. */
  STALE_CERTIFICATE,
  /** The confirmation frame did not decrypt: the other side did not derive the same keys. */
  BAD_CONFIRMATION,
  /** The confirmation signature does not verify with the other side's static key. */
  BAD_SIGNATURE,
  /** The handshake did not finish within the configured time. */
  TIMEOUT,
  /** A handshake frame was longer than the handshake limit. */
  OVERSIZED_FRAME,
  /** The connection closed or failed before the handshake finished. */
  CONNECTION_LOST,
  /**
   * Too many inbound connections were still in their handshake: in all, from this address, or from
   * addresses that are no configured peer's (docs/spec/p2p.md [P2P-5]).
   */
  TOO_MANY_PENDING,
  /** One address started handshakes faster than a node answers them ([P2P-5]). */
  TOO_MANY_HANDSHAKES,
  /** A bug in this node (an unexpected exception); logged with its stack trace. */
  INTERNAL_ERROR
}
