package org.jingchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the node with the pre-signed workload over real HTTP: a few client threads, each owning a
 * disjoint set of accounts and sending its batches one at a time (so each sender's nonces arrive in
 * order), paced to the offered rate and bounded by a shared budget of uncommitted transactions.
 * Transactions refused with MEMPOOL_FULL (and the same sender's later ones, refused as a nonce gap)
 * are resent first, in their order, after a back-off.
 */
final class LoadDriver {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Workload workload;
  private final CommitTracker tracker;
  private final Semaphore pending;
  private final URI uri;
  private final int clients;
  private final int batch;
  private final double ratePerClient;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong mempoolFull = new AtomicLong();
  private final AtomicLong resent = new AtomicLong();
  private final AtomicLong submitted = new AtomicLong();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private volatile long exhaustedAtNanos;
  private volatile RuntimeException failure;

  /** What the clients did, for the report. */
  record Stats(
      long requests,
      long submitted,
      long mempoolFullResponses,
      long resent,
      Map<String, Long> errors,
      long exhaustedAtNanos) {}

  LoadDriver(
      Workload workload,
      CommitTracker tracker,
      Semaphore pending,
      URI batchUri,
      int clients,
      int batch,
      double rate) {
    this.workload = workload;
    this.tracker = tracker;
    this.pending = pending;
    this.uri = batchUri;
    this.clients = clients;
    this.batch = batch;
    this.ratePerClient = rate / clients;
  }

  /** Runs the clients from {@code startNanos} until {@code endNanos} and returns their counts. */
  Stats run(long startNanos, long endNanos) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < clients; k++) {
      Client c = new Client(k, startNanos, endNanos);
      threads.add(Thread.ofPlatform().name("bench-client-" + k).start(c::run));
    }
    for (Thread t : threads) {
      t.join();
    }
    if (failure != null) {
      throw failure;
    }
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
    return new Stats(
        requests.get(),
        submitted.get(),
        mempoolFull.get(),
        resent.get(),
        errorCounts,
        exhaustedAtNanos);
  }

  private void error(String code) {
    errors.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  /** One client thread: accounts k, k + clients, k + 2 clients..., round after round. */
  private final class Client {
    private final int first;
    private final long startNanos;
    private final long endNanos;
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ArrayDeque<Integer> retry = new ArrayDeque<>();
    private int round;
    private int account;
    private long sentNew;
    private long backoffNanos;

    Client(int first, long startNanos, long endNanos) {
      this.first = first;
      this.account = first;
      this.startNanos = startNanos;
      this.endNanos = endNanos;
    }

    void run() {
      try {
        while (System.nanoTime() < endNanos) {
          pace();
          List<Integer> txs = nextBatch();
          if (txs == null) {
            continue; // no budget yet: the loop re-checks the clock
          }
          if (txs.isEmpty()) {
            exhaustedAtNanos = System.nanoTime();
            return;
          }
          send(txs);
        }
      } catch (IOException | RuntimeException e) {
        failure = new IllegalStateException("client " + first + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        http.close();
      }
    }

    /** Waits for the offered rate's schedule, and after a full mempool for the back-off. */
    private void pace() {
      long due = startNanos + (long) (sentNew * 1e9 / ratePerClient);
      long wait = Math.max(due - System.nanoTime(), backoffNanos);
      if (wait > 0) {
        LockSupport.parkNanos(Math.min(wait, Math.max(0, endNanos - System.nanoTime())));
      }
    }

    /** Refused ones first, then new ones; null when no budget was free; empty when all sent. */
    private List<Integer> nextBatch() throws InterruptedException {
      int fresh = Math.min(batch - Math.min(batch, retry.size()), remaining());
      if (fresh > 0 && !pending.tryAcquire(fresh, 20, TimeUnit.MILLISECONDS)) {
        return retry.isEmpty() ? null : takeRetries();
      }
      List<Integer> out = takeRetries();
      long now = System.nanoTime();
      for (int i = 0; i < fresh; i++) {
        int index = round * workload.accounts() + account;
        tracker.submitted(index, now);
        out.add(index);
        account += clients;
        if (account >= workload.accounts()) {
          account = first;
          round++;
        }
      }
      sentNew += fresh;
      return out;
    }

    private List<Integer> takeRetries() {
      List<Integer> out = new ArrayList<>(batch);
      while (!retry.isEmpty() && out.size() < batch) {
        out.add(retry.pollFirst());
      }
      return out;
    }

    private int remaining() {
      if (round >= workload.rounds()) {
        return 0;
      }
      int perRound = (workload.accounts() - first + clients - 1) / clients;
      int done = (account - first) / clients;
      long left = (long) (workload.rounds() - round) * perRound - done;
      return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private void send(List<Integer> txs) throws IOException, InterruptedException {
      HttpRequest req =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(60))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body(txs)))
              .build();
      HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      requests.incrementAndGet();
      submitted.addAndGet(txs.size());
      JsonNode json = JSON.readTree(resp.body());
      if (resp.statusCode() == 200 && json.path("rejected").asInt() == 0) {
        backoffNanos = 0;
        return;
      }
      JsonNode results = json.path("results");
      if (resp.statusCode() == 429 && !results.isArray()) { // RATE_LIMITED: nothing was admitted
        requeue(txs, List.of());
        return;
      }
      if (!results.isArray() || results.size() != txs.size()) {
        throw new IOException("unexpected response " + resp.statusCode() + ": " + json);
      }
      handleRejections(txs, results);
    }

    private void handleRejections(List<Integer> txs, JsonNode results) {
      boolean full = false;
      List<Integer> again = new ArrayList<>();
      for (int i = 0; i < txs.size(); i++) {
        String code = results.get(i).path("code").asText("");
        if (code.equals("MEMPOOL_FULL")) {
          full = true;
          again.add(txs.get(i));
        } else if (code.equals("TX_NONCE_GAP") && full) {
          again.add(txs.get(i)); // its predecessor was refused for space earlier in this batch
        } else if (!code.isEmpty()) {
          error(code);
          pending.release();
        }
      }
      if (full) {
        mempoolFull.incrementAndGet();
      }
      requeue(List.of(), again);
    }

    private void requeue(List<Integer> all, List<Integer> some) {
      List<Integer> again = all.isEmpty() ? some : all;
      resent.addAndGet(again.size());
      for (int i = again.size() - 1; i >= 0; i--) {
        retry.addFirst(again.get(i));
      }
      backoffNanos =
          backoffNanos == 0
              ? TimeUnit.MILLISECONDS.toNanos(5)
              : Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
    }

    private byte[] body(List<Integer> txs) {
      int len = "{\"txs\":[]}".length();
      for (int index : txs) {
        len += workload.hex(index).length + 3;
      }
      byte[] out = new byte[len - 1];
      int at = put(out, 0, "{\"txs\":[");
      for (int i = 0; i < txs.size(); i++) {
        if (i > 0) {
          out[at++] = ',';
        }
        out[at++] = '"';
        byte[] hex = workload.hex(txs.get(i));
        System.arraycopy(hex, 0, out, at, hex.length);
        at += hex.length;
        out[at++] = '"';
      }
      put(out, at, "]}");
      return out;
    }

    private static int put(byte[] out, int at, String ascii) {
      for (int i = 0; i < ascii.length(); i++) {
        out[at++] = (byte) ascii.charAt(i);
      }
      return at;
    }
  }
}
