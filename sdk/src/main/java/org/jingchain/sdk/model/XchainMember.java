package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A member chain in a hub's registry ({@code GET /xchain/members/{chainId}}; docs/spec/xchain.md
 * section 6).
 *
 * @param chainId the member's chain id: what routed transfers name ({@code --forward-to})
 * @param suite its crypto suite, {@code intl} or {@code sm}
 * @param genesisHash the hash of its genesis block (hex), as registered
 * @param client the hub's client of the member
 * @param operators the organisations that run it, as registered
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record XchainMember(
    String chainId, String suite, String genesisHash, String client, List<String> operators) {
  public XchainMember {
    operators = Copies.list(operators);
  }
}
