package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An EVM account ({@code GET /evm/accounts/{address}}).
 *
 * @param address the 0x address
 * @param account the same account as a ji…/js… address
 * @param code the contract's code (0x-hex)
 * @param evmChainId the chain's EVM chain id (CHAINID)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvmAccount(
    String address,
    String account,
    long nonce,
    int codeSize,
    String codeHash,
    String code,
    long evmChainId) {}
