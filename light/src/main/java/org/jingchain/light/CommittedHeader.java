package org.jingchain.light;

import org.jingchain.consensus.CommitProof;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;

/**
 * A header proven committed by the two-chain rule [LC-3], with the state its height produced
 * [LC-4]; only a {@link LightClient} makes one, so holding it means the check passed.
 */
public final class CommittedHeader {
  private final BlockHeader header;
  private final Hash hash;
  private final CommitProof proof;

  CommittedHeader(BlockHeader header, Hash hash, CommitProof proof) {
    this.header = header;
    this.hash = hash;
    this.proof = proof;
  }

  public BlockHeader header() {
    return header;
  }

  /** The block hash: the suite hash of the header's canonical encoding. */
  public Hash hash() {
    return hash;
  }

  /**
   * The child and the certificate that commit this header: the child one round later, or for an
   * epoch's last block the headers above the child up to a certified pair [LC-3].
   */
  public CommitProof proof() {
    return proof;
  }

  public String chainId() {
    return header.chainId();
  }

  public long height() {
    return header.height();
  }

  /**
   * The state root after executing blocks 0..{@link #height()}: the child's {@code stateRoot}. Not
   * {@code header().stateRoot()}, which is the state of the height below [LC-4].
   */
  public Hash stateRoot() {
    return proof.childHeader().stateRoot();
  }

  /** The root of this height's receipts: the child's {@code resultsRoot} [LC-4]. */
  public Hash resultsRoot() {
    return proof.childHeader().resultsRoot();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommittedHeader c && header.equals(c.header) && proof.equals(c.proof);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "CommittedHeader[height="
        + height()
        + ", hash="
        + hash
        + ", stateRoot="
        + stateRoot()
        + "]";
  }
}
