package org.jingchain.service;

import java.util.function.DoubleSupplier;

/**
 * A service's metrics, exposed by the node's Prometheus endpoint as {@code jing_<service>_<name>}
 * (docs/metrics.md).
 */
public interface ServiceMetrics {
  /** A value read when scraped. */
  void gauge(String name, String help, DoubleSupplier value);

  /** A counter that only goes up. */
  Counter counter(String name, String help);

  /** A monotonic count. */
  interface Counter {
    void increment(long by);

    default void increment() {
      increment(1);
    }
  }

  /** Metrics that go nowhere (tests, tools without a node). */
  ServiceMetrics NONE =
      new ServiceMetrics() {
        @Override
        public void gauge(String name, String help, DoubleSupplier value) {}

        @Override
        public Counter counter(String name, String help) {
          return by -> {};
        }
      };
}
