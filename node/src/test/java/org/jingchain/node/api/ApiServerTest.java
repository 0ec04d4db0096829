package org.jingchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the API server refuses before any handler runs (docs/api.md, "What the server refuses"),
 * over real sockets on 127.0.0.1: hosts a browser page could name through DNS rebinding, bodies a
 * page could post cross-site without asking, and the headers every answer carries.
 */
class ApiServerTest {
  static ApiServer server;

  @BeforeAll
  static void start() throws IOException {
    server =
        new ApiServer(
            "127.0.0.1",
            0,
            List.of(
                new Route("GET", "/x", req -> Response.ok(Map.of("ok", true))),
                new Route("POST", "/y", req -> Response.ok(Map.of("bytes", req.body().length)))),
            1024,
            1_000_000,
            Set.of("node1.city.example"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** One raw HTTP/1.1 exchange: the status line, headers and body as the server sent them. */
  static String exchange(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      in.transferTo(got);
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }

  static String get(String host) throws IOException {
    return exchange(
        "GET /x HTTP/1.1\r\n"
            + (host == null ? "" : "Host: " + host + "\r\n")
            + "Connection: close\r\n\r\n");
  }

  static String post(String contentType, String body) throws IOException {
    return exchange(
        "POST /y HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
            + "Content-Length: "
            + body.length()
            + "\r\nConnection: close\r\n\r\n"
            + body);
  }

  @ParameterizedTest(name = "Host: {0} -> {1}")
  @CsvSource({
    "127.0.0.1:8645, true",
    "127.0.0.1, true",
    "10.1.2.3:80, true",
    "[::1]:8645, true",
    "localhost:8645, true",
    "LOCALHOST, true",
    "node1.city.example:8645, true",
    "Node1.City.Example, true",
    "evil.example, false",
    "evil.example:8645, false",
    "localhost.evil.example, false",
    "127.0.0.1.evil.example, false",
    "node1.city.example.evil, false",
    "localhost:80x, false",
    "[::1, false",
  })
  void aHostHeaderMustNameAnAddressLocalhostOrAnAllowedName(String host, boolean allowed) {
    assertThat(ApiServer.hostAllowed(host, Set.of("node1.city.example"))).isEqualTo(allowed);
    assertThat(ApiServer.hostAllowed(host, Set.of("*"))).isTrue();
  }

  @Test
  void aPageReachingTheNodeThroughAnotherNameIsRefused() throws IOException {
    String r = get("rebind.attacker.example:8645");
    assertThat(r).startsWith("HTTP/1.1 421").contains("\"code\":\"HOST_NOT_ALLOWED\"");
    assertThat(get("127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200");
    assertThat(get("node1.city.example")).startsWith("HTTP/1.1 200");
  }

  @Test
  void refusedClientsAreSecurityEventsAndAClientsMistakesAreNot() throws IOException {
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.securityLog().listen((component, event) -> events.add(component + "/" + event));
    try {
      assertThat(get("127.0.0.1:" + server.port())).startsWith("HTTP/1.1 200");
      assertThat(exchange("GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 404");
      assertThat(events).isEmpty();
      assertThat(get("rebind.attacker.example")).startsWith("HTTP/1.1 421");
      assertThat(
              exchange(
                  "POST /y HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                      + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"))
          .startsWith("HTTP/1.1 415");
      assertThat(events).containsExactly("api/HOST_NOT_ALLOWED", "api/UNSUPPORTED_MEDIA_TYPE");
    } finally {
      server.securityLog().listen((component, event) -> {});
    }
  }

  @Test
  void everyAnswerCarriesTheBrowserSecurityHeaders() throws IOException {
    for (String r : List.of(get("127.0.0.1"), get("evil.example"), post("text/plain", "{}"))) {
      String headers = r.substring(0, r.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
      assertThat(headers)
          .contains("x-content-type-options: nosniff")
          .contains("x-frame-options: deny")
          .contains("content-security-policy: default-src 'self'; frame-ancestors 'none'")
          .contains("referrer-policy: no-referrer");
    }
  }

  @Test
  void aBodyIsReadOnlyWhenSentAsJson() throws IOException {
    for (String type :
        new String[] {
          "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null
        }) {
      String r = post(type, "{\"a\":1}");
      assertThat(r).as(String.valueOf(type)).startsWith("HTTP/1.1 415");
      assertThat(r).contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\"");
    }
    assertThat(post("application/json", "{}")).startsWith("HTTP/1.1 200").contains("\"bytes\":2");
    assertThat(post("Application/JSON; charset=utf-8", "{}")).startsWith("HTTP/1.1 200");
  }

  record Shape(String tx, int n) {}

  @Test
  void jsonOfTheWrongShapeNamesTheFieldNotJavaTypes() {
    for (String body :
        List.of("[]", "\"x\"", "{\"tx\":[1]}", "{\"n\":\"many\"}", "{\"n\":1.5e99}")) {
      assertThatThrownBy(
              () -> ApiServer.readJson(body.getBytes(StandardCharsets.UTF_8), Shape.class))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                assertThat(e.getMessage())
                    .as(body)
                    .doesNotContain("org.jingchain")
                    .doesNotContain("java.")
                    .doesNotContain("$");
              });
    }
    assertThatThrownBy(
            () -> ApiServer.readJson("{\"tx\":[1]}".getBytes(StandardCharsets.UTF_8), Shape.class))
        .hasMessageContaining("field 'tx'");
  }
}
