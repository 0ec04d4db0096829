package org.jingchain.sdk.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jingchain.sdk.BlockSubscription;
import org.jingchain.sdk.ChainEvent;
import org.jingchain.sdk.JingClient;

/**
 * Follows the chain and prints the asset contract's events as blocks commit, from a given height
 * on, with no gaps even if the connection drops. Run: {@code java -cp ... WatchEventsExample
 * http://127.0.0.1:8645}.
 */
public final class WatchEventsExample {
  private WatchEventsExample() {}

  /** Collects the first {@code count} asset events from {@code fromHeight} on, or fewer by then. */
  public static List<ChainEvent> run(JingClient node, long fromHeight, int count, Duration wait)
      throws InterruptedException {
    List<ChainEvent> events = new ArrayList<>();
    // example:start
    BlockingQueue<ChainEvent> seen = new LinkedBlockingQueue<>();
    try (BlockSubscription _ = node.subscribeEvents(fromHeight, "asset", null, seen::add)) {
      long deadline = System.nanoTime() + wait.toNanos();
      while (events.size() < count && System.nanoTime() < deadline) {
        ChainEvent e = seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e != null) {
          System.out.println("block " + e.height() + ": " + e.type() + " " + e.attributes());
          events.add(e);
        }
      }
    }
    // example:end
    return events;
  }

  public static void main(String[] args) throws InterruptedException {
    JingClient node = new JingClient(args.length > 0 ? args[0] : "http://127.0.0.1:8645");
    run(node, node.status().height() + 1, Integer.MAX_VALUE, Duration.ofDays(1));
  }
}
