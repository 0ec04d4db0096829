package org.jingchain.bench;

import java.util.List;
import java.util.Map;
import org.jingchain.node.api.ApiServer;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;

/**
 * Calls the identity service's own handler of {@code GET /api/v1/dids/{did}} (state tree read or
 * proof at the head, record decoding, DID document and metadata) and renders the answer to JSON
 * bytes with the API server's mapper, as the server does before writing it; only the HTTP exchange
 * itself is left out.
 */
final class DidResolver {
  static final String TEMPLATE = "/api/v1/dids/{did}";

  private final Route.Handler handler;

  DidResolver(List<Route> routes) {
    this.handler =
        routes.stream()
            .filter(r -> r.method().equals("GET") && r.template().equals(TEMPLATE))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the API has no route " + TEMPLATE))
            .handler();
  }

  /** The request for {@code did}, with {@code ?proof=true} if asked. */
  Request request(String did, boolean proof) {
    try {
      return Request.of(Map.of("did", did), proof ? "proof=true" : null);
    } catch (ApiException e) {
      throw new IllegalStateException("cannot build an API request: " + e.getMessage(), e);
    }
  }

  /** The handler's answer rendered as the server renders it; its status must be {@code 200}. */
  byte[] resolve(Request request) throws ApiException {
    Response r = handler.handle(request);
    byte[] json;
    try {
      json = ApiServer.JSON.writeValueAsBytes(r.body());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (r.status() != 200) {
      throw new IllegalStateException(
          "resolution answered "
              + r.status()
              + ": "
              + new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }
    return json;
  }
}
