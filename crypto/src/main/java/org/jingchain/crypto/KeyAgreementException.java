package org.jingchain.crypto;

/** Key agreement failed because the peer sent a malformed, foreign or degenerate public key. */
public final class KeyAgreementException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeyAgreementException(String message) {
    super(message);
  }
}
