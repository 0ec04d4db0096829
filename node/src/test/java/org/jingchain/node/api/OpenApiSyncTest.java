package org.jingchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.node.NodeConfig;
import org.jingchain.node.NodeCore;
import org.jingchain.node.ServiceSet;
import org.jingchain.node.metrics.NodeMetrics;
import org.jingchain.node.services.ServiceHost;
import org.jingchain.platform.Platform;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.Genesis;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Route;
import org.jingchain.storage.MemoryChainStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document served at /api/v1/openapi.json — the node's own, with every platform
 * service's merged in — describes exactly the routes and codes a node of the platform has.
 */
class OpenApiSyncTest {
  @TempDir Path dir;
  ServiceHost services;
  List<Route> routes;
  JsonNode doc;

  @BeforeEach
  void startTheServicesOnAChainInMemory() throws Exception {
    KeyPair v = CryptoSuites.intl().generateKeyPair(new java.security.SecureRandom());
    Genesis g = Genesis.single("test", CryptoSuites.intl().id(), 1_700_000_000_000L, v.publicKey());
    ServiceSet set = new ServiceSet(Platform.services(), new ChainSetup(g, CryptoSuites.intl()));
    NodeCore core =
        new NodeCore(
            new MemoryChainStore(),
            g,
            new byte[] {'{', '}'},
            set,
            NodeCore.Settings.of(NodeConfig.defaultsWith(Map.of())),
            BatchVerifier.create(CryptoSuites.intl()),
            Clock.systemUTC());
    NodeMetrics metrics =
        new NodeMetrics(
            core.chain(),
            core.mempool(),
            new NodeMetrics.Sources(() -> 0, () -> 0, () -> 0, () -> 0, () -> 0, () -> 0),
            Clock.systemUTC());
    services = new ServiceHost(set, core.chain(), dir, metrics);
    routes = new ArrayList<>(new NodeApi(null, null, null, null, null, null, 1, 1, "t").routes());
    routes.addAll(services.routes());
    doc = ApiServer.JSON.readTree(OpenApiDocument.merged(services.openApi()));
  }

  @AfterEach
  void stop() {
    services.close();
  }

  /**
   * [ACC-2] Every route of a platform node is in a family a read rule can name, or always public;
   * the ledger's own routes are {@code chain}; a service cannot leave one out.
   */
  @Test
  void everyRouteIsInAFamilyTheReadRulesName() {
    Set<String> families = new TreeSet<>();
    for (Route r : routes) {
      assertThat(r.family()).as(r.method() + " " + r.template()).isNotNull();
      assertThat(
              r.family().equals(org.jingchain.service.api.ReadRule.ALWAYS_PUBLIC)
                  || org.jingchain.service.api.ReadRule.FAMILIES.containsAll(
                      org.jingchain.service.api.ReadRule.familiesOf(r.family())))
          .as(r.method() + " " + r.template() + " in " + r.family())
          .isTrue();
      families.addAll(org.jingchain.service.api.ReadRule.familiesOf(r.family()));
    }
    assertThat(families)
        .as("every family a rule may name is a family of routes")
        .containsAll(org.jingchain.service.api.ReadRule.FAMILIES);
    Map<String, String> familyOf = new java.util.HashMap<>();
    routes.forEach(r -> familyOf.put(r.method() + " " + r.template(), r.family()));
    assertThat(familyOf)
        .containsEntry("GET /api/v1/state", "chain")
        .containsEntry("GET /api/v1/blocks/{id}", "chain")
        .containsEntry("GET /api/v1/stream/blocks", "chain")
        .containsEntry("GET /api/v1/status", "public")
        .containsEntry("POST /api/v1/transactions", "public")
        .containsEntry("GET /api/v1/datadir/search", "datadir")
        .containsEntry("GET /api/v1/dids/{did}", "identity")
        .as("the EVM's JSON-RPC serves blocks and receipts too")
        .containsEntry("POST /api/v1/evm/rpc", "contracts+chain");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedPathIsARoute() {
    Set<String> served = new TreeSet<>();
    for (Route r : routes) {
      served.add(r.method() + " " + r.template());
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
    assertThat(documented).isEqualTo(served);
    assertThat(served)
        .as("the services' routes are there")
        .contains("GET /api/v1/dids/{did}", "GET /api/v1/datadir/search", "GET /api/v1/nfts/{id}");
  }

  @Test
  void everySchemaReferencedIsDefined() {
    Set<String> refs = new TreeSet<>();
    collectRefs(doc, refs);
    Set<String> defined = new TreeSet<>();
    doc.at("/components/schemas").fieldNames().forEachRemaining(n -> defined.add(n));
    assertThat(defined).containsAll(refs);
  }

  private static void collectRefs(JsonNode n, Set<String> out) {
    if (n.isObject()) {
      JsonNode ref = n.get("$ref");
      if (ref != null && ref.isTextual()) {
        out.add(ref.asText().replace("#/components/schemas/", ""));
      }
      n.elements().forEachRemaining(c -> collectRefs(c, out));
    } else if (n.isArray()) {
      n.elements().forEachRemaining(c -> collectRefs(c, out));
    }
  }

  @Test
  void theErrorSchemaListsExactlyTheApisErrorCodes() {
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
