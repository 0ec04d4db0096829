package org.jingchain.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import org.jingchain.node.api.ApiException;
import org.jingchain.node.api.ApiServer;
import org.jingchain.node.api.NodeApi;
import org.jingchain.node.api.Request;
import org.jingchain.node.api.Response;
import org.jingchain.node.api.Route;

/**
 * Calls the node API's own handler of {@code GET /api/v1/dids/{did}} (NodeApi.resolveDid: state
 * tree read or proof at the head, record decoding, DID document and metadata) and renders the
 * answer to JSON bytes with the API server's mapper, as the server does before writing it; only the
 * HTTP exchange itself is left out. The handler takes a {@link Request}, built around a stand-in
 * exchange that carries only the URI.
 */
final class DidResolver {
  static final String TEMPLATE = NodeApi.PREFIX + "/dids/{did}";

  private final Route.Handler handler;

  DidResolver(NodeApi api) {
    this.handler =
        api.routes().stream()
            .filter(r -> r.method().equals("GET") && r.template().equals(TEMPLATE))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the API has no route " + TEMPLATE))
            .handler();
  }

  /** The request for {@code did}, with {@code ?proof=true} if asked. */
  Request request(String did, boolean proof) {
    String path = TEMPLATE.replace("{did}", did);
    URI uri = URI.create(path + (proof ? "?proof=true" : ""));
    try {
      return new Request(new StandIn(uri), Map.of("did", did), 0);
    } catch (ApiException e) {
      throw new IllegalStateException("cannot build an API request: " + e.getMessage(), e);
    }
  }

  /** The handler's answer rendered as the server renders it; its status must be {@code 200}. */
  byte[] resolve(Request request) throws ApiException {
    Response r = handler.handle(request);
    try {
      byte[] json = ApiServer.JSON.writeValueAsBytes(r.body());
      if (r.status() != 200) {
        throw new IllegalStateException(
            "resolution answered "
                + r.status()
                + ": "
                + new String(json, java.nio.charset.StandardCharsets.UTF_8));
      }
      return json;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An exchange that only knows its URI: all a GET handler reads. */
  private static final class StandIn extends HttpExchange {
    private final URI uri;
    private final Headers headers = new Headers();

    StandIn(URI uri) {
      this.uri = uri;
    }

    @Override
    public Headers getRequestHeaders() {
      return headers;
    }

    @Override
    public Headers getResponseHeaders() {
      return headers;
    }

    @Override
    public URI getRequestURI() {
      return uri;
    }

    @Override
    public String getRequestMethod() {
      return "GET";
    }

    @Override
    public HttpContext getHttpContext() {
      return null;
    }

    @Override
    public void close() {}

    @Override
    public InputStream getRequestBody() {
      return new ByteArrayInputStream(new byte[0]);
    }

    @Override
    public OutputStream getResponseBody() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public void sendResponseHeaders(int code, long length) {}

    @Override
    public InetSocketAddress getRemoteAddress() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Override
    public int getResponseCode() {
      return -1;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    @Override
    public String getProtocol() {
      return "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
      return null;
    }

    @Override
    public void setAttribute(String name, Object value) {}

    @Override
    public void setStreams(InputStream in, OutputStream out) {}

    @Override
    public HttpPrincipal getPrincipal() {
      return null;
    }
  }
}
