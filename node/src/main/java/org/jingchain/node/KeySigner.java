package org.jingchain.node;

import org.jingchain.consensus.Signer;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.PublicKey;

/** A validator key held in memory, signing consensus messages. */
record KeySigner(KeyPair key) implements Signer {
  @Override
  public PublicKey publicKey() {
    return key.publicKey();
  }

  @Override
  public byte[] sign(byte[] message) {
    return key.sign(message);
  }
}
