package org.jingchain.sdk.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.sdk.store.ShardStore.ShardId;
import org.jingchain.store.LeafTree;
import org.jingchain.store.StoreCalls;
import org.jingchain.store.StoreService.NodeView;
import org.jingchain.store.StoreService.ObjectView;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;

/**
 * A storage node (docs/spec/storage.md section 4): accepts the shards the chain placed on it from
 * their objects' owners, checks each against its committed root before keeping it, confirms it on
 * chain with the operator's key, and serves kept shards to their owners and to other storage nodes.
 * Runs on the JDK's HTTP server, one virtual thread per request, at most {@code maxConcurrent} at
 * once.
 */
public final class StorageNodeServer implements AutoCloseable {
  /** The largest body one upload request may carry: 16 MiB, the largest stripe unit. */
  public static final int MAX_CHUNK = 16 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHARD =
      Pattern.compile("/v1/shards/([0-9a-f]{64})/(\\d{1,3})(/status)?");

  /** Receives one line per request and per confirmation. */
  @FunctionalInterface
  public interface Log {
    void log(String line);
  }

  /**
   * Who the node is, where it listens, how many requests it takes at once, where it may write
   * temporary files (shards it rebuilds for a repair), and whether it opens audit rounds.
   */
  public record Config(
      String nodeId,
      InetSocketAddress bind,
      int maxConcurrent,
      java.nio.file.Path workDir,
      boolean openRounds) {
    public Config {
      if (!StoreCalls.NODE_ID.matcher(nodeId).matches()) {
        throw new IllegalArgumentException("bad node id " + nodeId);
      }
      if (maxConcurrent < 1) {
        throw new IllegalArgumentException("maxConcurrent must be at least 1");
      }
    }
  }

  private final Config config;
  private final StoreChain chain;
  private final CryptoSuite suite;
  private final KeyPair operator;
  private final ShardStore store;
  private final Clock clock;
  private final Log log;
  private final HttpServer http;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore permits;

  /**
   * Uploads to one shard take turns; a fixed set of locks, picked by the shard's hash, so the
   * node's memory does not grow with every shard it ever received (a map of one lock per shard
   * did).
   */
  static final int LOCK_STRIPES = 256;

  private static final Object[] LOCKS = newLocks();

  private static Object[] newLocks() {
    Object[] l = new Object[LOCK_STRIPES];
    for (int i = 0; i < l.length; i++) {
      l[i] = new Object();
    }
    return l;
  }

  /** The lock of {@code id}'s stripe: the same for the same shard, one of {@link #LOCK_STRIPES}. */
  static Object lockFor(ShardId id) {
    int x = id.object().hashCode() * 0x9E3779B9 + id.shard(); // spread every bit of the hash
    return LOCKS[Math.floorMod(x ^ (x >>> 16), LOCK_STRIPES)];
  }

  private final LinkedBlockingQueue<ShardId> toConfirm = new LinkedBlockingQueue<>();
  private final Thread confirmer;
  private final StorageNodeWorker worker;
  private volatile boolean closed;

  private StorageNodeServer(
      Config config,
      StoreChain chain,
      CryptoSuite suite,
      KeyPair operator,
      ShardStore store,
      Clock clock,
      Log log)
      throws IOException {
    this.config = config;
    this.chain = chain;
    this.suite = suite;
    this.operator = operator;
    this.store = store;
    this.clock = clock;
    this.log = log;
    this.permits = new Semaphore(config.maxConcurrent());
    this.http = HttpServer.create(config.bind(), 128);
    http.createContext("/", this::handle);
    http.setExecutor(executor);
    this.confirmer = Thread.ofVirtual().name("store-confirm").unstarted(this::confirmLoop);
    this.worker =
        new StorageNodeWorker(
            config.nodeId(),
            chain,
            suite,
            operator,
            store,
            clock,
            log,
            config.workDir(),
            config.openRounds());
  }

