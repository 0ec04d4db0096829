package org.jingchain.datadir;

import java.util.Objects;
import java.util.Optional;
import org.jingchain.types.Hash;

/**
 * One entry of the audit log (docs/spec/datadir.md section 4); {@code seq} is its number in the
 * global log.
 */
public record AuditEntry(
    long seq,
    Type type,
    String assetId,
    String actor,
    String subject,
    long requestId,
    long grantId,
    int version,
    String detail,
    long height,
    long timeMillis,
    Hash txHash) {
  /** What happened, with its encoding byte. */
  public enum Type {
    REQUESTED(1),
    GRANTED(2),
    REFUSED(3),
    REVOKED(4),
    CONSENTED(5),
    ACCESSED(6),
    RETIRED(7),
    TRANSFERRED(8);

    private final int code;

    Type(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    public static Optional<Type> ofCode(int code) {
      for (Type t : values()) {
        if (t.code == code) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  public AuditEntry {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(txHash, "txHash");
  }
}
