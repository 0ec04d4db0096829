package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One transaction's result in a batch ({@code POST /transactions/batch}): admitted with its hash,
 * or rejected with the API's error code and a message.
 *
 * @param hash the transaction's hash (hex) when admitted, else null
 * @param status {@code pending} (admitted) or {@code rejected}
 * @param code the error code (as in docs/api.md) when rejected, else null
 * @param message why it was rejected, else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmitResult(String hash, String status, String code, String message) {
  /** Whether the node admitted the transaction to its mempool. */
  public boolean admitted() {
    return "pending".equals(status);
  }
}
