package org.jingchain.sdk;

/**
 * The node answered with an error: {@link #code()} is the API's stable error code (for example
 * {@code TX_NONCE_TOO_LOW}), {@link #httpStatus()} the HTTP status, 0 when the node was
 * unreachable.
 */
public final class JingApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;
  private final int httpStatus;

  public JingApiException(String code, int httpStatus, String message) {
    super(code + ": " + message);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
