package org.jingchain.p2p;

import java.util.Objects;

/** A frame was refused (too large, undecryptable, malformed) or a key's budget ran out. */
final class FrameException extends Exception {
  private static final long serialVersionUID = 1L;

  private final DisconnectReason reason;

  FrameException(DisconnectReason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  DisconnectReason reason() {
    return reason;
  }
}
