package org.jingchain.testkit;

import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.DidKey;
import org.jingchain.types.Address;

/**
 * A DID made through the real DID registry, with the keys that act for it. Its document lists two
 * verification methods: {@code key-1}, the party's {@link #key} of the type the test asked for
 * (authentication and assertion: it signs credentials, presentations, tokens and status lists), and
 * {@code key-tx}, the authentication key {@link #tx} of the chain's suite, which sends the party's
 * transactions. {@link #update} changes the DID and {@link #recovery} deactivates it.
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
