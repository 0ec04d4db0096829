package org.jingchain.vc;

/**
 * Why a credential or presentation was refused, or could not be made. Every refusal names one
 * {@link Reason}; docs/spec/credentials.md lists them with the check that produces each.
 */
public final class VcException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The typed reasons, in the order the verifier checks them. */
  public enum Reason {
    /** Not a JWT, SD-JWT or VP-JWT we understand; a required claim missing or of the wrong type. */
    MALFORMED,
    /** The header names an algorithm we do not accept, or one that does not fit the key. */
    UNSUPPORTED_ALGORITHM,
    /** The issuer's DID does not exist on chain. */
    ISSUER_NOT_FOUND,
    /** The issuer's DID is deactivated. */
    ISSUER_DEACTIVATED,
    /**
     * The key named by {@code kid} is not an assertion key of the issuer (removed or never there).
     */
    UNKNOWN_KEY,
    /**
     * The signature does not verify with the issuer's key: a tampered credential or a wrong key.
     */
    BAD_SIGNATURE,
    /** The credential is not valid yet ({@code validFrom} / {@code nbf} in the future). */
    NOT_YET_VALID,
    /** The credential expired ({@code validUntil} / {@code exp} passed). */
    EXPIRED,
    /** The credential's schema is not registered on chain. */
    SCHEMA_NOT_FOUND,
    /** The issuer is not trusted for the credential's schema in the on-chain trust registry. */
    UNTRUSTED_ISSUER,
    /** The registered schema is not a usable JSON Schema (or refers to remote documents). */
    SCHEMA_INVALID,
    /** The claims do not satisfy the schema. */
    SCHEMA_MISMATCH,
    /**
     * A status entry is malformed or points to a list that does not exist or is not the issuer's.
     */
    STATUS_INVALID,
    /** The credential's bit is set in its issuer's revocation list. */
    REVOKED,
    /** The credential's bit is set in its issuer's suspension list. */
    SUSPENDED,
    /** A disclosure is malformed, repeated, or not committed to by the issuer's signature. */
    DISCLOSURE_INVALID,
    /**
     * The holder's proof of possession is missing or wrong: key binding JWT / presentation
     * signature, audience, nonce, freshness or the hash over the disclosures.
     */
    HOLDER_BINDING,
    /** The chain's answer could not be verified (proof or certificate did not check out). */
    CHAIN_UNVERIFIED
  }

  private final Reason reason;

  public VcException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public VcException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
