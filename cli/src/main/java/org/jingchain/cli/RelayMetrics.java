package org.jingchain.cli;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jingchain.sdk.xchain.Relayer;

/**
 * The relayer's Prometheus metrics (docs/metrics.md), served at {@code /metrics} on 127.0.0.1 when
 * {@code jing relay start --metrics-port} asks for them. Tagged by direction: {@code from} the
 * chain whose packets they are, {@code to} the other.
 */
final class RelayMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();
  private final Counter passes;
  private final Counter failedPasses;
  private HttpServer server;

  RelayMetrics() {
    passes = registry.counter("jing_relay_passes");
    failedPasses = registry.counter("jing_relay_pass_failures");
  }

  /** Serves {@code /metrics} on 127.0.0.1:{@code port}; returns the port (0 picks one). */
  int serve(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/metrics",
        ex -> {
          byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
          }
        });
    server.start();
    return server.getAddress().getPort();
  }

  void record(Relayer.Pass p) {
    String[] tags = {"from", p.from(), "to", p.to()};
    registry.counter("jing_relay_packets_received", tags).increment(p.received());
    registry.counter("jing_relay_packets_acknowledged", tags).increment(p.acknowledged());
    registry.counter("jing_relay_packets_timed_out", tags).increment(p.timedOut());
    registry.counter("jing_relay_client_updates", tags).increment(p.updates());
    registry.counter("jing_relay_refused_transactions", tags).increment(p.refusedTransactions());
    registry.counter("jing_relay_already_done", tags).increment(p.alreadyDone());
    backlog
        .computeIfAbsent(
            p.from() + "->" + p.to(),
            k ->
                registry.gauge(
                    "jing_relay_backlog_packets",
                    io.micrometer.core.instrument.Tags.of(tags),
                    new AtomicLong()))
        .set(p.pending());
  }

  void passDone(boolean failed) {
    passes.increment();
    if (failed) {
      failedPasses.increment();
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
