package org.jingchain.light;

import java.util.Objects;

/**
 * Evidence that the chain broke safety: two committed headers, each with its commit proof, that
 * cannot both be on one chain (two at one height, or a child that does not extend its committed
 * parent) [LC-7]. Only possible if more than f validators signed conflicting certificates.
 */
public final class ConflictingHeadersException extends LightClientException {
  private static final long serialVersionUID = 1L;

  private final CommittedHeader first;
  private final CommittedHeader second;

  ConflictingHeadersException(CommittedHeader first, CommittedHeader second, String message) {
    super(Reason.CONFLICT, message);
    this.first = Objects.requireNonNull(first, "first");
    this.second = Objects.requireNonNull(second, "second");
  }

  /** The committed header the client held already. */
  public CommittedHeader first() {
    return first;
  }

  /** The committed header that conflicts with it. */
  public CommittedHeader second() {
    return second;
  }
}
