package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One storage slot of a contract ({@code GET /evm/accounts/{address}/storage/{slot}}).
 *
 * @param stateKey the state key holding it: a state read of that key with a proof proves it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvmSlot(String address, String slot, String value, String stateKey) {}
