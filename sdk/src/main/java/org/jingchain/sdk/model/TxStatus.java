package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a transaction stands ({@code GET /transactions/{hash}}): pending in the mempool, or
 * committed with its block and receipt.
 *
 * @param hash the transaction's hash (hex)
 * @param status {@code pending} or {@code committed}
 * @param height the block's height once committed, else null
 * @param index its position in the block once committed, else null
 * @param blockHash the block's hash (hex) once committed, else null
 * @param receipt its receipt once committed, else null
 * @param tx the transaction itself
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TxStatus(
    String hash,
    String status,
    Long height,
    Integer index,
    String blockHash,
    Receipt receipt,
    Tx tx) {
  /** Whether the transaction is in a committed block (then it has a receipt). */
  public boolean committed() {
    return "committed".equals(status);
  }
}
