package org.jingchain.consensus;

import java.util.Objects;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Hash;

/** What a vote signs: a block of a chain, at a height, proposed in a round. */
public record VoteData(String chainId, long round, long height, Hash blockHash) {
  static final int TAG = 0x20;

  /** The tag of a vote in an epoch after the first [GOV-9]. */
  static final int TAG_EPOCH = 0x24;

  public VoteData {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(blockHash, "blockHash");
  }

  /** The domain-separated bytes a validator signs in the chain's first epoch (epoch 0). */
  public byte[] signingBytes() {
    return signingBytes(0);
  }

  /**
   * The domain-separated bytes a validator signs in {@code epoch} [GOV-9]: epoch 0 keeps the
   * original layout, a later epoch has its own tag and its number after the chain id, so no vote of
   * one epoch counts in another.
   */
  public byte[] signingBytes(long epoch) {
    return Epoch.prefix(new Encoder(104), TAG, TAG_EPOCH, chainId, epoch)
        .u64(round)
        .u64(height)
        .hash(blockHash)
        .toByteArray();
  }
}
