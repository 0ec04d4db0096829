package org.jingchain.vc;

import java.util.Optional;

/**
 * Where a verifier reads the chain's state: DID records, schemas, trust entries and status-list
 * pages, by state key. The SDK's implementation checks every answer against a certified header with
 * a Merkle proof (trusting nothing the node says); tests use a map.
 */
@FunctionalInterface
public interface ChainView {
  /**
   * The committed value at {@code key}, or empty when the key is absent.
   *
   * @throws VcException with {@link VcException.Reason#CHAIN_UNVERIFIED} when the answer could not
   *     be obtained or verified
   */
  Optional<byte[]> read(String key) throws VcException;
}
