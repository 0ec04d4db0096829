package org.jingchain.consensus;

import org.jingchain.codec.Encoder;

/** What a timeout signs: the round given up on and the signer's high QC round. */
public record TimeoutData(String chainId, long round, long highQcRound) {
  static final int TAG = 0x22;

  /** The tag of a timeout in an epoch after the first [GOV-9]. */
  static final int TAG_EPOCH = 0x26;

  /** The bytes signed in epoch 0. */
  public byte[] signingBytes() {
    return signingBytes(0);
  }

  /** The bytes signed in {@code epoch} (see {@link VoteData#signingBytes(long)}). */
  public byte[] signingBytes(long epoch) {
    return Epoch.prefix(new Encoder(104), TAG, TAG_EPOCH, chainId, epoch)
        .u64(round)
        .u64(highQcRound)
        .toByteArray();
  }
}
