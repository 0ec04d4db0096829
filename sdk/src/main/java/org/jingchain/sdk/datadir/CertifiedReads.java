package org.jingchain.sdk.datadir;

/**
 * Where a data server reads the chain: one {@link ChainSnapshot} per request, so all of its reads
 * are at one certified height [DDA-8]. {@link CertifiedChain} is the real one; tests fake it.
 */
@FunctionalInterface
public interface CertifiedReads {
  /**
   * The state at the latest height the chain's validators certified.
   *
   * @throws ChainUnavailableException when the node cannot be reached or its answer does not verify
   */
  ChainSnapshot snapshot() throws ChainUnavailableException;
}
