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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;

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
  private volatile RequestObserver observer = (route, method, status, nanos) -> {};

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

  /** Told about every finished request (metrics); streams are left out, they last minutes. */
  @FunctionalInterface
  public interface RequestObserver {
    void finished(String route, String method, int status, long nanos);
  }

  public void observe(RequestObserver o) {
    this.observer = o;
  }

  private void dispatch(HttpExchange ex) {
    long start = System.nanoTime();
    String template = "unmatched";
    int status = 500;
    try (ex) {
      try {
        if (!limiter.tryAcquire(ex.getRemoteAddress().getAddress(), System.nanoTime())) {
          throw new ApiException(
              ErrorCode.RATE_LIMITED, "more than the allowed requests per second from this client");
        }
        Route route = match(ex);
        template = route.template();
        Response r =
            route
                .handler()
                .handle(
                    new Request(
                        route.match(ex.getRequestURI().getRawPath()).orElseThrow(),
                        ex.getRequestURI().getRawQuery(),
                        () -> body(ex, maxBodyBytes),
                        ex));
        status = 200;
        if (r != null) {
          status = r.status();
          send(ex, r.status(), r.body());
        }
      } catch (ApiException e) {
        status = e.code().httpStatus();
        send(ex, status, new Views.ErrorBody(e.code().name(), e.getMessage()));
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
    if (!template.contains("/stream/")) {
      observer.finished(template, ex.getRequestMethod(), status, System.nanoTime() - start);
    }
  }

  private Route match(HttpExchange ex) throws ApiException {
    String path = ex.getRequestURI().getRawPath();
    boolean pathMatched = false;
    for (Route r : routes) {
      if (r.match(path).isEmpty()) {
        continue;
      }
      pathMatched = true;
      if (r.method().equals(ex.getRequestMethod())) {
        return r;
      }
    }
    if (pathMatched) {
      throw new ApiException(
          ErrorCode.METHOD_NOT_ALLOWED, ex.getRequestMethod() + " is not allowed on " + path);
    }
    throw new ApiException(ErrorCode.NOT_FOUND, "no route " + path + "; see /api/v1/openapi.json");
  }

  /**
   * Reads the body; more than the limit is {@code BODY_TOO_LARGE}, whatever Content-Length says.
   */
  static byte[] body(HttpExchange ex, int maxBodyBytes) throws ApiException {
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        long n = Long.parseLong(declared.trim());
        if (n > maxBodyBytes) {
          drain(ex, n, maxBodyBytes);
          throw tooLarge(maxBodyBytes);
        }
      } catch (NumberFormatException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "invalid Content-Length");
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] b = in.readNBytes(maxBodyBytes + 1);
      if (b.length > maxBodyBytes) {
        throw tooLarge(maxBodyBytes);
      }
      return b;
    } catch (IOException e) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "cannot read the request body: " + e.getMessage());
    }
  }

  /**
   * Reads and discards a moderately oversized body so the client, still sending, receives the 413
   * instead of a connection reset; bodies over 4x the limit are not drained.
   */
  private static void drain(HttpExchange ex, long declared, int maxBodyBytes) {
    if (declared > 4L * maxBodyBytes) {
      return;
    }
    try (InputStream in = ex.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went away; nothing to drain
    }
  }

  private static ApiException tooLarge(int maxBodyBytes) {
    return new ApiException(
        ErrorCode.BODY_TOO_LARGE, "request body exceeds " + maxBodyBytes + " bytes");
  }

  static void send(HttpExchange ex, int status, Object body) throws IOException {
    String type = "application/json";
    byte[] bytes;
    if (body instanceof Response.Text t) {
      type = t.contentType();
      bytes = t.bytes().unsafeArray();
    } else {
      bytes = body instanceof byte[] b ? b : JSON.writeValueAsBytes(body);
    }
    ex.getResponseHeaders().set("Content-Type", type);
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
