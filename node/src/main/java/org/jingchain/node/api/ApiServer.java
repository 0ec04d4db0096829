package org.jingchain.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;

/**
 * Serves the REST API on the JDK's HTTP server with a virtual thread per request. Every route
 * answers JSON; every failure is {@code {code, message}} with the code's HTTP status.
 *
 * <p>Before any handler runs (docs/api.md, "What the server refuses"): a {@code Host} header must
 * name an IP address, {@code localhost} or one of the allowed host names ({@code HOST_NOT_ALLOWED},
 * against DNS rebinding); a request with a body must say {@code Content-Type: application/json}
 * ({@code UNSUPPORTED_MEDIA_TYPE}, so no web page can post one as a simple cross-site request); and
 * every answer carries headers that keep browsers from sniffing, framing or sending the console's
 * address elsewhere.
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
  private final Set<String> allowedHosts;
  private volatile RequestObserver observer = (route, method, status, nanos) -> {};
  private volatile Guard guard = Guard.OPEN;

  /**
   * Response headers on every answer: no MIME sniffing, no framing (clickjacking), scripts, styles
   * and connections only from the node itself, and no referrer leaking the node's address.
   */
  static final List<String[]> SECURITY_HEADERS =
      List.of(
          new String[] {"X-Content-Type-Options", "nosniff"},
          new String[] {"X-Frame-Options", "DENY"},
          new String[] {
            "Content-Security-Policy",
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
          },
          new String[] {"Referrer-Policy", "no-referrer"});

  public ApiServer(
      String host, int port, List<Route> routes, int maxBodyBytes, int requestsPerSecond)
      throws IOException {
    this(host, port, routes, maxBodyBytes, requestsPerSecond, Set.of());
  }

  /**
   * @param allowedHosts host names (lower case, no port) a {@code Host} header may name besides IP
   *     addresses and {@code localhost}; {@code *} allows any
   */
  public ApiServer(
      String host,
      int port,
      List<Route> routes,
      int maxBodyBytes,
      int requestsPerSecond,
      Set<String> allowedHosts)
      throws IOException {
    this(host, port, routes, maxBodyBytes, requestsPerSecond, allowedHosts, null);
  }

  /**
   * @param tls HTTPS instead of HTTP, or null (docs/security.md, "TLS")
   */
  public ApiServer(
      String host,
      int port,
      List<Route> routes,
      int maxBodyBytes,
      int requestsPerSecond,
      Set<String> allowedHosts,
      ApiTls tls)
      throws IOException {
    this.routes = List.copyOf(routes);
    this.maxBodyBytes = maxBodyBytes;
    this.allowedHosts = Set.copyOf(allowedHosts);
    this.limiter = new RateLimiter(requestsPerSecond);
    if (tls == null) {
      this.server = HttpServer.create(new InetSocketAddress(host, port), 1024);
    } else {
      com.sun.net.httpserver.HttpsServer https =
          com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(host, port), 1024);
      https.setHttpsConfigurator(tls.configurator());
      this.server = https;
    }
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  private static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";

  /**
   * How long a client may take to send one request, headers and body, before its connection is
   * closed: a client trickling a header line or a body byte every few seconds no longer holds a
   * connection for as long as it likes. The JDK's server reads this once per process, when its
   * first server starts; a node calls this before it starts its API, and in a process that runs
   * several nodes (tests) the first one's value holds. Responses are not limited: block streams
   * last for hours.
   */
  public static void limitRequestTime(int seconds) {
    if (System.getProperty(MAX_REQ_TIME) == null) {
      System.setProperty(MAX_REQ_TIME, Integer.toString(seconds));
    }
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

  /**
   * Decides, before a route's handler runs, whether the request may read it, and who sent it
   * (docs/spec/api-access.md).
   */
  @FunctionalInterface
  public interface Guard {
    /**
     * The caller a request proved, if any, when it may read a route of {@code family}.
     *
     * @param family the route's family ({@link Route#family()}; null: its registrar named none)
     * @param authorization the request's {@code Authorization} header, or null
     * @throws ApiException {@code AUTH_REQUIRED}, {@code TOKEN_INVALID}, {@code TOKEN_EXPIRED} or
     *     {@code ACCESS_DENIED}
     */
    java.util.Optional<org.jingchain.service.api.Caller> admit(String family, String authorization)
        throws ApiException;

    /**
     * Whether {@code caller} sees only the public records of a service (docs/spec/api-access.md
     * [ACC-10]); no by default.
     */
    default boolean seesOnlyPublic(java.util.Optional<org.jingchain.service.api.Caller> caller) {
      return false;
    }

    /** Everyone reads everything; no one is identified. */
    Guard OPEN = (family, authorization) -> java.util.Optional.empty();
  }

  private static boolean stillAdmitted(Guard g, String family, String authorization) {
    try {
      g.admit(family, authorization);
      return true;
    } catch (ApiException e) {
      return false;
    }
  }

  /** Who may read what; set before {@link #start()}. */
  public void guard(Guard g) {
    this.guard = g;
  }

  /** Refusals that say something about a client, not about a request's content. */
  static final Set<ErrorCode> SECURITY_CODES =
      Set.of(
          ErrorCode.HOST_NOT_ALLOWED,
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          ErrorCode.RATE_LIMITED,
          ErrorCode.BODY_TOO_LARGE,
          ErrorCode.AUTH_REQUIRED,
          ErrorCode.TOKEN_INVALID,
          ErrorCode.TOKEN_EXPIRED,
          ErrorCode.ACCESS_DENIED);

  private final org.jingchain.types.SecurityLog security =
      new org.jingchain.types.SecurityLog("api");

  /**
   * Refused clients, as bounded security lines (docs/security.md, "Security log"); the node's
   * metrics listen to it.
   */
  public org.jingchain.types.SecurityLog securityLog() {
    return security;
  }

  private void dispatch(HttpExchange ex) {
    long start = System.nanoTime();
    String template = "unmatched";
    int status = 500;
    try (ex) {
      for (String[] h : SECURITY_HEADERS) {
        ex.getResponseHeaders().set(h[0], h[1]);
      }
      try {
        if (!hostAllowed(ex.getRequestHeaders().getFirst("Host"), allowedHosts)) {
          throw new ApiException(
              ErrorCode.HOST_NOT_ALLOWED,
              "this node does not answer for host '"
                  + ex.getRequestHeaders().getFirst("Host")
                  + "'; an operator who reaches it by that name lists it in api.allowedHosts");
        }
        if (!limiter.tryAcquire(ex.getRemoteAddress().getAddress(), System.nanoTime())) {
          throw new ApiException(
              ErrorCode.RATE_LIMITED, "more than the allowed requests per second from this client");
        }
        Route route = match(ex);
        template = route.template();
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        Guard g = guard;
        var caller = g.admit(route.family(), authorization);
        if (!route.method().equals("GET")) {
          requireJson(ex.getRequestHeaders().getFirst("Content-Type"));
        }
        Response r =
            route
                .handler()
                .handle(
                    new Request(
                            route.match(ex.getRequestURI().getRawPath()).orElseThrow(),
                            ex.getRequestURI().getRawQuery(),
                            () -> body(ex, maxBodyBytes),
                            ex,
                            caller)
                        .recheckWith(() -> stillAdmitted(g, route.family(), authorization))
                        .onlyPublicWhen(() -> g.seesOnlyPublic(caller)));
        status = 200;
        if (r != null) {
          status = r.status();
          send(ex, r.status(), r.body());
        }
      } catch (ApiException e) {
        status = e.code().httpStatus();
        if (SECURITY_CODES.contains(e.code())) {
          security.note(
              e.code().name(),
              ex.getRemoteAddress().getAddress().getHostAddress(),
              ex.getRequestMethod()
                  + " "
                  + ex.getRequestURI().getRawPath()
                  + ": "
                  + e.getMessage());
        }
        if (status == 401) {
          // RFC 6750: how to authenticate, and why a token was refused
          ex.getResponseHeaders()
              .set(
                  "WWW-Authenticate",
                  e.code() == ErrorCode.AUTH_REQUIRED
                      ? "Bearer realm=\"jingchain\""
                      : "Bearer realm=\"jingchain\", error=\"invalid_token\"");
        }
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

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  /**
   * Whether a {@code Host} header may reach this node: absent (a client that is no browser), an IP
   * address, {@code localhost}, or a name in {@code allowed}. A page on a name the attacker
   * controls, resolved to this node's address (DNS rebinding), sends its own name and is refused.
   */
  static boolean hostAllowed(String header, Set<String> allowed) {
    if (header == null || allowed.contains("*")) {
      return true;
    }
    String h = header.trim().toLowerCase(Locale.ROOT);
    String name;
    String port = "";
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      if (close < 0) {
        return false;
      }
      name = h.substring(0, close + 1);
      port = h.substring(close + 1);
    } else {
      int colon = h.indexOf(':');
      name = colon < 0 ? h : h.substring(0, colon);
      port = colon < 0 ? "" : h.substring(colon);
    }
    if (!port.isEmpty() && !port.matches(":[0-9]{1,5}")) {
      return false;
    }
    if (name.startsWith("[") || IPV4.matcher(name).matches() || name.equals("localhost")) {
      return true;
    }
    return allowed.contains(name);
  }

  /** A request with a body must be JSON: browsers cannot send that cross-site unasked. */
  static void requireJson(String contentType) throws ApiException {
    String media =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      throw new ApiException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          (contentType == null ? "no Content-Type" : "Content-Type '" + contentType + "'")
              + "; send the body as application/json");
    }
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
    } catch (JsonMappingException e) {
      // Jackson's own message names Java types; say which field instead
      String field =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
              .orElse("");
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          field.isEmpty()
              ? "the request body must be a JSON object with the documented fields"
              : "field '" + field + "' has the wrong type; see /api/v1/openapi.json");
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
