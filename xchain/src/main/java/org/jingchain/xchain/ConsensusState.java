package org.jingchain.xchain;

import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Hash;

/**
 * What a client knows of one committed height of the counterparty (docs/spec/xchain.md 2.1): the
 * header's hash, the state root after that height, and the header's time.
 */
public record ConsensusState(Hash headerHash, Hash stateRoot, long timestampMillis) {
  byte[] encode() {
    return new Encoder(80)
        .u8(1)
        .hash(headerHash)
        .hash(stateRoot)
        .u64(timestampMillis)
        .toByteArray();
  }

  static ConsensusState decode(byte[] in) {
    Decoder d = new Decoder(in);
    if (d.u8("consensus state version") != 1) {
      throw new DecodeException("unknown consensus state version");
    }
    ConsensusState s =
        new ConsensusState(d.hash("header hash"), d.hash("state root"), d.u64("time"));
    d.finish("consensus state");
    return s;
  }
}
