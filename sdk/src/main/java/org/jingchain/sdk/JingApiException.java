package org.jingchain.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.jingchain.sdk.model.BatchResult;

/**
 * The node answered with an error: {@link #code()} is the API's stable error code (for example
 * {@code TX_NONCE_TOO_LOW}), {@link #httpStatus()} the HTTP status, 0 when the node was
 * unreachable.
 */
public final class JingApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;
  private final int httpStatus;
  // the client reads the error body itself (a DID resolution or a batch can come with an error)
  private final transient JsonNode body;
  private final transient BatchResult batchResult;

  public JingApiException(String code, int httpStatus, String message) {
    this(code, httpStatus, message, null, null);
  }

  JingApiException(
      String code, int httpStatus, String message, JsonNode body, BatchResult batchResult) {
    super(code + ": " + message);
    this.code = code;
    this.httpStatus = httpStatus;
    this.body = body;
    this.batchResult = batchResult;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The per-transaction results of a batch the node took only in part ({@code MEMPOOL_FULL}, HTTP
   * 429): which transactions it admitted and which to send again. Empty for any other error.
   */
  public Optional<BatchResult> batchResult() {
    return Optional.ofNullable(batchResult);
  }

  /** The node's JSON error body, when it sent one. */
  JsonNode body() {
    return body;
  }
}
