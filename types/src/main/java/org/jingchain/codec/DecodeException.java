package org.jingchain.codec;

/** Input bytes are not the canonical encoding of the expected value; the message says why. */
public final class DecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DecodeException(String message) {
    super(message);
  }
}
