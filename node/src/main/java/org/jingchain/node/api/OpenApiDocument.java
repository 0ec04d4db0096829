package org.jingchain.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;

/**
 * The OpenAPI document the node serves: its own routes' document with every service's merged in
 * (paths and component schemas). A path or schema two documents define is a packaging error.
 */
public final class OpenApiDocument {
  private OpenApiDocument() {}

  /** The node's own document (its routes only). */
  public static ObjectNode core() {
    try {
      return (ObjectNode) ApiServer.JSON.readTree(ApiServer.resource("openapi.json"));
    } catch (IOException e) {
      throw new IllegalStateException("the node's openapi.json does not parse", e);
    }
  }

  /**
   * The node's document with {@code services}' (by service name) merged in.
   *
   * @throws IllegalStateException when a service's document does not parse or redefines a path or
   *     schema
   */
  public static byte[] merged(Map<String, String> services) {
    ObjectNode doc = core();
    ObjectNode paths = (ObjectNode) doc.get("paths");
    ObjectNode schemas = doc.withObject("/components/schemas");
    for (var e : services.entrySet()) {
      JsonNode fragment;
      try {
        fragment = ApiServer.JSON.readTree(e.getValue());
      } catch (IOException ex) {
        throw new IllegalStateException(
            "the OpenAPI document of service " + e.getKey() + " does not parse", ex);
      }
      merge(paths, fragment.path("paths"), e.getKey(), "path");
      merge(schemas, fragment.path("components").path("schemas"), e.getKey(), "schema");
    }
    try {
      return ApiServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void merge(ObjectNode into, JsonNode from, String service, String what) {
    from.properties()
        .forEach(
            p -> {
              if (into.has(p.getKey())) {
                throw new IllegalStateException(
                    "service " + service + " redefines the OpenAPI " + what + " " + p.getKey());
              }
              into.set(p.getKey(), p.getValue());
            });
  }
}
