package org.jingchain.node.api;

/** A JSON response: an HTTP status and a value for Jackson to render. */
public record Response(int status, Object body) {
  public static Response ok(Object body) {
    return new Response(200, body);
  }
}
