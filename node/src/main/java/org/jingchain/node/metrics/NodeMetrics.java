package org.jingchain.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.jingchain.node.Chain;
import org.jingchain.node.Mempool;
import org.jingchain.service.CommittedBlock;
import org.jingchain.service.ServiceMetrics;
import org.jingchain.types.Receipt;

/**
 * The node's Prometheus metrics (names in docs/metrics.md). Gauges read live values at scrape time;
 * counters and the commit-latency histogram follow committed blocks.
 */
public final class NodeMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter blocks;
  private final Counter transactions;
  private final Counter failed;
  private final Timer commitLatency;
  private final Clock clock;

  /** Live values the metrics read from consensus and the network. */
  public record Sources(
      LongSupplier round,
      LongSupplier timeoutsSent,
      LongSupplier rejectedMessages,
      LongSupplier droppedMessages,
      LongSupplier peers,
      LongSupplier storageBytes) {}

  public NodeMetrics(Chain chain, Mempool mempool, Sources sources, Clock clock) {
    this.clock = clock;
    gauge(
        "jing.chain.height",
        "height of the last committed block",
        c -> chain.head().height(),
        chain);
    gauge("jing.consensus.round", "the consensus round this node is in", sources.round());
    gauge(
        "jing.mempool.transactions",
        "transactions waiting to be committed",
        m -> m.size(),
        mempool);
    gauge("jing.mempool.bytes", "bytes of transactions waiting", m -> m.bytes(), mempool);
    gauge("jing.p2p.peers", "validators this node is connected to", sources.peers());
    gauge(
        "jing.storage.size.bytes",
        "approximate RocksDB size (SST files and memtables)",
        sources.storageBytes());
    counter(
        "jing.consensus.timeouts.sent", "rounds this validator gave up on", sources.timeoutsSent());
    counter(
        "jing.consensus.messages.rejected",
        "consensus messages rejected as invalid or undecodable",
        sources.rejectedMessages());
    counter(
        "jing.consensus.messages.dropped",
        "consensus messages dropped because the inbox was full",
        sources.droppedMessages());
    blocks =
        Counter.builder("jing.blocks.committed").description("blocks committed").register(registry);
    transactions =
        Counter.builder("jing.transactions.committed")
            .description("transactions committed (successful or failed receipts)")
            .register(registry);
    failed =
        Counter.builder("jing.transactions.failed")
            .description("committed transactions whose receipt failed")
            .register(registry);
    FunctionCounter.builder("jing.blocks.execution.seconds", chain, c -> c.executionNanos() / 1e9)
        .description("time spent executing blocks and updating the state tree")
        .register(registry);
    commitLatency =
        Timer.builder("jing.consensus.commit.latency")
            .description("from a block's timestamp (set by its proposer) to its commit here")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(10))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .register(registry);
    chain.addListener(this::onCommit);
  }

  private void gauge(String name, String help, LongSupplier value) {
    Gauge.builder(name, value, v -> (double) v.getAsLong()).description(help).register(registry);
  }

  private <T> void gauge(String name, String help, ToDoubleFunction<T> f, T obj) {
    Gauge.builder(name, obj, f).description(help).register(registry);
  }

  private void counter(String name, String help, LongSupplier value) {
    FunctionCounter.builder(name, value, v -> (double) v.getAsLong())
        .description(help)
        .register(registry);
  }

  private void onCommit(CommittedBlock c) {
    blocks.increment();
    transactions.increment(c.receipts().size());
    failed.increment(
        (double) c.receipts().stream().filter(r -> r.status() != Receipt.Status.SUCCESS).count());
    long age = clock.millis() - c.block().header().timestampMillis();
    commitLatency.record(Duration.ofMillis(Math.max(0, age)));
  }

  /** Records one API request's duration under its route template, method and status. */
  public void apiRequest(String route, String method, int status, long nanos) {
    Timer.builder("jing.api.request")
        .description("API request handling time")
        .tags("route", route, "method", method, "status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  /**
   * A refused client or a failed handshake ({@code jing_security_events_total{component, event}});
   * the security log decides which of them are also written as lines.
   */
  public void securityEvent(String component, String event) {
    io.micrometer.core.instrument.Counter.builder("jing.security.events")
        .description("refused API clients and failed p2p handshakes, by component and event code")
        .tags("component", component, "event", event)
        .register(registry)
        .increment();
  }

  /** Metrics of the service {@code name}, exposed as {@code jing_<name>_<metric>}. */
  public ServiceMetrics forService(String name) {
    String prefix = "jing." + name.replace('-', '_') + ".";
    return new ServiceMetrics() {
      @Override
      public void gauge(String metric, String help, java.util.function.DoubleSupplier value) {
        Gauge.builder(prefix + metric, value, v -> v.getAsDouble())
            .description(help)
            .register(registry);
      }

      @Override
      public Counter counter(String metric, String help) {
        io.micrometer.core.instrument.Counter c =
            io.micrometer.core.instrument.Counter.builder(prefix + metric)
                .description(help)
                .register(registry);
        return by -> c.increment(by);
      }
    };
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }
}
