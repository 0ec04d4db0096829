package org.jingchain.light;

import org.jingchain.consensus.QuorumCert;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;

/**
 * A header that a quorum of the validators in force at its height voted for [LC-2]; only a {@link
 * LightClient} makes one, so holding it means the check passed. Certified is not committed.
 */
public final class CertifiedHeader {
  private final BlockHeader header;
  private final Hash hash;
  private final QuorumCert qc;

  CertifiedHeader(BlockHeader header, Hash hash, QuorumCert qc) {
    this.header = header;
    this.hash = hash;
    this.qc = qc;
  }

  public BlockHeader header() {
    return header;
  }

  /** The block hash: the suite hash of the header's canonical encoding. */
  public Hash hash() {
    return hash;
  }

  public QuorumCert qc() {
    return qc;
  }

  public long height() {
    return header.height();
  }

  public long round() {
    return header.round();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CertifiedHeader c && header.equals(c.header) && qc.equals(c.qc);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "CertifiedHeader[height=" + height() + ", round=" + round() + ", hash=" + hash + "]";
  }
}
