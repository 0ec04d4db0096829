package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A fungible token ({@code GET /assets/{symbol}}).
 *
 * @param issuer the issuer's address
 * @param supply what is minted, in the smallest unit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Token(String symbol, String name, String issuer, int decimals, long supply) {}
