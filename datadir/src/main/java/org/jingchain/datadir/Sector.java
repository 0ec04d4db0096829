package org.jingchain.datadir;

import java.util.Optional;

/** The sector an asset belongs to; {@link #code()} is its byte in encodings. */
public enum Sector {
  HEALTHCARE(0, "healthcare"),
  EDUCATION(1, "education"),
  AI(2, "ai"),
  FINANCE(3, "finance"),
  TRANSPORT(4, "transport"),
  GOVERNMENT(5, "government"),
  OTHER(6, "other");

  private final int code;
  private final String label;

  Sector(int code, String label) {
    this.code = code;
    this.label = label;
  }

  public int code() {
    return code;
  }

  /** The lower-case name users type and events carry. */
  public String label() {
    return label;
  }

  public static Optional<Sector> ofCode(int code) {
    for (Sector s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public static Optional<Sector> ofLabel(String label) {
    for (Sector s : values()) {
      if (s.label.equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
