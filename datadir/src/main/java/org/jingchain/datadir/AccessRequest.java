package org.jingchain.datadir;

import java.util.Objects;
import org.jingchain.codec.DecodeException;

/**
 * A request for access to an asset [DD-9]; {@code grantId} is set once granted, {@code reason} once
 * refused.
 */
public record AccessRequest(
    long id,
    String assetId,
    String requester,
    String purpose,
    String scope,
    long durationMillis,
    long height,
    long timeMillis,
    Status status,
    long grantId,
    String reason,
    String answeredBy,
    long answeredHeight) {
  /** Where a request stands; a request is answered once [DD-11]. */
  public enum Status {
    PENDING(0),
    GRANTED(1),
    REFUSED(2);

    private final int code;

    Status(int code) {
      this.code = code;
    }

    /** Its byte in the stored record. */
    public int code() {
      return code;
    }

    static Status ofCode(int code) {
      for (Status s : values()) {
        if (s.code == code) {
          return s;
        }
      }
      throw new DecodeException("unknown status " + code);
    }
  }

  public AccessRequest {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(answeredBy, "answeredBy");
  }
}
