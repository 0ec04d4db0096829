package org.jingchain.evm;

import java.util.Arrays;

/**
 * An account as the EVM sees it: nonce, balance and code (empty for an externally owned account).
 * Storage is read separately through {@link WorldView#storage}.
 */
public record Account(long nonce, UInt256 balance, byte[] code) {
  public static final Account EMPTY = new Account(0, UInt256.ZERO, new byte[0]);

  public Account {
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce out of range: " + nonce);
    }
  }

  /** Empty in the sense of EIP-161: no nonce, no balance, no code. */
  public boolean isEmpty() {
    return nonce == 0 && balance.isZero() && code.length == 0;
  }

  Account withNonce(long n) {
    return new Account(n, balance, code);
  }

  Account withBalance(UInt256 b) {
    return new Account(nonce, b, code);
  }

  Account withCode(byte[] c) {
    return new Account(nonce, balance, c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Account a
        && a.nonce == nonce
        && a.balance.equals(balance)
        && Arrays.equals(a.code, code);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nonce) * 31 + balance.hashCode() * 17 + Arrays.hashCode(code);
  }

  @Override
  public String toString() {
    return "Account[nonce=" + nonce + ", balance=" + balance + ", code=" + code.length + " bytes]";
  }
}
