package org.jingchain.node.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jingchain.node.ErrorCode;

/**
 * A matched request: path and query parameters, and a body read on demand within the size limit.
 */
public final class Request {
  private final HttpExchange exchange;
  private final Map<String, String> pathParams;
  private final Map<String, String> query;
  private final int maxBodyBytes;

  /**
   * A request as the API server makes one; public so embedders and benchmarks can call handlers.
   */
  public Request(HttpExchange exchange, Map<String, String> pathParams, int maxBodyBytes)
      throws ApiException {
    this.exchange = exchange;
    this.pathParams = pathParams;
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    this.maxBodyBytes = maxBodyBytes;
  }

  public HttpExchange exchange() {
    return exchange;
  }

  public String path(String name) {
    return URLDecoder.decode(pathParams.get(name), StandardCharsets.UTF_8);
  }

  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /**
   * Reads the body; more than the limit is {@code BODY_TOO_LARGE}, whatever Content-Length says.
   */
  public byte[] body() throws ApiException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        long n = Long.parseLong(declared.trim());
        if (n > maxBodyBytes) {
          drain(n);
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, "invalid Content-Length");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] b = in.readNBytes(maxBodyBytes + 1);
      if (b.length > maxBodyBytes) {
        throw tooLarge();
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
  private void drain(long declared) {
    if (declared > 4L * maxBodyBytes) {
      return;
    }
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the client went away; nothing to drain
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        ErrorCode.BODY_TOO_LARGE, "request body exceeds " + maxBodyBytes + " bytes");
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
