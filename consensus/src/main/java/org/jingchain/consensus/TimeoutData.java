package org.jingchain.consensus;

import org.jingchain.codec.Encoder;

/** What a timeout signs: the round given up on and the signer's high QC round. */
public record TimeoutData(String chainId, long round, long highQcRound) {
  static final int TAG = 0x22;

  public byte[] signingBytes() {
    return new Encoder(96).u8(TAG).string(chainId).u64(round).u64(highQcRound).toByteArray();
  }
}
