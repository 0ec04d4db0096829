package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Packet keys of one kind with their Merkle proofs at one state version ({@code GET
 * /xchain/proofs/{kind}/{client}}), what a relayer sends the other chain.
 *
 * @param kind {@code commit}, {@code receipt} or {@code ack}
 * @param client the client whose keys these are
 * @param version the state version read
 * @param proofs one read per sequence asked, in the order asked (a null value proves absence)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record XchainProofs(String kind, String client, long version, List<StateRead> proofs) {
  public XchainProofs {
    proofs = Copies.list(proofs);
  }
}
