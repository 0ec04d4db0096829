package org.jingchain.sdk.datadir;

/**
 * The chain could not be read or written: the node is unreachable, its answer did not verify, or a
 * transaction did not commit in time. {@link #code()} is the node client's code (for example {@code
 * UNREACHABLE}, {@code PROOF_INVALID}, {@code TIMEOUT}).
 */
public final class ChainUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String code;

  public ChainUnavailableException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
