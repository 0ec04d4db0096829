package org.jingchain.execution;

/**
 * A transaction failed for a reason its sender can act on (insufficient balance, unauthorised mint,
 * …). It becomes a failed receipt with {@link #code()}; it never escapes the executor.
 */
public final class ExecutionFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final String code;

  public ExecutionFailure(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
