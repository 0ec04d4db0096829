package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A digital collectible ({@code GET /nfts/{id}}).
 *
 * @param owner the owner's address
 * @param creator the minter's address
 * @param digest the metadata digest recorded at minting (hex)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Nft(String id, String owner, String creator, String digest) {}
