package org.jingchain.p2p;

import java.util.Objects;

/** A handshake was refused or failed, for a typed {@link HandshakeFailure reason}. */
final class HandshakeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final HandshakeFailure reason;

  HandshakeException(HandshakeFailure reason, String detail) {
    super(reason + ": " + detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  HandshakeFailure reason() {
    return reason;
  }
}
