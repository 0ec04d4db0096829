package org.jingchain.service.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One API route: a method and a path template such as {@code /api/v1/blocks/{id}}. */
public record Route(String method, String template, Handler handler) {
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
