package org.jingchain.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The workload from which {@code bin/jing} records its ahead-of-time cache (JDK 25, JEP 483 and
 * 514): the command tree and its help, and a node's status and a block read as text and as JSON —
 * from a stand-in node on 127.0.0.1 that answers with answers a dev node gave. The classes these
 * load are then loaded and linked from the cache rather than from 66 jars on every command. The
 * workload is kept narrow on purpose: every class in the cache is loaded at every start, so
 * training on rarely used paths (the sm suite, key generation) makes the common ones slower
 * (docs/performance.md, "CLI start-up"). Not a command: {@code bin/jing} runs it once per build.
 */
final class StartupTraining {
  private StartupTraining() {}

  static final String STATUS =
      """
      {"chainId":"jing-dev","suite":"intl","height":101,\
      "headHash":"44d3f753776ed77a9bda978fb18989f8a1202672b8fecbf3dc56e37a3b8a288b",\
      "headTimestampMillis":1796614208161,\
      "stateRoot":"50490e8973a43c55546eaaffd70988b1bdde77ac7b5b9c725e327dc343a7390f",\
      "oldestStateVersion":0,"mempool":{"txs":0,"bytes":0},\
      "consensus":{"self":0,"validators":["ji2cf39755864a672ee16ab0d2c220ad5fb0db4f36"],\
      "round":103,"peers":0,"timeoutsSent":0},"version":"0.1.0"}""";

  static final String BLOCK =
      """
      {"header":{"height":1,"round":1,\
      "hash":"8791ac8e3207bee4c1d31dcc0102cd29d381f7cf5388a6236eafb44d3b5f669a",\
      "parentHash":"00847534ebd2e9f4b8610b59e51b44f96d9baef723ebb0350a74cb26657a9601",\
      "timestampMillis":1796614108076,"proposer":"ji2cf39755864a672ee16ab0d2c220ad5fb0db4f36",\
      "txRoot":"0000000000000000000000000000000000000000000000000000000000000000","txCount":0,\
      "stateRoot":"50490e8973a43c55546eaaffd70988b1bdde77ac7b5b9c725e327dc343a7390f",\
      "resultsRoot":"0000000000000000000000000000000000000000000000000000000000000000"},\
      "transactions":[],"receipts":[]}""";

  public static void main(String[] args) throws IOException {
    train();
  }

  /** Runs the workload; returns each command's exit code (all 0 when it trained what it should). */
  static List<Integer> train() throws IOException {
    HttpServer node =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    node.createContext(
        "/api/v1/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String body =
              switch (path) {
                case "/api/v1/status" -> STATUS;
                case "/api/v1/blocks/1" -> BLOCK;
                default -> null;
              };
          byte[] bytes =
              (body != null ? body : "{\"code\":\"NOT_FOUND\",\"message\":\"no " + path + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    node.start();
    try {
      String api = "http://127.0.0.1:" + node.getAddress().getPort();
      return List.of(
          run("--help"),
          run("status", "--api", api),
          run("status", "--json", "--api", api),
          run("block", "get", "1", "--api", api),
          run("block", "get", "1", "--json", "--api", api));
    } finally {
      node.stop(0);
    }
  }

  private static int run(String... args) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    return Jing.run(args, sink, sink);
  }
}
