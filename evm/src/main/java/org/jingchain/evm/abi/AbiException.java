package org.jingchain.evm.abi;

/** An ABI, a type, a value or encoded data that does not follow the contract ABI specification. */
public final class AbiException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public AbiException(String message) {
    super(message);
  }
}
