package org.jingchain.light;

import java.util.Objects;

/**
 * Why a light client refused a header, a certificate, a state proof or an epoch change: a stable
 * {@link Reason} for programs and a message for people.
 */
public class LightClientException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Stable codes; each names the first check that failed. */
  public enum Reason {
    /** A header or certificate names another chain. */
    WRONG_CHAIN,
    /** The certificate is for another block: its block hash is not the header's hash. */
    HASH_MISMATCH,
    /** The certificate's round is not the header's round. */
    ROUND_MISMATCH,
    /** The certificate's height is not the header's height. */
    HEIGHT_MISMATCH,
    /** Fewer distinct validators signed than a quorum (n - f). */
    BELOW_QUORUM,
    /** One validator index appears twice in a row. */
    DUPLICATE_SIGNER,
    /** Signer indices are not in strictly increasing order. */
    UNORDERED_SIGNERS,
    /** A signer index is not a validator of the set in force at that height. */
    UNKNOWN_SIGNER,
    /** A signature does not verify under its validator's key. */
    BAD_SIGNATURE,
    /**
     * The commit proof's child is not a child of the header, or a header above the child is not a
     * child of the one before it (parent hash or height).
     */
    NOT_A_CHILD,
    /**
     * The certified header's round is not its parent's round + 1 (for a direct proof: the child's
     * round is not the header's round + 1), so the two-chain rule does not apply.
     */
    NOT_CONSECUTIVE,
    /**
     * Below what the client already holds: an older height, a height below the oldest epoch kept,
     * or an epoch change out of order or below a committed header held.
     */
    STALE,
    /** Two committed headers that cannot both be on the chain: a safety violation. */
    CONFLICT,
    /** The state proof does not verify against the committed state root. */
    BAD_STATE_PROOF,
    /**
     * The proven value of {@code gov/validators} is not a validator set of the chain's suite, or is
     * the set already in force, so the block ended no epoch.
     */
    BAD_VALIDATOR_CHANGE
  }

  private final Reason reason;

  public LightClientException(Reason reason, String message) {
    super(reason + ": " + Objects.requireNonNull(message, "message"));
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
