package org.jingchain.types;

import java.util.Objects;
import org.jingchain.codec.Canonical;

/**
 * A signed transaction. Its hash is the chain hash of the canonical body encoding (the signature is
 * not part of the id); the hash is computed once and remembered.
 */
public final class Transaction {
  private final TxBody body;
  private final Bytes signature;
  private final byte[] bodyBytes;
  private volatile Hash hash;

  public Transaction(TxBody body, Bytes signature) {
    this.body = Objects.requireNonNull(body, "body");
    this.signature = Objects.requireNonNull(signature, "signature");
    if (signature.length() > Limits.MAX_SIGNATURE_BYTES) {
      throw new IllegalArgumentException(
          "signature exceeds " + Limits.MAX_SIGNATURE_BYTES + " bytes");
    }
    this.bodyBytes = Canonical.encode(body);
  }

  public TxBody body() {
    return body;
  }

  public Bytes signature() {
    return signature;
  }

  /** The canonical body bytes: the message that is signed. Callers must not modify them. */
  public byte[] signingBytes() {
    return bodyBytes;
  }

  /** The transaction id under the chain's hash function. */
  public Hash hash(HashFunction h) {
    Hash cached = hash;
    if (cached == null) {
      cached = h.hash(bodyBytes);
      hash = cached;
    }
    return cached;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction t
        && java.util.Arrays.equals(bodyBytes, t.bodyBytes)
        && signature.equals(t.signature);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bodyBytes) * 31 + signature.hashCode();
  }

  @Override
  public String toString() {
    return "Transaction[" + body + "]";
  }
}
