package org.jingchain.datadir;

import java.util.List;
import java.util.Objects;

/** What one version of an asset is: its digest, size, where to fetch it and a note. */
public record Content(Digest digest, long sizeBytes, List<String> locations, String note) {
  public Content {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(note, "note");
    locations = List.copyOf(locations);
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("size must be non-negative: " + sizeBytes);
    }
  }
}
