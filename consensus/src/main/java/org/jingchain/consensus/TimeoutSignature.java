package org.jingchain.consensus;

import java.util.Objects;
import org.jingchain.types.Bytes;

/** One validator's share of a timeout certificate: its high QC round and its signature. */
public record TimeoutSignature(int index, long highQcRound, Bytes signature) {
  public TimeoutSignature {
    Objects.requireNonNull(signature, "signature");
  }
}
