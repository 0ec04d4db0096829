package org.jingchain.vc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Credential schemas: JSON Schema (draft 2020-12) documents that describe a credential's claims
 * ({@code credentialSubject} without {@code id}). Documents come from the chain's trust registry,
 * so they must be self-contained: a {@code $ref} to anything but the document itself is refused.
 */
public final class Schemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private Schemas() {}

  /** The URN a credential uses to name a schema by its digest. */
  public static String urn(String digest) {
    return "urn:jing:schema:" + digest;
  }

  /** The digest in a schema URN, or null when {@code urn} is not one. */
  static String digestOf(String urn) {
    if (urn == null || !urn.startsWith("urn:jing:schema:")) {
      return null;
    }
    String d = urn.substring("urn:jing:schema:".length());
    return d.matches("[0-9a-f]{64}") ? d : null;
  }

  /**
   * Validates {@code claims} against {@code document}; with {@code relaxRequired} the schema's
   * {@code required} lists are ignored (a holder may withhold claims of an SD-JWT).
   *
   * @return the problems, empty when the claims conform
   */
  public static List<String> validate(
      byte[] document, Map<String, Object> claims, boolean relaxRequired) throws VcException {
    JsonNode schemaNode;
    try {
      schemaNode = JSON.readTree(document);
    } catch (IOException e) {
      throw new VcException(VcException.Reason.SCHEMA_INVALID, "schema is not JSON", e);
    }
    if (schemaNode == null || !schemaNode.isObject()) {
      throw new VcException(VcException.Reason.SCHEMA_INVALID, "schema is not a JSON object");
    }
    requireSelfContained(schemaNode);
    if (relaxRequired) {
      schemaNode = schemaNode.deepCopy();
      dropRequired(schemaNode);
    }
    Schema schema;
    try {
      schema = REGISTRY.getSchema(schemaNode);
    } catch (RuntimeException e) {
      throw new VcException(
          VcException.Reason.SCHEMA_INVALID, "schema does not compile: " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    for (Error e : schema.validate(JSON.valueToTree(claims))) {
      problems.add(e.getMessage());
    }
    return problems;
  }

  private static void requireSelfContained(JsonNode node) throws VcException {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null && !(ref.isTextual() && ref.asText().startsWith("#"))) {
        throw new VcException(
            VcException.Reason.SCHEMA_INVALID,
            "schema refers to another document (" + ref + "); schemas on chain are self-contained");
      }
      JsonNode dynamicRef = node.get("$dynamicRef");
      if (dynamicRef != null && !(dynamicRef.isTextual() && dynamicRef.asText().startsWith("#"))) {
        throw new VcException(
            VcException.Reason.SCHEMA_INVALID, "schema refers to another document");
      }
    }
    for (JsonNode child : node) {
      requireSelfContained(child);
    }
  }

  private static void dropRequired(JsonNode node) {
    if (node instanceof ObjectNode o) {
      // Only the keywords (an array / an object of arrays), never a property named "required".
      if (o.path("required").isArray()) {
        o.remove("required");
      }
      if (o.path("dependentRequired").isObject()) {
        o.remove("dependentRequired");
      }
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      dropRequired(it.next());
    }
  }
}
