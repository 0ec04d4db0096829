package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer of {@code POST /transactions/batch}: one result per transaction, in order. Also the
 * body of the 429 answer when the mempool filled up part-way ({@link
 * org.jingchain.sdk.JingApiException#batchResult()}), which then has a {@code code} and {@code
 * message}.
 *
 * @param code {@code MEMPOOL_FULL} when the mempool filled up part-way, else null
 * @param message why, else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResult(
    String code, String message, int accepted, int rejected, List<SubmitResult> results) {
  public BatchResult {
    results = Copies.list(results);
  }
}
