package org.jingchain.light;

import java.util.Objects;
import org.jingchain.consensus.SignatureVerifier;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.types.HashFunction;

/**
 * What a light client trusts without proof: the chain's id, its genesis validators and its suite's
 * hash and signature verification [LC-1].
 *
 * @param chainId the chain every header and certificate must name
 * @param validators the genesis validators: epoch 0, which certifies heights from 1 until the first
 *     epoch change the client follows [LC-8]
 * @param hash the suite's hash (SHA-256 or SM3): block hashes and state proofs
 * @param verifier the suite's signature verification (Ed25519 or SM2)
 */
public record TrustedValidators(
    String chainId, ValidatorSet validators, HashFunction hash, SignatureVerifier verifier) {
  public TrustedValidators {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(validators, "validators");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(verifier, "verifier");
  }
}
