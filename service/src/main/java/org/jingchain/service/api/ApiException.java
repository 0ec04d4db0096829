package org.jingchain.service.api;

/**
 * A request failed with a stable code; rendered as {@code {code, message}} with the code's status.
 */
public final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  public ApiException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
