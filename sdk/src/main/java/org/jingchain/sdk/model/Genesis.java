package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The answer of {@code GET /genesis}: what a verifier needs of the chain's genesis.
 *
 * @param validators the epoch-0 validators' public keys ({@code <suite>:<hex>}), in index order
 * @param genesisBlockHash block 0's hash (hex)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Genesis(
    String chainId,
    String suite,
    long timestampMillis,
    List<String> validators,
    String genesisBlockHash) {
  public Genesis {
    validators = Copies.list(validators);
  }
}