  /**
   * Starts a node: serves at once, and confirms on chain every kept shard whose confirmation is not
   * recorded yet (after a crash between keeping and confirming).
   */
  public static StorageNodeServer start(
      Config config,
      StoreChain chain,
      CryptoSuite suite,
      KeyPair operator,
      ShardStore store,
      Clock clock,
      Log log)
      throws IOException {
    // The JDK server's own limits: headers, connections, and a whole request within 60 s.
    setIfAbsent("sun.net.httpserver.maxReqHeaderSize", "16384");
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "64");
    setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(4 * config.maxConcurrent()));
    setIfAbsent("sun.net.httpserver.maxReqTime", "60");
    StorageNodeServer s = new StorageNodeServer(config, chain, suite, operator, store, clock, log);
    s.http.start();
    for (ShardId id : store.list()) {
      s.toConfirm.add(id);
    }
    s.confirmer.start();
    s.worker.start();
    return s;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  public InetSocketAddress address() {
    return http.getAddress();
  }

  @Override
  public void close() {
    closed = true;
    confirmer.interrupt();
    worker.close();
    http.stop(0);
    executor.shutdownNow();
  }

  // ---- requests

  private record Answer(int status, Object body) {}

  private static Answer error(int status, String code, String message) {
    ObjectNode n = JSON.createObjectNode().put("code", code).put("message", message);
    return new Answer(status, n);
  }

  private void handle(HttpExchange ex) throws IOException {
    if (!permits.tryAcquire()) {
      send(ex, error(503, "BUSY", "the node is handling " + config.maxConcurrent() + " requests"));
      return;
    }
    Answer a;
    try {
      a = route(ex);
    } catch (RuntimeException | IOException e) {
      a = error(500, "INTERNAL", String.valueOf(e.getMessage()));
    } finally {
      permits.release();
    }
    if (a != null) {
      send(ex, a);
    }
    log.log(
        ex.getRequestMethod()
            + " "
            + ex.getRequestURI().getRawPath()
            + " -> "
            + (a == null ? 200 : a.status()));
  }

  /** Routes a request; null when the answer (a shard's bytes) has been sent already. */
  private Answer route(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String method = ex.getRequestMethod();
    if (path.equals("/v1/health") && method.equals("GET")) {
      return new Answer(
          200,
          JSON.createObjectNode().put("node", config.nodeId()).put("chainId", chain.chainId()));
    }
    Matcher m = SHARD.matcher(path);
    if (!m.matches()) {
      return error(404, "NOT_FOUND", "no route " + path);
    }
    ShardId id = new ShardId(Hash.fromHex(m.group(1)), Integer.parseInt(m.group(2)));
    boolean status = m.group(3) != null;
    long offset;
    try {
      offset = query(ex, "offset").map(Long::parseLong).orElse(0L);
    } catch (NumberFormatException e) {
      return error(400, "BAD_REQUEST", "offset must be a number");
    }
    if (offset < 0) {
      return error(400, "BAD_REQUEST", "offset must not be negative");
    }
    if (method.equals("PUT") && !status) {
      return upload(ex, id, offset);
    }
    if (method.equals("GET")) {
      return status ? status(ex, id) : download(ex, id, offset);
    }
    return error(405, "METHOD_NOT_ALLOWED", method + " " + path);
  }

  /**
   * An upload: its length and claimed hash, signature, uploader and placement are checked before a
   * byte of it is read; then the bytes, against the claimed hash ([STORE-21]).
   */
  private Answer upload(HttpExchange ex, ShardId id, long offset) throws IOException {
    long length;
    Hash claimed;
    try {
      length = Long.parseLong(String.valueOf(ex.getRequestHeaders().getFirst("Content-length")));
      claimed =
          Hash.fromHex(String.valueOf(ex.getRequestHeaders().getFirst(StoreAuth.CONTENT_HASH)));
    } catch (IllegalArgumentException e) {
      return error(
          400,
          "BAD_REQUEST",
          "an upload has a Content-Length and a "
              + StoreAuth.CONTENT_HASH
              + " header (hex of the body's hash)");
    }
    if (length < 0 || length > MAX_CHUNK) {
      return error(413, "BODY_TOO_LARGE", "one upload carries at most " + MAX_CHUNK + " bytes");
    }
    Address signer;
    try {
      signer = authenticate(ex, claimed);
    } catch (StoreAuth.AuthException e) {
      return error(401, e.code(), e.getMessage());
    }
    Optional<ObjectView> rec = record(id.object());
    if (rec.isEmpty()) {
      return error(404, "NO_OBJECT", "the chain has no object " + id.object().toHex());
    }
    ObjectView o = rec.get();
    if (!o.owner().equals(signer.toString()) && !isRepairer(o, signer)) {
      return error(
          403,
          "NOT_OWNER",
          "only the object's owner "
              + o.owner()
              + " (or the node repairing it) uploads its shards");
    }
    if (id.shard() >= o.shards().size()
        || !o.shards().get(id.shard()).node().equals(config.nodeId())) {
      return error(
          409, "NOT_PLACED_HERE", "shard " + id.shard() + " is not placed on " + config.nodeId());
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes((int) length);
    }
    if (body.length != length || !suite.hash(body).equals(claimed)) {
      return error(
          400, "BODY_MISMATCH", "the body is not the " + length + " bytes whose hash was signed");
    }
    synchronized (lockFor(id)) {
      if (store.has(id)) {
        return progress(o.shardLength(), true);
      }
      long have = store.partLength(id);
      if (offset != have) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", "OFFSET_MISMATCH").put("message", "the node has " + have + " bytes of it");
        n.put("length", have);
        return new Answer(409, n);
      }
      if (offset + body.length > o.shardLength()) {
        return error(
            400,
            "TOO_LONG",
            "the shard has " + o.shardLength() + " bytes, not " + (offset + body.length));
      }
      store.append(id, body, 0, body.length);
      long now = offset + body.length;
      if (now < o.shardLength()) {
        return progress(now, false);
      }
      java.io.ByteArrayOutputStream leaves = new java.io.ByteArrayOutputStream();
      Hash root = rootOfPart(id, o.leafSize(), leaves);
      Hash want = Hash.fromHex(o.shards().get(id.shard()).root());
      if (!root.equals(want)) {
        store.discardPart(id);
        return error(
            422, "SHARD_MISMATCH", "the bytes do not hash to shard " + id.shard() + "'s root");
      }
      store.commit(id, leaves.toByteArray());
      toConfirm.add(id);
      return progress(now, true);
    }
  }

  private Hash rootOfPart(ShardId id, int leafSize, java.io.ByteArrayOutputStream leafHashes)
      throws IOException {
    LeafTree t = new LeafTree(suite, leafSize, (i, h) -> leafHashes.writeBytes(h.unsafeArray()));
    byte[] buf = new byte[1 << 20];
    try (InputStream in = store.openPart(id)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        t.update(buf, 0, n);
      }
    }
    return t.root();
  }

  private static Answer progress(long length, boolean complete) {
    return new Answer(200, JSON.createObjectNode().put("length", length).put("complete", complete));
  }

  private Answer status(HttpExchange ex, ShardId id) throws IOException {
    Optional<Answer> refused = mayRead(ex, id);
    if (refused.isPresent()) {
      return refused.get();
    }
    return store.has(id) ? progress(store.length(id), true) : progress(store.partLength(id), false);
  }

  private Answer download(HttpExchange ex, ShardId id, long offset) throws IOException {
    Optional<Answer> refused = mayRead(ex, id);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (!store.has(id)) {
      return error(404, "NO_SHARD", "this node does not hold shard " + id);
    }
    long length = store.length(id);
    if (offset > length) {
      return error(400, "BAD_REQUEST", "offset " + offset + " is past the shard's " + length);
    }
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.sendResponseHeaders(200, length - offset == 0 ? -1 : length - offset);
    try (InputStream in = store.open(id, offset);
        OutputStream out = ex.getResponseBody()) {
      in.transferTo(out);
    }
    return null;
  }

  private boolean isRepairer(ObjectView o, Address signer) {
    if (o.repairer().isEmpty()) {
      return false;
    }
    for (NodeView n : chain.nodes().nodes()) {
      if (n.id().equals(o.repairer())) {
        return n.operator().equals(signer.toString());
      }
    }
    return false;
  }

  /**
   * The object's owner reads its shards, and so does the operator of the node repairing it; no one
   * else ([STORE-22]).
   */
  private Optional<Answer> mayRead(HttpExchange ex, ShardId id) throws IOException {
    Address signer;
    try {
      signer = authenticate(ex, new byte[0]);
    } catch (StoreAuth.AuthException e) {
      return Optional.of(error(401, e.code(), e.getMessage()));
    }
    Optional<ObjectView> rec = record(id.object());
    if (rec.isEmpty()) {
      return Optional.of(error(404, "NO_OBJECT", "the chain has no object " + id.object().toHex()));
    }
    if (rec.get().owner().equals(signer.toString()) || isRepairer(rec.get(), signer)) {
      return Optional.empty();
    }
    return Optional.of(
        error(
            403,
            "NOT_ALLOWED",
            signer + " is neither the object's owner nor the operator of the node repairing it"));
  }

  private Address authenticate(HttpExchange ex, byte[] body) throws StoreAuth.AuthException {
    return authenticate(ex, suite.hash(body));
  }

  private Address authenticate(HttpExchange ex, Hash bodyHash) throws StoreAuth.AuthException {
    String target = ex.getRequestURI().getRawPath();
    String q = ex.getRequestURI().getRawQuery();
    if (q != null) {
      target += "?" + q;
    }
    return StoreAuth.verify(
        suite,
        chain.chainId(),
        config.nodeId(),
        ex.getRequestHeaders().getFirst("Authorization"),
        ex.getRequestMethod(),
        target,
        bodyHash,
        clock.millis());
  }

  /** An object's record as the chain has it now (placement moves when shards are repaired). */
  private Optional<ObjectView> record(Hash id) {
    return chain.object(id);
  }

  private static Optional<String> query(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getRawQuery();
    if (q == null) {
      return Optional.empty();
    }
    for (String kv : q.split("&")) {
      if (kv.startsWith(name + "=")) {
        return Optional.of(kv.substring(name.length() + 1));
      }
    }
    return Optional.empty();
  }

  private static void send(HttpExchange ex, Answer a) throws IOException {
    byte[] b = JSON.writeValueAsBytes(a.body());
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(a.status(), b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  // ---- confirmations

  /**
   * Confirms kept shards on chain, one at a time; a shard already confirmed is skipped, a failure
   * is logged and tried again later.
   */
  private void confirmLoop() {
    while (!closed) {
      ShardId id;
      try {
        id = toConfirm.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (id == null) {
        continue;
      }
      try {
        Optional<ObjectView> o = chain.object(id.object());
        if (o.isEmpty()
            || id.shard() >= o.get().shards().size()
            || o.get().shards().get(id.shard()).confirmed()
            || !o.get().shards().get(id.shard()).node().equals(config.nodeId())) {
          continue;
        }
        TxStatus t =
            chain.send(
                operator, StoreCalls.confirmShard(id.object(), id.shard()), Duration.ofSeconds(60));
        if (t.receipt().succeeded() || "ALREADY_CONFIRMED".equals(t.receipt().code())) {
          log.log("confirmed shard " + id + " at height " + t.height());
        } else {
          log.log(
              "confirming shard "
                  + id
                  + " refused: "
                  + t.receipt().code()
                  + " "
                  + t.receipt().message());
        }
      } catch (JingApiException e) {
        log.log("confirming shard " + id + " failed, will retry: " + e.getMessage());
        retryLater(id);
      }
    }
  }

  private void retryLater(ShardId id) {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                Thread.sleep(5_000); // back off before trying the chain again
                toConfirm.add(id);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }
}
