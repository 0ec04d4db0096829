package org.jingchain.crypto;

/** Authenticated encryption with associated data (GCM with a 12-byte nonce and a 16-byte tag). */
public interface Aead {
  /** Key length in bytes: 32 for AES-256, 16 for SM4. */
  int keyLength();

  int nonceLength();

  /** Returns ciphertext || tag. */
  byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData);

  /** Returns the plaintext, or throws {@link AeadException} when the tag does not verify. */
  byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
      throws AeadException;
}
