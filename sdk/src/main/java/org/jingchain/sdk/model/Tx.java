package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A signed transaction as the API shows it (in blocks and transaction lookups).
 *
 * @param hash the transaction's hash (hex)
 * @param sender the sender's address
 * @param senderKey the sender's public key bytes (hex)
 * @param args the call's canonical arguments (hex)
 * @param signature the signature (hex)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tx(
    String hash,
    String chainId,
    String sender,
    String senderKey,
    long nonce,
    long expiresAtMillis,
    String contract,
    String method,
    String args,
    String signature) {}
