package org.jingchain.consensus;

import org.jingchain.types.PublicKey;

/** Signs with this validator's key (held in memory, or in a hardware token later). */
public interface Signer {
  PublicKey publicKey();

  byte[] sign(byte[] message);
}
