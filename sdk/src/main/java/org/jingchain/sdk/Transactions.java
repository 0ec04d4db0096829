package org.jingchain.sdk;

import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;

/** Builds and signs transactions. */
public final class Transactions {
  private Transactions() {}

  /** Signs {@code call} as {@code key}'s account with the given nonce and expiry. */
  public static Transaction sign(
      KeyPair key, String chainId, long nonce, long expiresAtMillis, Call call) {
    TxBody body = new TxBody(chainId, key.publicKey(), nonce, expiresAtMillis, call);
    Transaction unsigned = new Transaction(body, Bytes.EMPTY);
    return new Transaction(body, Bytes.wrap(key.sign(unsigned.signingBytes())));
  }
}
