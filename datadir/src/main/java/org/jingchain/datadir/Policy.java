package org.jingchain.datadir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may be served an asset without a grant: everyone ({@code public}), nobody ({@code approval}),
 * or the listed member DIDs ({@code group}).
 */
public record Policy(Kind kind, List<String> members) {
  /** The policy kinds with their encoding byte. */
  public enum Kind {
    PUBLIC(0, "public"),
    APPROVAL(1, "approval"),
    GROUP(2, "group");

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

    public static Optional<Kind> ofCode(int code) {
      for (Kind k : values()) {
        if (k.code == code) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  public Policy {
    Objects.requireNonNull(kind, "kind");
    members = List.copyOf(members);
  }

  public static Policy everyone() {
    return new Policy(Kind.PUBLIC, List.of());
  }

  public static Policy approval() {
    return new Policy(Kind.APPROVAL, List.of());
  }

  public static Policy group(List<String> members) {
    return new Policy(Kind.GROUP, members);
  }
}
