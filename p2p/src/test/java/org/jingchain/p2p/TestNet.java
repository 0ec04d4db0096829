package org.jingchain.p2p;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.SuiteId;

/**
 * Starts real nodes on 127.0.0.1 with test-friendly timings and closes them after the test; waits
 * for conditions on connection events instead of sleeping.
 */
final class TestNet implements AutoCloseable {
  static final String CHAIN = "test-chain";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<P2pNode> nodes = new ArrayList<>();

  static KeyPair key(SuiteId suite) {
    return CryptoSuites.of(suite).generateKeyPair(RANDOM);
  }

  static P2pConfig config(KeyPair identity) {
    return P2pConfig.defaults(identity, CHAIN)
        .withListenAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .withReconnect(Duration.ofMillis(20), Duration.ofMillis(200));
  }

  static PeerAddress addressOf(P2pNode node) {
    return new PeerAddress(node.publicKey(), "127.0.0.1", node.boundAddress().getPort());
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  P2pNode start(P2pConfig config, PeerAuthorizer authorizer, MessageHandler handler)
      throws IOException {
    P2pNode node = P2pNode.start(config, authorizer, handler);
    nodes.add(node);
    return node;
  }

  /** A node that admits every key of its suite. */
  P2pNode start(P2pConfig config, MessageHandler handler) throws IOException {
    return start(config, key -> true, handler);
  }

  /**
   * Returns once {@code condition} holds, re-checking it after every connection event of {@code
   * watched}; fails after the hang guard.
   */
  static void await(String what, BooleanSupplier condition, P2pNode... watched)
      throws InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable check =
        () -> {
          try {
            if (condition.getAsBoolean()) {
              done.complete(null);
            }
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        };
    for (P2pNode n : watched) {
      n.observe(check);
    }
    check.run();
    try {
      done.get(RecordingHandler.HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting until " + what, e);
    } catch (ExecutionException e) {
      throw new AssertionError("condition failed: " + what, e.getCause());
    } finally {
      for (P2pNode n : watched) {
        n.observe(() -> {});
      }
    }
  }

  @Override
  public void close() {
    nodes.forEach(P2pNode::close);
  }
}
