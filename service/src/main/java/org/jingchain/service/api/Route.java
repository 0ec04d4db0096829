package org.jingchain.service.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One API route: a method, a path template such as {@code /api/v1/blocks/{id}}, and the family of
 * routes whose read rule applies to it (docs/spec/api-access.md [ACC-2]): {@link
 * ReadRule#ALWAYS_PUBLIC}, a family of {@link ReadRule#FAMILIES}, or null for the family of whoever
 * registers it (the node's routes are {@code chain}, a service's are named after the service).
 */
public record Route(String method, String template, Handler handler, String family) {
  /** A route of its registrar's family. */
  public Route(String method, String template, Handler handler) {
    this(method, template, handler, null);
  }

  /** This route in {@code family} unless it names one already. */
  public Route inFamily(String family) {
    return this.family != null ? this : new Route(method, template, handler, family);
  }

  /** This route, readable by anyone whatever the chain's read rules say. */
  public Route alwaysPublic() {
    return new Route(method, template, handler, ReadRule.ALWAYS_PUBLIC);
  }

  /** Handles a matched request. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request) throws ApiException;
  }

  /** The path parameters if {@code path} matches this template. */
  public Optional<Map<String, String>> match(String path) {
    String[] t = template.split("/", -1);
    String[] p = path.split("/", -1);
    if (t.length != p.length) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < t.length; i++) {
      if (t[i].startsWith("{") && t[i].endsWith("}")) {
        if (p[i].isEmpty()) {
          return Optional.empty();
        }
        params.put(t[i].substring(1, t[i].length() - 1), p[i]);
      } else if (!t[i].equals(p[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }
}
