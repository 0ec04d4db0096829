package org.jingchain.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jingchain.node.ErrorCode;

/**
 * Serves the REST API on the JDK's HTTP server with a virtual thread per request. Every route
 * answers JSON; every failure is {@code {code, message}} with the code's HTTP status.
 */
public final class ApiServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes;
  private final int maxBodyBytes;
  private final RateLimiter limiter;

  public ApiServer(
      String host, int port, List<Route> routes, int maxBodyBytes, int requestsPerSecond)
      throws IOException {
    this.routes = List.copyOf(routes);
    this.maxBodyBytes = maxBodyBytes;
    this.limiter = new RateLimiter(requestsPerSecond);
    this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  public void start() {
    server.start();
  }

  /** The bound port (useful when configured with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  public List<Route> routes() {
    return routes;
  }

  private void dispatch(HttpExchange ex) {
    try (ex) {
      try {
        if (!limiter.tryAcquire(ex.getRemoteAddress().getAddress(), System.nanoTime())) {
          throw new ApiException(
              ErrorCode.RATE_LIMITED, "more than the allowed requests per second from this client");
        }
        Response r = route(ex);
        if (r != null) {
          send(ex, r.status(), r.body());
        }
      } catch (ApiException e) {
        send(ex, e.code().httpStatus(), new Views.ErrorBody(e.code().name(), e.getMessage()));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "request " + ex.getRequestURI() + " failed", e);
        send(
            ex,
            500,
            new Views.ErrorBody(
                ErrorCode.INTERNAL.name(), "internal error: " + e.getClass().getSimpleName()));
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "client went away: {0}", e.getMessage());
    }
  }

  private Response route(HttpExchange ex) throws ApiException, IOException {
    String path = ex.getRequestURI().getRawPath();
    boolean pathMatched = false;
    for (Route r : routes) {
      Optional<Map<String, String>> params = r.match(path);
      if (params.isEmpty()) {
        continue;
      }
      pathMatched = true;
      if (r.method().equals(ex.getRequestMethod())) {
        return r.handler().handle(new Request(ex, params.get(), maxBodyBytes));
      }
    }
    if (pathMatched) {
      throw new ApiException(
          ErrorCode.METHOD_NOT_ALLOWED, ex.getRequestMethod() + " is not allowed on " + path);
    }
    throw new ApiException(ErrorCode.NOT_FOUND, "no route " + path + "; see /api/v1/openapi.json");
  }

  static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = body instanceof byte[] b ? b : JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Parses a JSON request body into {@code type}; unknown fields and bad JSON are BAD_REQUEST. */
  public static <T> T readJson(byte[] body, Class<T> type) throws ApiException {
    try {
      T v = JSON.readValue(body, type);
      if (v == null) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "request body must be a JSON object");
      }
      return v;
    } catch (UnrecognizedPropertyException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "unknown field '" + e.getPropertyName() + "'");
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "unreadable body");
    }
  }

  /** Reads a classpath resource (the OpenAPI document). */
  static byte[] resource(String name) {
    try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
