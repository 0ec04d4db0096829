package org.jingchain.types;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The signed part of a transaction. {@code nonce} stops replay within a chain, {@code chainId}
 * across chains, and {@code expiresAtMillis} (compared with the block timestamp) bounds how long it
 * may wait in a mempool.
 */
public record TxBody(
    String chainId, PublicKey sender, long nonce, long expiresAtMillis, Call call) {
  public TxBody {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(call, "call");
    int n = chainId.getBytes(StandardCharsets.UTF_8).length;
    if (n == 0 || n > Limits.MAX_CHAIN_ID_BYTES) {
      throw new IllegalArgumentException(
          "chainId must be 1.." + Limits.MAX_CHAIN_ID_BYTES + " bytes");
    }
    if (nonce < 0 || expiresAtMillis < 0) {
      throw new IllegalArgumentException("nonce and expiry must be non-negative");
    }
  }
}
