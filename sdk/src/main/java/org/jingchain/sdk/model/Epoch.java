package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A validator-set change by governance ({@code GET /epochs}; docs/spec/governance.md section 3):
 * the new set, the height it certifies from, and what a light client needs to follow into it.
 *
 * @param epoch 1 for the first change, then one more per change
 * @param firstHeight the first height this epoch's validators certify
 * @param lastHeightBefore the last block of the previous epoch: the block whose execution changed
 *     the validators (its certificate carries the commit proof)
 * @param validators public keys ({@code <suite>:<hex>}), in index order
 * @param validatorsValue the {@code gov/validators} value after {@code lastHeightBefore} (hex), or
 *     null when the node has no record of it
 * @param validatorsProof its sparse Merkle proof against that block's state root (hex), or null
 *     likewise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Epoch(
    long epoch,
    long firstHeight,
    long lastHeightBefore,
    List<String> validators,
    String validatorsValue,
    String validatorsProof) {
  public Epoch {
    validators = Copies.list(validators);
  }
}
