package org.jingchain.sdk.datadir;

/**
 * Why an access token was refused: one {@link Reason}, checked in the order of
 * docs/spec/datadir-access.md [DDA-2].
 */
public final class AccessTokenException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The typed reasons, in the order {@link AccessTokens#verify} checks them. */
  public enum Reason {
    /** Longer than {@link AccessTokens#MAX_TOKEN_CHARS}; refused before parsing. */
    OVERSIZED,
    /** Not a compact JWS with JSON header and claims of the required forms. */
    MALFORMED,
    /** The header's {@code typ} is not {@code jing-access+jwt}. */
    BAD_TYPE,
    /** An algorithm we do not accept (none, HMAC, …) or one that does not fit the key. */
    BAD_ALG,
    /** Made for another data server ({@code aud}). */
    WRONG_AUDIENCE,
    /** Made for another chain ({@code chain}). */
    WRONG_CHAIN,
    /** {@code exp} is not after {@code iat}, or further after it than the verifier allows. */
    TOO_LONG_LIVED,
    /** {@code iat} is in the future (beyond the allowed skew). */
    NOT_YET_VALID,
    /** {@code exp} has passed (beyond the allowed skew). */
    EXPIRED,
    /** The requester's DID does not exist on chain. */
    UNKNOWN_DID,
    /** The requester's DID is deactivated. */
    DEACTIVATED,
    /** {@code kid} is not a current authentication key of the requester (rotated, removed). */
    UNKNOWN_KEY,
    /** The signature does not verify with the key: tampered, or signed by another key. */
    BAD_SIGNATURE,
    /** A chain read could not be made or verified; the token may be fine. */
    CHAIN_UNVERIFIED
  }

  private final Reason reason;
  private final String detail;

  public AccessTokenException(Reason reason, String detail) {
    super(reason + ": " + detail);
    this.reason = reason;
    this.detail = detail;
  }

  public AccessTokenException(Reason reason, String detail, Throwable cause) {
    super(reason + ": " + detail, cause);
    this.reason = reason;
    this.detail = detail;
  }

  public Reason reason() {
    return reason;
  }

  /** The explanation without the reason's name (what an API error body shows as its message). */
  public String detail() {
    return detail;
  }
}
