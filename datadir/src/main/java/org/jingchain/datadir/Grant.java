package org.jingchain.datadir;

import java.util.Objects;

/**
 * An access grant (an owner's or delegate's answer to a request) or a consent (a person allowing an
 * organisation to use records about them); {@code assetId} is empty for a consent tied to no asset.
 */
public record Grant(
    long id,
    Kind kind,
    String assetId,
    String grantor,
    String grantee,
    String purpose,
    String scope,
    long requestId,
    long height,
    long timeMillis,
    long expiresAtMillis,
    boolean revoked,
    String revokedBy,
    long revokedHeight,
    long revokedMillis) {
  /** The kinds of grant with their encoding byte. */
  public enum Kind {
    ACCESS(1, "access"),
    CONSENT(2, "consent");

    private final int code;
    private final String label;

    Kind(int code, String label) {
      this.code = code;
      this.label = label;
    }

    public int code() {
      return code;
    }

    public String label() {
      return label;
    }
  }

  public Grant {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(grantor, "grantor");
    Objects.requireNonNull(grantee, "grantee");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(revokedBy, "revokedBy");
  }

  /** [DD-10] Active at block time {@code millis}: not revoked and {@code millis < expiry}. */
  public boolean activeAt(long millis) {
    return !revoked && millis < expiresAtMillis;
  }
}
