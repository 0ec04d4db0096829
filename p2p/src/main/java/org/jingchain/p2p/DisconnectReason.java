package org.jingchain.p2p;

/** Why an authenticated connection ended; counted in {@link P2pStats} (docs/spec/p2p.md). */
public enum DisconnectReason {
  /** The other side closed the connection. */
  CLOSED_BY_PEER,
  /** The socket failed (reset, broken pipe). */
  IO_ERROR,
  /** A frame's length prefix was above the maximum frame size. */
  FRAME_TOO_LARGE,
  /** A frame did not decrypt (tampered, reordered, replayed, or not ours). */
  UNDECRYPTABLE,
  /** A frame decrypted to an unknown or misplaced frame type. */
  MALFORMED_FRAME,
  /** The direction's frame or byte budget for one key was used up; a reconnect brings new keys. */
  KEY_USAGE_LIMIT,
  /** Nothing arrived, not even a ping, within the idle timeout. */
  IDLE_TIMEOUT,
  /** Another connection to the same peer was kept instead of this one. */
  DUPLICATE,
  /** The authorizer no longer admits the peer. */
  REVOKED,
  /** This node is shutting down. */
  NODE_CLOSING,
  /** A bug in this node (an unexpected exception); logged with its stack trace. */
  INTERNAL_ERROR
}
