package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A voucher collectible ({@code GET /xchain/nfts/{id}?class=}): a collectible of another chain,
 * held here under its class trace.
 *
 * @param classTrace {@code <client>/asset}: the client it came through
 * @param id the collectible's id, as on its home chain
 * @param owner its owner on this chain
 * @param digest its metadata digest, hex, as on its home chain
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record XchainNft(String classTrace, String id, String owner, String digest) {}
