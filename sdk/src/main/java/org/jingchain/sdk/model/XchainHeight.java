package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a client holds of one committed height of its counterparty ({@code GET
 * /xchain/clients/{id}/heights/{height}}): proofs of that chain's state after the height are
 * checked against {@code stateRoot}.
 *
 * @param height the counterparty's block height
 * @param headerHash the hash of its header (hex)
 * @param stateRoot the state root after the block (hex)
 * @param timestampMillis the block's time
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record XchainHeight(
    long height, String headerHash, String stateRoot, long timestampMillis) {}
