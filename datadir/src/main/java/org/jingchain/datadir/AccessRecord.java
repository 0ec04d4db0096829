package org.jingchain.datadir;

import java.util.Objects;

/** A recorded access [DD-15]: who was served which version, under which grant (0: none). */
public record AccessRecord(
    String assetId,
    String accessId,
    String requester,
    long grantId,
    int version,
    String recordedBy,
    long height,
    long timeMillis) {
  public AccessRecord {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(accessId, "accessId");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(recordedBy, "recordedBy");
  }
}
