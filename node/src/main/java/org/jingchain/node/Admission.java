package org.jingchain.node;

import org.jingchain.service.api.ErrorCode;
import org.jingchain.types.Hash;

/** The outcome of offering a transaction to the mempool. */
public sealed interface Admission {
  /** Accepted and pending. */
  record Accepted(Hash txHash) implements Admission {}

  /** Refused with a stable code and a reason; nothing changed. */
  record Rejected(ErrorCode code, String message) implements Admission {}
}
