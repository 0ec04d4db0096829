package org.jingchain.consensus;

import java.util.Objects;
import org.jingchain.types.Bytes;

/** A validator's signature, identified by the validator's index in the set. */
public record IndexedSignature(int index, Bytes signature) {
  public IndexedSignature {
    Objects.requireNonNull(signature, "signature");
  }
}
