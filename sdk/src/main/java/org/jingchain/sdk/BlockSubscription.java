package org.jingchain.sdk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jingchain.sdk.model.Block;

/**
 * Delivers committed blocks in height order, each exactly once, from a start height on: follows the
 * node's block stream and fetches any block the stream did not carry (at the start, and after a
 * reconnection), so a consumer never sees a gap. Runs on its own virtual thread; {@link #close}
 * stops it.
 */
public final class BlockSubscription implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final JingClient client;
  private final URI stream;
  private final HttpClient http;
  private final Consumer<Block> onBlock;
  private final AtomicLong next;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Stream<String> lines;
  private volatile Throwable failure;

  BlockSubscription(
      JingClient client, URI stream, HttpClient http, long fromHeight, Consumer<Block> onBlock) {
    this.client = client;
    this.stream = stream;
    this.http = http;
    this.onBlock = onBlock;
    this.next = new AtomicLong(fromHeight);
    this.thread = Thread.ofVirtual().name("jing-subscription").start(this::run);
  }

  /** The next height this subscription will deliver. */
  public long nextHeight() {
    return next.get();
  }

  /** What stopped the subscription if the consumer threw, else null. */
  public Throwable failure() {
    return failure;
  }

  private void run() {
    long backoffMillis = 200;
    while (!closed) {
      try {
        follow();
        backoffMillis = 200;
      } catch (IOException | JingApiException e) {
        if (closed) {
          return;
        }
        sleep(backoffMillis); // the node is unreachable: retry, backing off
        backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        failure = e; // the consumer failed: stop rather than skip its block
        return;
      }
    }
  }

  private void follow() throws IOException, InterruptedException {
    HttpResponse<Stream<String>> r =
        http.send(
            client
                .authorized(HttpRequest.newBuilder(stream))
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      throw new JingApiException(
          "STREAM", r.statusCode(), "block stream answered " + r.statusCode());
    }
    lines = r.body();
    try (Stream<String> s = r.body()) {
      var it = s.iterator();
      while (!closed && it.hasNext()) {
        String line = it.next();
        if (line.startsWith("data: ")) {
          long height = JSON.readTree(line.substring(6)).get("height").asLong();
          deliverUpTo(height);
        }
      }
    }
  }

  /** Delivers every block from {@code next} to {@code height}, fetching those not yet seen. */
  private void deliverUpTo(long height) {
    while (!closed && next.get() <= height) {
      onBlock.accept(client.block(Long.toString(next.get())));
      next.incrementAndGet();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    Stream<String> s = lines;
    if (s != null) {
      s.close();
    }
    thread.interrupt();
  }
}
