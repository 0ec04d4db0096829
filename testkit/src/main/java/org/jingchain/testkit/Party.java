package org.jingchain.testkit;

import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.DidKey;
import org.jingchain.types.Address;

/**
 * A DID that the real DID registry made, with the keys that act for it.
 *
 * @param name what the party's keys derive from
 * @param key the verification method {@code key-1}, of the type the test asked for, for
 *     authentication and assertion: it signs credentials, presentations, tokens and status lists
 * @param tx the verification method {@code key-tx}, an authentication key of the chain's suite that
 *     sends the party's transactions
 * @param update the key that changes the DID document
 * @param recovery the key that deactivates the DID
 */
public record Party(
    String name, String did, TestKey key, KeyPair tx, KeyPair update, KeyPair recovery) {
  /** The id of the verification method that holds {@link #key}. */
  public static final String KEY_1 = "key-1";

  /** The id of the verification method that holds {@link #tx}. */
  public static final String KEY_TX = "key-tx";

  /** The account that sends the party's transactions. */
  public Address address() {
    return tx.address();
  }

  /** The DID URL of {@code key-1}, as a signature's {@code kid} names it. */
  public String kid() {
    return did + "#" + KEY_1;
  }

  public DidKey didKey() {
    return key.didKey();
  }
}
