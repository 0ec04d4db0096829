package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One version of a data asset ({@code GET /datadir/assets/{id}/versions/{n}}, and an asset's {@code
 * latest}): what the content is and where it lives, never the content itself.
 *
 * @param version its number, from 1
 * @param size the content's size in bytes
 * @param locations where to fetch it (URIs)
 * @param note the owner's note, empty when none
 * @param height the block that published the version
 * @param timeMillis that block's time
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatadirVersion(
    int version,
    Digest digest,
    long size,
    List<String> locations,
    String note,
    long height,
    long timeMillis) {
  public DatadirVersion {
    locations = Copies.list(locations);
  }

  /**
   * The content's digest.
   *
   * @param algorithm e.g. {@code sha-256}, {@code sm3} or {@code merkle-sha-256}
   * @param value the digest (hex)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Digest(String algorithm, String value) {}
}
