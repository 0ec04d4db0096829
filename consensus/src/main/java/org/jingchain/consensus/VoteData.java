package org.jingchain.consensus;

import java.util.Objects;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Hash;

/** What a vote signs: a block of a chain, at a height, proposed in a round. */
public record VoteData(String chainId, long round, long height, Hash blockHash) {
  static final int TAG = 0x20;

  public VoteData {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(blockHash, "blockHash");
  }

  /** The domain-separated bytes a validator signs. */
  public byte[] signingBytes() {
    return new Encoder(96)
        .u8(TAG)
        .string(chainId)
        .u64(round)
        .u64(height)
        .hash(blockHash)
        .toByteArray();
  }
}
