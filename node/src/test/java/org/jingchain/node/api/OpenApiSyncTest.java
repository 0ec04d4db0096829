package org.jingchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jingchain.node.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at /api/v1/openapi.json describes exactly the routes and codes the
 * node has.
 */
class OpenApiSyncTest {
  final JsonNode doc = read();

  static JsonNode read() {
    try {
      return new ObjectMapper().readTree(ApiServer.resource("openapi.json"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedPathIsARoute() {
    Set<String> routes = new TreeSet<>();
    List<Route> all =
        new java.util.ArrayList<>(new NodeApi(null, null, null, null, null, 1, 1, "test").routes());
    all.addAll(new DatadirApi(null, null, null, null).routes());
    for (Route r : all) {
      routes.add(r.method() + " " + r.template());
    }
    Set<String> documented = new TreeSet<>();
    doc.get("paths")
        .properties()
        .forEach(
            p ->
                p.getValue()
                    .properties()
                    .forEach(
                        m ->
                            documented.add(
                                m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey())));
    assertThat(documented).isEqualTo(routes);
  }

  @Test
  void theErrorSchemaListsExactlyTheNodesErrorCodes() {
    Set<String> documented = new TreeSet<>();
    doc.at("/components/schemas/Error/properties/code/enum")
        .forEach(n -> documented.add(n.asText()));
    Set<String> codes = new TreeSet<>(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    assertThat(documented).isEqualTo(codes);
  }

  @Test
  void everyOperationHasAnIdASummaryAndResponses() {
    var missing = new ArrayList<String>();
    doc.get("paths")
        .properties()
        .forEach(
            p ->
                p.getValue()
                    .properties()
                    .forEach(
                        m -> {
                          JsonNode op = m.getValue();
                          if (!op.hasNonNull("operationId")
                              || !op.hasNonNull("summary")
                              || !op.has("responses")) {
                            missing.add(m.getKey() + " " + p.getKey());
                          }
                        }));
    assertThat(missing).isEmpty();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
  }
}
