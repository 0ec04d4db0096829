package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A block header as the API shows it ({@code GET /blocks}, and in every block).
 *
 * @param round the consensus round in which the block was proposed
 * @param hash the block's hash (hex)
 * @param proposer the proposing validator's address
 * @param stateRoot the state root after the parent block (hex): the root of version {@code height -
 *     1}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Header(
    long height,
    long round,
    String hash,
    String parentHash,
    long timestampMillis,
    String proposer,
    String txRoot,
    int txCount,
    String stateRoot,
    String resultsRoot) {}
