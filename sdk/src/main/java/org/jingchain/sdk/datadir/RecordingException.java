package org.jingchain.sdk.datadir;

import java.util.Objects;

/**
 * Recording an access failed: the chain {@linkplain Kind#REFUSED refused} it (the transaction
 * committed and failed; {@link #code()} is the contract's code, e.g. {@code DD_EXISTS}) or it was
 * {@linkplain Kind#UNAVAILABLE not possible} (node unreachable, submission rejected, no commit in
 * time; {@link #code()} is the node client's code).
 */
public final class RecordingException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Whether the chain said no, or could not be asked. */
  public enum Kind {
    REFUSED,
    UNAVAILABLE
  }

  private final Kind kind;
  private final String code;

  private RecordingException(Kind kind, String code, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The recording transaction committed but failed with the contract's {@code code}. */
  public static RecordingException refused(String code, String message) {
    return new RecordingException(Kind.REFUSED, code, message, null);
  }

  /** The recording could not be submitted or did not commit. */
  public static RecordingException unavailable(String code, String message, Throwable cause) {
    return new RecordingException(Kind.UNAVAILABLE, code, message, cause);
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }
}
