package org.jingchain.crypto;

/** Decryption failed: wrong key, tampered ciphertext or associated data. */
public final class AeadException extends Exception {
  private static final long serialVersionUID = 1L;

  public AeadException(String message) {
    super(message);
  }
}
