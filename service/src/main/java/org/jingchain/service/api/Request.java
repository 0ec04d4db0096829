package org.jingchain.service.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One API request as a handler sees it: path parameters, query parameters and a body read on demand
 * within the server's limit. The server's own exchange is kept for handlers that stream.
 */
public final class Request {
  /** Reads the body, refusing more than the server's limit with {@code BODY_TOO_LARGE}. */
  @FunctionalInterface
  public interface Body {
    byte[] read() throws ApiException;
  }

  private final Map<String, String> pathParams;
  private final Map<String, String> query;
  private final Body body;
  private final Object exchange;
  private final Optional<Caller> caller;
  private volatile java.util.function.BooleanSupplier admitted = () -> true;
  private volatile java.util.function.BooleanSupplier onlyPublic = () -> false;

  /**
   * @param pathParams the template's parameters, still URL-encoded
   * @param rawQuery the raw query string, or null
   * @param exchange the server's exchange object (streaming handlers use it), or null
   * @throws ApiException {@code BAD_REQUEST} for a malformed query string
   */
  public Request(Map<String, String> pathParams, String rawQuery, Body body, Object exchange)
      throws ApiException {
    this(pathParams, rawQuery, body, exchange, Optional.empty());
  }

  /**
   * As {@link #Request(Map, String, Body, Object)}, from {@code caller} when the request proved who
   * sent it (docs/spec/api-access.md [ACC-5]).
   */
  public Request(
      Map<String, String> pathParams,
      String rawQuery,
      Body body,
      Object exchange,
      Optional<Caller> caller)
      throws ApiException {
    this.pathParams = Map.copyOf(pathParams);
    this.query = parseQuery(rawQuery);
    this.body = body;
    this.exchange = exchange;
    this.caller = caller;
  }

  /**
   * Whether the request would still be admitted now (its token not expired, its account's roles and
   * the chain's read rules unchanged): a handler that streams for long asks before each event
   * (docs/spec/api-access.md [ACC-6]).
   */
  public boolean stillAdmitted() {
    return admitted.getAsBoolean();
  }

  /** How {@link #stillAdmitted()} asks; the server sets it. */
  public Request recheckWith(java.util.function.BooleanSupplier check) {
    this.admitted = check;
    return this;
  }

  /**
   * Whether the caller may see only what is public of a service's records: on a chain whose
   * transactions are for members, a reader who is no member (docs/spec/api-access.md [ACC-10]).
   */
  public boolean seesOnlyPublic() {
    return onlyPublic.getAsBoolean();
  }

  /** How {@link #seesOnlyPublic()} asks; the server sets it. */
  public Request onlyPublicWhen(java.util.function.BooleanSupplier check) {
    this.onlyPublic = check;
    return this;
  }

  /** Who sent the request, when they proved it with a valid token; empty for an anonymous one. */
  public Optional<Caller> caller() {
    return caller;
  }

  /** A request without a body, for calling handlers directly (tests, benchmarks). */
  public static Request of(Map<String, String> pathParams, String rawQuery) throws ApiException {
    return new Request(pathParams, rawQuery, () -> new byte[0], null);
  }

  /** The server's exchange, for handlers that stream; null when called directly. */
  public Object exchange() {
    return exchange;
  }

  /** A path parameter, URL-decoded. */
  public String path(String name) {
    String raw = pathParams.get(name);
    if (raw == null) {
      throw new IllegalArgumentException("the route has no parameter {" + name + "}");
    }
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** The body, at most the server's limit ({@code BODY_TOO_LARGE} beyond it). */
  public byte[] body() throws ApiException {
    return body.read();
  }

  private static Map<String, String> parseQuery(String raw) throws ApiException {
    Map<String, String> q = new TreeMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String part : raw.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
        q.put(k, v);
      } catch (IllegalArgumentException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "malformed query string");
      }
    }
    return q;
  }
}
