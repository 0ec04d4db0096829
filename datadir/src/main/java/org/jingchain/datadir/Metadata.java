package org.jingchain.datadir;

import java.util.List;
import java.util.Objects;

/** The descriptive part of an asset, replaced as a whole by an update. */
public record Metadata(
    String title,
    String description,
    Sector sector,
    List<String> tags,
    String format,
    String licence) {
  public Metadata {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(sector, "sector");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(licence, "licence");
    tags = List.copyOf(tags);
  }
}
