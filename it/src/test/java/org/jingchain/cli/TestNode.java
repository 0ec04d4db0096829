package org.jingchain.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.node.JingNode;
import org.jingchain.node.NodeConfig;
import org.jingchain.sdk.JingClient;
import org.jingchain.types.SuiteId;

/** An in-process node on a temporary RocksDB and a free 127.0.0.1 port, for integration tests. */
final class TestNode implements AutoCloseable {
  final JingNode node;
  final JingClient client;
  final String url;
  final KeyPair validator;

  TestNode(Path dir, SuiteId suite, Map<String, String> settings) throws IOException {
    this(dir, suite, settings, CryptoSuites.of(suite).generateKeyPair(new SecureRandom()));
  }

  /** A node with this validator key (for a genesis file written with it: genesis.file). */
  TestNode(Path dir, SuiteId suite, Map<String, String> settings, KeyPair validatorKey)
      throws IOException {
    Map<String, String> s = new TreeMap<>();
    s.put("data.dir", dir.toString());
    s.put("chain.suite", suite.label());
    s.put("chain.id", "test-" + suite.label());
    s.put("api.port", "0");
    s.put("block.intervalMillis", "10");
    s.put("storage.sync", "false");
    s.put("storage.cacheBytes", Long.toString(16L << 20));
    s.putAll(settings);
    validator = validatorKey;
    node =
        JingNode.start(
            NodeConfig.defaultsWith(s),
            validator,
            Clock.systemUTC(),
            org.jingchain.platform.Platform.services());
    url = "http://127.0.0.1:" + node.apiPort();
    client = new JingClient(url);
  }

  TestNode(Path dir, SuiteId suite) throws IOException {
    this(dir, suite, Map.of());
  }

  @Override
  public void close() {
    node.close();
  }
}
