package org.jingchain.cli;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jingchain.crypto.KeyPair;
import org.jingchain.node.JingNode;
import org.jingchain.node.NodeConfig;

/** Runs a node until SIGTERM or Ctrl-C (clean shutdown), or until consensus fails. */
final class NodeRunner {
  private static final System.Logger LOG = System.getLogger(NodeRunner.class.getName());

  private NodeRunner() {}

  /** Starts a node from a config. */
  @FunctionalInterface
  interface Starter {
    JingNode start(NodeConfig cfg) throws IOException;
  }

  static int runUntilStopped(NodeConfig cfg, KeyPair validator)
      throws IOException, InterruptedException {
    return runUntilStopped(
        cfg,
        c ->
            JingNode.start(
                c, validator, Clock.systemUTC(), org.jingchain.platform.Platform.services()));
  }

  static int runUntilStopped(NodeConfig cfg, Starter starter)
      throws IOException, InterruptedException {
    JingNode node;
    try {
      node = starter.start(cfg);
    } catch (NodeConfig.ConfigException e) {
      throw new CliException(e.getMessage());
    } catch (java.net.BindException e) {
      throw new CliException(
          "cannot listen on the API port "
              + cfg.apiHost()
              + ":"
              + cfg.apiPort()
              + (cfg.isDevChain() ? "" : " or the p2p port " + cfg.p2pPort())
              + ": "
              + e.getMessage()
              + ". Is another node running? Stop it, or pick a free port (--api-port, api.port).");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "jing-shutdown"));
    while (!stopped.await(1, TimeUnit.SECONDS)) {
      if (node.failure() != null) {
        LOG.log(System.Logger.Level.ERROR, "stopping: consensus failed: " + node.failure());
        return 1;
      }
    }
    return 0;
  }
}
