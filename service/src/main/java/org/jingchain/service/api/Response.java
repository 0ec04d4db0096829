package org.jingchain.service.api;

/**
 * A response: an HTTP status and a value for the node to render as JSON, or a {@link Text} body
 * sent as is.
 */
public record Response(int status, Object body) {
  public static Response ok(Object body) {
    return new Response(200, body);
  }

  /** A non-JSON body with its content type (the Prometheus exposition, console files). */
  public record Text(String contentType, org.jingchain.types.Bytes bytes) {}
}
