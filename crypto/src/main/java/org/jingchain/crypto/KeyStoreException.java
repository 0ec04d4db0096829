package org.jingchain.crypto;

import java.util.Objects;

/** An encrypted key store could not be written or read; {@link #reason()} says why. */
public final class KeyStoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the operation failed, for callers that react differently (e.g. ask for the password). */
  public enum Reason {
    /** The password is wrong, or the encrypted part or its bound header fields were altered. */
    WRONG_PASSWORD_OR_CORRUPT,
    /** Not a key store, or a field is missing, mistyped or inconsistent. */
    MALFORMED,
    /** A key store of a format version, KDF or cipher this build does not know. */
    UNSUPPORTED_VERSION,
    /** The file already exists; key stores are never overwritten. */
    ALREADY_EXISTS,
    /** Reading or writing the file failed. */
    IO
  }

  private final Reason reason;

  public KeyStoreException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public KeyStoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
