package org.jingchain.crypto.pkcs11;

/** A PKCS#11 call failed: the function, its CKR_ code and what it means. */
public final class Pkcs11Exception extends Exception {
  private static final long serialVersionUID = 1L;
  private final long ckr;

  public Pkcs11Exception(String message, long ckr) {
    super(message);
    this.ckr = ckr;
  }

  /** The token's return value (CKR_*), or -1 when the failure was ours. */
  public long ckr() {
    return ckr;
  }
}
