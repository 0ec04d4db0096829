package org.jingchain.node.api;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jingchain.node.Chain;
import org.jingchain.service.CommittedBlock;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;

/**
 * Server-sent events of committed blocks ({@code GET /api/v1/stream/blocks}). Each client has a
 * bounded queue; a client that falls 1,024 blocks behind is disconnected rather than allowed to
 * grow the node's memory. At most {@code maxStreams} clients at once. A stream ends when its
 * request would no longer be admitted (docs/spec/api-access.md [ACC-6]), judged again every second.
 */
final class BlockStream {
  private static final int QUEUE = 1024;
  private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private final Chain chain;
  private final int maxStreams;
  private final AtomicInteger open = new AtomicInteger();

  BlockStream(Chain chain, int maxStreams) {
    this.chain = chain;
    this.maxStreams = maxStreams;
  }

  Response serve(Request req) throws ApiException {
    if (open.incrementAndGet() > maxStreams) {
      open.decrementAndGet();
      throw new ApiException(
          ErrorCode.TOO_MANY_STREAMS, "the node already serves " + maxStreams + " streams");
    }
    BlockingQueue<Views.BlockEvent> queue = new ArrayBlockingQueue<>(QUEUE);
    boolean[] overflow = {false};
    Consumer<CommittedBlock> listener =
        c -> {
          var e =
              new Views.BlockEvent(
                  c.block().height(),
                  c.hash().toHex(),
                  c.block().transactions().size(),
                  c.block().header().timestampMillis(),
                  c.stateRoot().toHex(),
                  c.block().header().proposer().toString(),
                  c.block().header().round());
          if (!queue.offer(e)) {
            overflow[0] = true;
          }
        };
    chain.addListener(listener);
    HttpExchange ex = (HttpExchange) req.exchange();
    try {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.getResponseHeaders().set("Cache-Control", "no-cache");
      ex.sendResponseHeaders(200, 0);
      OutputStream out = ex.getResponseBody();
      out.write(": jingchain block stream\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      long nextCheck = System.nanoTime() + RECHECK_NANOS;
      while (!overflow[0]) {
        Views.BlockEvent e = queue.poll(15, TimeUnit.SECONDS);
        if (System.nanoTime() - nextCheck >= 0) {
          // [ACC-6] the token expired, the role was revoked or the rule changed: the stream ends
          // and the client's next request says why; judged once a second, not per block, so a
          // fast chain's stream keeps up
          if (!req.stillAdmitted()) {
            return null;
          }
          nextCheck = System.nanoTime() + RECHECK_NANOS;
        }
        String frame =
            e == null
                ? ": keep-alive\n\n"
                : "event: block\nid: "
                    + e.height()
                    + "\ndata: "
                    + ApiServer.JSON.writeValueAsString(e)
                    + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      // the client disconnected
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      chain.removeListener(listener);
      open.decrementAndGet();
    }
    return null;
  }
}
