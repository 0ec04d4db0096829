package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on the {@code net} commands that need no running node: each prints one JSON
 * document and nothing else, so scripts parse it (issue 20: "--json truly everywhere"). NetworkIT
 * covers {@code up}, {@code down --kill} and {@code logs} on running nodes.
 */
class NetJsonTest {
  @TempDir Path dir;

  static JsonNode json(NetAddNodeTest.Run r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return ApiOptions.JSON.readTree(r.out());
  }

  @Test
  void initAddNodeDownAndLogsPrintOneJsonDocumentEach() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // nothing answers there
    }
    String net = dir.resolve("net").toString();
    JsonNode init =
        json(
            NetAddNodeTest.jing(
                "net",
                "init",
                "--validators",
                "3",
                "--suite",
                "sm",
                "--dir",
                net,
                "--api-port",
                Integer.toString(port),
                "--p2p-port",
                Integer.toString(port + 5),
                "--json"));
    assertThat(init.path("suite").asText()).isEqualTo("sm");
    assertThat(init.path("chainId").asText()).isEqualTo("jing-net");
    assertThat(init.path("genesis").asText()).endsWith("genesis.json");
    assertThat(init.path("nodes")).hasSize(3);
    assertThat(init.path("nodes").get(1).path("node").asText()).isEqualTo("node1");
    assertThat(init.path("nodes").get(1).path("api").asText())
        .isEqualTo("http://127.0.0.1:" + (port + 1));
    assertThat(init.path("nodes").get(1).path("address").asText()).startsWith("js");
    assertThat(init.path("nodes").get(1).path("publicKey").asText()).startsWith("sm:");
    // each node's key and password sit in a directory only its owner can enter
    Path node1 = Path.of(net, "node1");
    assertThat(java.nio.file.Files.getPosixFilePermissions(node1))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    assertThat(java.nio.file.Files.getPosixFilePermissions(node1.resolve("validator.key.password")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    JsonNode added = json(NetAddNodeTest.jing("net", "add-node", "--dir", net, "--json"));
    assertThat(added.path("node").asText()).isEqualTo("node3");
    assertThat(added.path("api").asText()).isEqualTo("http://127.0.0.1:" + (port + 3));
    assertThat(added.path("publicKey").asText()).startsWith("sm:");
    assertThat(added.path("org").asText()).isEqualTo("genesis");

    JsonNode down = json(NetAddNodeTest.jing("net", "down", "--dir", net, "--json"));
    assertThat(down).hasSize(4);
    assertThat(down.get(0).path("state").asText()).isEqualTo("not running");

    JsonNode logs = json(NetAddNodeTest.jing("net", "logs", "--dir", net, "--node", "2", "--json"));
    assertThat(logs).hasSize(1);
    assertThat(logs.get(0).path("node").asText()).isEqualTo("node2");
    assertThat(logs.get(0).path("lines")).isEmpty();
  }
}
