package org.jingchain.store;

/** A typed refusal of the object store (docs/spec/storage.md section 1, [STORE-5]). */
public final class StoreException extends Exception {
  /** Why; the name is the error code the API and CLI show. */
  public enum Reason {
    /** The coding parameters are out of range ([STORE-1]). */
    BAD_CODING,
    /** The object is larger than the limit it was put under. */
    OVERSIZED,
    /** The object is not the size it was declared to be. */
    SIZE_MISMATCH,
    /** Fewer than {@code k} shards could be read. */
    TOO_FEW_SHARDS,
    /** A shard is shorter than the layout says. */
    SHORT_SHARD,
    /** A shard's bytes do not hash to its committed root ([STORE-4]). */
    SHARD_MISMATCH,
    /** The decoded bytes do not hash to the object's committed content root ([STORE-5]). */
    DIGEST_MISMATCH,
    /** An input or output stream failed. */
    IO
  }

  private final Reason reason;
  private final int shard;

  public StoreException(Reason reason, String message) {
    this(reason, -1, message, null);
  }

  public StoreException(Reason reason, int shard, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
    this.shard = shard;
  }

  public Reason reason() {
    return reason;
  }

  /** The shard at fault, or -1 when the fault is not one shard's. */
  public int shard() {
    return shard;
  }
}
