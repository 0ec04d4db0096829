package org.jingchain.service;

import java.util.List;
import java.util.Optional;
import org.jingchain.service.api.Route;

/** What a service runs in a node: API routes with their OpenAPI paths, and a console view. */
public interface NodePart extends AutoCloseable {
  /** Its API routes (under {@code /api/v1/}). */
  default List<Route> routes() {
    return List.of();
  }

  /**
   * The OpenAPI 3 document of its routes (JSON with {@code paths} and {@code components}), which
   * the node merges into {@code /api/v1/openapi.json}.
   */
  default Optional<String> openApi() {
    return Optional.empty();
  }

  /**
   * Its console view: a script the console loads after its own, which registers pages, search rules
   * and account panels through {@code window.jing} (docs/console.md).
   */
  default Optional<String> consoleScript() {
    return Optional.empty();
  }

  /** Stops what it started (its indexes are flushed and closed by the node). */
  @Override
  default void close() {}

  NodePart NONE = new NodePart() {};
}
