package org.jingchain.datadir;

import java.util.Objects;

/**
 * Whether a requester may be served an asset [DD-14]: allowed, or the typed code and reason it may
 * not.
 */
public record AccessDecision(boolean allowed, String code, String reason) {
  public static final AccessDecision ALLOWED = new AccessDecision(true, "", "");

  public AccessDecision {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
  }

  public static AccessDecision refused(String code, String reason) {
    return new AccessDecision(false, code, reason);
  }
}
