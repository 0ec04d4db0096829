package org.jingchain.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The node answered with an error: {@link #code()} is the API's stable error code (for example
 * {@code TX_NONCE_TOO_LOW}), {@link #httpStatus()} the HTTP status, 0 when the node was
 * unreachable.
 */
public final class JingApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;
  private final int httpStatus;
  private final transient JsonNode body;

  public JingApiException(String code, int httpStatus, String message) {
    this(code, httpStatus, message, null);
  }

  public JingApiException(String code, int httpStatus, String message, JsonNode body) {
    super(code + ": " + message);
    this.code = code;
    this.httpStatus = httpStatus;
    this.body = body;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The node's JSON answer, when there was one. */
  public JsonNode body() {
    return body;
  }
}
