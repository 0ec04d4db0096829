package org.jingchain.consensus;

import java.util.List;
import java.util.Objects;
import org.jingchain.types.Hash;

/**
 * A quorum certificate: votes of a quorum on one block in one round. The genesis QC certifies the
 * genesis block with no signatures.
 */
public record QuorumCert(VoteData data, List<IndexedSignature> signatures) {
  public QuorumCert {
    Objects.requireNonNull(data, "data");
    signatures = List.copyOf(signatures);
  }

  public static QuorumCert genesis(String chainId, Hash genesisHash) {
    return new QuorumCert(new VoteData(chainId, 0, 0, genesisHash), List.of());
  }

  public long round() {
    return data.round();
  }

  public long height() {
    return data.height();
  }

  public Hash blockHash() {
    return data.blockHash();
  }

  /**
   * The unsigned certificate of an epoch's root block [GOV-8]: the block was committed under the
   * previous epoch's validators, so the new epoch takes it as given, as epoch 0 takes genesis.
   */
  public static QuorumCert root(String chainId, Epoch epoch) {
    return new QuorumCert(
        new VoteData(chainId, epoch.rootRound(), epoch.rootHeight(), epoch.rootHash()), List.of());
  }

  /** No signatures: the genesis QC or an epoch's root QC. */
  public boolean isUnsigned() {
    return signatures.isEmpty();
  }

  public boolean isGenesis() {
    return data.round() == 0 && data.height() == 0 && signatures.isEmpty();
  }
}
