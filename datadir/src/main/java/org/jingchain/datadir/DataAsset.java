package org.jingchain.datadir;

import java.util.List;
import java.util.Objects;
import org.jingchain.codec.DecodeException;

/**
 * A data asset as stored under {@code datadir/asset/<id>}; its versions are read with {@link
 * Datadir#version}. {@code versions} is the number of the latest version.
 */
public record DataAsset(
    String id,
    String owner,
    Metadata metadata,
    Policy policy,
    List<String> delegates,
    List<String> derivedFrom,
    int versions,
    Status status,
    String retiredReason,
    long createdHeight,
    long createdMillis,
    long updatedHeight,
    long updatedMillis) {
  /** Active assets can be requested, granted and served; retirement is final [DD-7]. */
  public enum Status {
    ACTIVE(0),
    RETIRED(1);

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

  public DataAsset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(retiredReason, "retiredReason");
    delegates = List.copyOf(delegates);
    derivedFrom = List.copyOf(derivedFrom);
  }

  public boolean retired() {
    return status == Status.RETIRED;
  }

  /** True when {@code did} is the owner or one of the delegates. */
  public boolean isOwnerOrDelegate(String did) {
    return owner.equals(did) || delegates.contains(did);
  }
}
