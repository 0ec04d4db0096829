package org.jingchain.xchain;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.PublicKey;

/**
 * One of the counterparty's epochs a client holds (docs/spec/xchain.md 2.1): its validators, in
 * leader order, certify heights from {@code firstHeight} until the next epoch's.
 */
public record ClientEpoch(long number, long firstHeight, List<PublicKey> validators) {
  public static final int MAX_VALIDATORS = 1000;

  public ClientEpoch {
    validators = List.copyOf(validators);
  }

  byte[] encode() {
    Encoder e = new Encoder(16 + validators.size() * 34).u8(1).u64(firstHeight);
    e.u32(validators.size());
    for (PublicKey k : validators) {
      e.publicKey(k);
    }
    return e.toByteArray();
  }

  static ClientEpoch decode(long number, byte[] in) {
    Decoder d = new Decoder(in);
    if (d.u8("epoch version") != 1) {
      throw new DecodeException("unknown epoch version");
    }
    long first = d.u64("first height");
    int n = d.count("validators", MAX_VALIDATORS);
    List<PublicKey> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(d.publicKey("validator"));
    }
    d.finish("epoch");
    return new ClientEpoch(number, first, keys);
  }
}
