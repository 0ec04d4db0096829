package org.jingchain.sdk.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.store.Coding;
import org.jingchain.store.EncodedObject;
import org.jingchain.store.ObjectCipher;
import org.jingchain.store.ObjectCodec;
import org.jingchain.store.StoreCalls;
import org.jingchain.store.StoreContract;
import org.jingchain.store.StoreException;
import org.jingchain.store.StoreService.ObjectView;
import org.jingchain.store.StoreService.ShardView;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/**
 * Puts files into the store and gets them back (docs/spec/storage.md section 5). A put reads the
 * file twice — once to commit to its shards on chain, once to send them — so nothing but a stripe
 * is ever in memory and nothing is written to local disk; it resumes where each node left off. A
 * get reads any {@code k} shards, checks them against their roots, and keeps the file only if it
 * matches its content root.
 */
public final class StoreClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a long operation has done: a phase ("encoding", "uploading", …), bytes done and total. */
  @FunctionalInterface
  public interface Progress {
    void update(String phase, long done, long total);

    Progress NONE = (p, d, t) -> {};
  }

  /** A failure the user can act on: a code and a sentence. */
  public static final class StoreClientException extends Exception {
    private final String code;

    public StoreClientException(String code, String message) {
      super(code + ": " + message);
      this.code = code;
    }

    public StoreClientException(String code, String message, Throwable cause) {
      super(code + ": " + message, cause);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** What a put did: the record, and the shards that could not be sent (with why). */
  public record PutResult(ObjectView object, List<String> failedShards) {}

  /** What a get did: the record, and the shards it passed over (unreachable, or not matching). */
  public record GetResult(ObjectView object, List<String> skippedShards) {}

  private final StoreChain chain;
  private final CryptoSuite suite;
  private final KeyPair key;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public StoreClient(StoreChain chain, CryptoSuite suite, KeyPair key, Clock clock) {
    this.chain = chain;
    this.suite = suite;
    this.key = key;
    this.clock = clock;
  }

  /** This client's key's object named {@code name}, if the chain has one. */
  public Optional<ObjectView> object(String name) {
    try {
      return Optional.of(chain.client().storeObject(key.address(), name));
    } catch (org.jingchain.sdk.JingApiException e) {
      if (e.httpStatus() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Puts {@code file} as {@code name}, sealed under a key only this client's key derives unless
   * {@code plaintext} ([STORE-7]): commits to its shards on chain (unless the chain already has
   * this very object: then it resumes), sends each shard to its node, and waits up to {@code
   * confirmWait} for the nodes to confirm them all.
   */
  public PutResult put(
      Path file,
      String name,
      Coding coding,
      boolean plaintext,
      long expiresHeight,
      Duration confirmWait,
      Progress p)
      throws StoreClientException, IOException {
    long size = Files.size(file);
    if (size == 0) {
      throw new StoreClientException("EMPTY_OBJECT", file + " is empty");
    }
    if (size > StoreContract.MAX_OBJECT_BYTES) {
      throw new StoreClientException(
          "OBJECT_TOO_LARGE",
          file + " has " + size + " bytes; at most " + StoreContract.MAX_OBJECT_BYTES);
    }
    Optional<ObjectView> existing = object(name);
    // A put of an object the chain has resumes it: seal with its salt to get the same roots.
    Bytes salt = Bytes.EMPTY;
    if (!plaintext) {
      byte[] s = new byte[ObjectCipher.SALT];
      new java.security.SecureRandom().nextBytes(s);
      salt =
          existing.isPresent() && existing.get().encrypted()
              ? Bytes.fromHex(existing.get().salt())
              : Bytes.wrap(s);
    }
    long stored = plaintext ? size : ObjectCipher.sealedSize(size);
    if (stored > StoreContract.MAX_OBJECT_BYTES) {
      throw new StoreClientException(
          "OBJECT_TOO_LARGE",
          file + " sealed has " + stored + " bytes; at most " + StoreContract.MAX_OBJECT_BYTES);
    }
    EncodedObject enc;
    try (InputStream in = counting(Files.newInputStream(file), "encoding", size, p)) {
      InputStream source =
          plaintext ? in : ObjectCipher.of(key, salt.toByteArray()).seal(in, size, 0);
      enc =
          ObjectCodec.encode(
              source, coding, suite, stored, StoreContract.MAX_OBJECT_BYTES, (s, b, o, l) -> {});
    } catch (StoreException e) {
      throw new StoreClientException(e.reason().name(), e.getMessage(), e);
    }
    if (existing.isPresent() && !sameObject(existing.get(), enc)) {
      throw new StoreClientException(
          "OBJECT_EXISTS",
          "you already store a different object named "
              + name
              + " ("
              + existing.get().id()
              + "); delete it first or choose another name");
    }
    if (existing.isEmpty()) {
      p.update("recording", 0, 1);
      TxStatus t =
          chain.send(
              key,
              StoreCalls.putObject(
                  name,
                  enc,
                  expiresHeight,
                  "",
                  plaintext ? StoreCalls.PLAINTEXT : StoreCalls.SEALED,
                  salt),
              Duration.ofSeconds(60));
      if (!t.receipt().succeeded()) {
        throw new StoreClientException(t.receipt().code(), t.receipt().message());
      }
      p.update("recording", 1, 1);
    }
    ObjectView o =
        object(name)
            .orElseThrow(() -> new StoreClientException("NO_OBJECT", "the record vanished"));
    Hash id = Hash.fromHex(o.id());
    List<String> failed = upload(file, size, o, p);
    long deadline = System.nanoTime() + confirmWait.toNanos();
    while (o.confirmed() < o.shards().size() - failed.size() && System.nanoTime() < deadline) {
      p.update("confirming", o.confirmed(), o.shards().size());
      try {
        Thread.sleep(250); // polling the chain for the nodes' confirmations
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      o = chain.object(id).orElseThrow();
    }
    p.update("confirming", o.confirmed(), o.shards().size());
    return new PutResult(o, failed);
  }

  private static boolean sameObject(ObjectView o, EncodedObject enc) {
    if (o.size() != enc.size()
        || o.dataShards() != enc.coding().dataShards()
        || o.parityShards() != enc.coding().parityShards()
        || o.stripeUnit() != enc.coding().stripeUnit()
        || o.leafSize() != enc.coding().leafSize()
        || !o.contentRoot().equals(enc.contentRoot().toHex())) {
      return false;
    }
    for (int i = 0; i < o.shards().size(); i++) {
      if (!o.shards().get(i).root().equals(enc.shardRoots().get(i).toHex())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sends every shard its node does not hold yet, stripe by stripe from the first stripe some node
   * lacks; a node that fails is dropped for the rest of the put and reported.
   */
  private List<String> upload(Path file, long plainSize, ObjectView o, Progress p)
      throws IOException, StoreClientException {
    int n = o.shards().size();
    Coding coding = new Coding(o.dataShards(), o.parityShards(), o.stripeUnit(), o.leafSize());
    long[] have = new long[n];
    List<String> failed = new ArrayList<>();
    Set<Integer> dead = new HashSet<>();
    for (int i = 0; i < n; i++) {
      try {
        JsonNode s = request("GET", o.shards().get(i), o, i, "/status", 0, new byte[0]);
        have[i] = s.get("complete").asBoolean() ? o.shardLength() : s.get("length").asLong();
        if (!s.get("complete").asBoolean() && have[i] == o.shardLength()) {
          // every byte arrived but the node stopped before keeping it: an empty append at the
          // end has it check and keep the shard
          request("PUT", o.shards().get(i), o, i, "", have[i], new byte[0]);
        }
      } catch (StoreClientException e) {
        failed.add("shard " + i + " on " + o.shards().get(i).node() + ": " + e.getMessage());
        dead.add(i);
      }
    }
    long from = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      if (!dead.contains(i) && have[i] < o.shardLength()) {
        from = Math.min(from, have[i]);
      }
    }
    if (from == Long.MAX_VALUE) {
      return failed;
    }
    long startStripe = from / coding.stripeUnit();
    long shardStart = startStripe * coding.stripeUnit();
    long[] offset = {shardStart};
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      long at = startStripe * coding.stripeBytes(); // in the stored (sealed) bytes
      InputStream in;
      if (o.encrypted()) {
        ch.position(at / (ObjectCipher.SEGMENT + ObjectCipher.TAG) * ObjectCipher.SEGMENT);
        in =
            ObjectCipher.of(key, Bytes.fromHex(o.salt()).toByteArray())
                .seal(Channels.newInputStream(ch), plainSize, at);
      } else {
        ch.position(at);
        in = Channels.newInputStream(ch);
      }
      long total = o.size();
      try {
        ObjectCodec.encode(
            in,
            coding,
            suite,
            -1,
            Long.MAX_VALUE,
            new StripeSender(o, have, dead, failed, offset, pool, p, total, coding));
      } catch (StoreException e) {
        throw new StoreClientException(e.reason().name(), e.getMessage(), e);
      }
    }
    return failed;
  }

  /** Collects a stripe's shards, then sends them to their nodes in parallel. */
  private final class StripeSender implements org.jingchain.store.ShardSink {
    private final ObjectView o;
    private final long[] have;
    private final Set<Integer> dead;
    private final List<String> failed;
    private final long[] offset;
    private final ExecutorService pool;
    private final Progress p;
    private final long total;
    private final Coding coding;
    private final byte[][] stripe;
    private final int[] lens;
    private int got;

    StripeSender(
        ObjectView o,
        long[] have,
        Set<Integer> dead,
        List<String> failed,
        long[] offset,
        ExecutorService pool,
        Progress p,
        long total,
        Coding coding) {
      this.o = o;
      this.have = have;
      this.dead = dead;
      this.failed = failed;
      this.offset = offset;
      this.pool = pool;
      this.p = p;
      this.total = total;
      this.coding = coding;
      this.stripe = new byte[o.shards().size()][];
      this.lens = new int[o.shards().size()];
    }

    @Override
    public void write(int shard, byte[] b, int off, int len) throws IOException {
      stripe[shard] = java.util.Arrays.copyOfRange(b, off, off + len);
      lens[shard] = len;
      if (++got < stripe.length) {
        return;
      }
      got = 0;
      long at = offset[0];
      List<Future<?>> sends = new ArrayList<>();
      for (int i = 0; i < stripe.length; i++) {
        if (dead.contains(i) || have[i] > at) {
          continue; // the node has this stripe of the shard already
        }
        int s = i;
        byte[] body = stripe[i];
        sends.add(
            pool.submit(
                () -> {
                  try {
                    request("PUT", o.shards().get(s), o, s, "", at, body);
                  } catch (StoreClientException e) {
                    synchronized (failed) {
                      dead.add(s);
                      failed.add(
                          "shard " + s + " on " + o.shards().get(s).node() + ": " + e.getMessage());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : sends) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException(e.getCause());
        }
      }
      offset[0] = at + lens[0];
      p.update("uploading", Math.min(total, offset[0] * coding.dataShards()), total);
    }
  }

  /**
   * Gets object {@code id} into {@code out}: written to {@code out.part} first and moved into place
   * only once it matches its content root. Shards that fail or do not match their roots are skipped
   * for others while at least {@code k} remain.
   */
  public GetResult get(Hash id, Path out, Progress p) throws StoreClientException, IOException {
    ObjectView o =
        chain
            .object(id)
            .orElseThrow(
                () ->
                    new StoreClientException("NO_OBJECT", "the chain has no object " + id.toHex()));
    Coding coding = new Coding(o.dataShards(), o.parityShards(), o.stripeUnit(), o.leafSize());
    EncodedObject enc =
        new EncodedObject(
            coding,
            o.size(),
            Hash.fromHex(o.contentRoot()),
            o.shards().stream().map(s -> Hash.fromHex(s.root())).toList());
    Path part = out.resolveSibling(out.getFileName() + ".part");
    Set<Integer> skip = new HashSet<>();
    List<String> problems = new ArrayList<>();
    while (true) {
      InputStream[] sources = openAny(o, skip, problems, false, "");
      try (OutputStream w = Files.newOutputStream(part)) {
        OutputStream sink =
            o.encrypted()
                ? ObjectCipher.of(key, Bytes.fromHex(o.salt()).toByteArray()).open(w, o.size())
                : w;
        ObjectCodec.decode(enc, sources, suite, counting(sink, o.size(), p));
        if (o.encrypted()) {
          sink.close();
        }
      } catch (StoreException e) {
        closeAll(sources);
        Files.deleteIfExists(part);
        if (e.getCause() instanceof ObjectCipher.SealException) {
          // The sealed bytes did not open: a damaged shard (find it by its root), or not the
          // owner's key.
          int bad = damagedShard(o, enc, skip);
          if (bad < 0) {
            throw new StoreClientException(
                "NOT_OWNER_KEY",
                "the shards are intact but do not open with this key: only the owner's key"
                    + " opens an encrypted object");
          }
          skip.add(bad);
          problems.add("shard " + bad + " on " + o.shards().get(bad).node() + ": SHARD_MISMATCH");
          continue;
        }
        if (e.shard() >= 0) {
          skip.add(e.shard());
          problems.add(
              "shard "
                  + e.shard()
                  + " on "
                  + o.shards().get(e.shard()).node()
                  + ": "
                  + e.getMessage());
          continue;
        }
        throw new StoreClientException(e.reason().name(), e.getMessage(), e);
      }
      closeAll(sources);
      Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new GetResult(o, problems);
    }
  }

  /**
   * Rebuilds shards {@code wanted} of {@code o} into files {@code dir/<index>} from any {@code k}
   * of its healthy confirmed shards (a repair, [STORE-33]); each is checked against its root.
   */
  public void rebuild(ObjectView o, int[] wanted, Path dir)
      throws StoreClientException, IOException {
    Coding coding = new Coding(o.dataShards(), o.parityShards(), o.stripeUnit(), o.leafSize());
    EncodedObject enc =
        new EncodedObject(
            coding,
            o.size(),
            Hash.fromHex(o.contentRoot()),
            o.shards().stream().map(s -> Hash.fromHex(s.root())).toList());
    Set<Integer> skip = new HashSet<>();
    for (int w : wanted) {
      skip.add(w);
    }
    List<String> problems = new ArrayList<>();
    while (true) {
      InputStream[] sources = openAny(o, skip, problems, true, " to rebuild from");
      Files.createDirectories(dir);
      OutputStream[] outs = new OutputStream[sources.length];
      try {
        for (int w : wanted) {
          outs[w] = Files.newOutputStream(dir.resolve(Integer.toString(w)));
        }
        ObjectCodec.rebuild(
            enc, sources, wanted, suite, (s, b, off, len) -> outs[s].write(b, off, len));
      } catch (StoreException e) {
        if (e.shard() >= 0 && !skip.contains(e.shard())) {
          skip.add(e.shard());
          problems.add("shard " + e.shard() + ": " + e.getMessage());
          continue;
        }
        throw new StoreClientException(e.reason().name(), e.getMessage(), e);
      } finally {
        closeAll(sources);
        for (OutputStream out : outs) {
          if (out != null) {
            out.close();
          }
        }
      }
      return;
    }
  }

  /** Sends the shard in {@code file} to its node, from wherever the node left off. */
  public void sendShard(ObjectView o, int shard, Path file)
      throws StoreClientException, IOException {
    ShardView s = o.shards().get(shard);
    JsonNode status = request("GET", s, o, shard, "/status", 0, new byte[0]);
    if (status.get("complete").asBoolean()) {
      return;
    }
    long at = status.get("length").asLong();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ch.position(at);
      InputStream in = Channels.newInputStream(ch);
      if (at == size) {
        request("PUT", s, o, shard, "", at, new byte[0]); // complete but not kept: keep it
      }
      while (at < size) {
        byte[] chunk = in.readNBytes((int) Math.min(o.stripeUnit(), size - at));
        request("PUT", s, o, shard, "", at, chunk);
        at += chunk.length;
      }
    }
  }

  /**
   * Reads the shards a get would use again, without opening anything, and returns the one that does
   * not match its root, or -1 when they all match.
   */
  private int damagedShard(ObjectView o, EncodedObject enc, Set<Integer> skip)
      throws StoreClientException {
    InputStream[] sources = openAny(o, new HashSet<>(skip), new ArrayList<>(), false, "");
    try {
      ObjectCodec.decode(enc, sources, suite, OutputStream.nullOutputStream());
      return -1;
    } catch (StoreException e) {
      if (e.shard() >= 0) {
        return e.shard();
      }
      throw new StoreClientException(e.reason().name(), e.getMessage(), e);
    } finally {
      closeAll(sources);
    }
  }

  /**
   * Opens the first {@code k} shards not in {@code skip} (and, with {@code healthyOnly}, confirmed
   * and not lost), null for the others; a shard that cannot be opened joins {@code skip} and {@code
   * problems}.
   *
   * @throws StoreClientException TOO_FEW_SHARDS, with every problem, when fewer than {@code k} open
   */
  private InputStream[] openAny(
      ObjectView o, Set<Integer> skip, List<String> problems, boolean healthyOnly, String purpose)
      throws StoreClientException {
    InputStream[] sources = new InputStream[o.shards().size()];
    int opened = 0;
    for (int i = 0; i < sources.length && opened < o.dataShards(); i++) {
      ShardView s = o.shards().get(i);
      if (skip.contains(i) || (healthyOnly && (!s.confirmed() || s.lost()))) {
        continue;
      }
      try {
        sources[i] = openShard(o, i);
        opened++;
      } catch (StoreClientException e) {
        skip.add(i);
        problems.add("shard " + i + " on " + s.node() + ": " + e.getMessage());
      }
    }
    if (opened < o.dataShards()) {
      closeAll(sources);
      throw new StoreClientException(
          "TOO_FEW_SHARDS",
          "only "
              + opened
              + " of "
              + sources.length
              + " shards could be read"
              + purpose
              + "; "
              + o.dataShards()
              + " are needed:\n  "
              + String.join("\n  ", problems));
    }
    return sources;
  }

  /** A shard download with no byte for this long is given up, and others are read instead. */
  static final Duration READ_STALL = Duration.ofSeconds(30);

  private InputStream openShard(ObjectView o, int i) throws StoreClientException {
    ShardView s = o.shards().get(i);
    String target = "/v1/shards/" + o.id() + "/" + i + "?offset=0";
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(s.endpoint() + target))
            .timeout(Duration.ofSeconds(60)) // until the answer's headers; the body: StallGuard
            .header(
                "Authorization",
                StoreAuth.header(
                    key, chain.chainId(), s.node(), "GET", target, clock.millis(), new byte[0]))
            .GET()
            .build();
    try {
      HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        String body;
        try (InputStream in = r.body()) {
          body = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new StoreClientException(errorCode(body), "HTTP " + r.statusCode() + " " + body);
      }
      return new StallGuard(r.body(), READ_STALL, s.node() + " at " + s.endpoint());
    } catch (IOException e) {
      throw new StoreClientException("UNREACHABLE", s.node() + " at " + s.endpoint() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreClientException("INTERRUPTED", "interrupted");
    }
  }

  /** One signed request to shard {@code i}'s node; its JSON answer, or a typed failure. */
  private JsonNode request(
      String method, ShardView s, ObjectView o, int i, String suffix, long offset, byte[] body)
      throws StoreClientException {
    String target = "/v1/shards/" + o.id() + "/" + i + suffix + "?offset=" + offset;
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.endpoint() + target))
            .timeout(Duration.ofSeconds(60))
            .header(
                "Authorization",
                StoreAuth.header(
                    key, chain.chainId(), s.node(), method, target, clock.millis(), body));
    b =
        method.equals("PUT")
            ? b.header("Content-Type", "application/octet-stream")
                .header(StoreAuth.CONTENT_HASH, suite.hash(body).toHex())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            : b.GET();
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode answer = JSON.readTree(r.body());
      if (r.statusCode() != 200) {
        throw new StoreClientException(
            answer.path("code").asText("HTTP_" + r.statusCode()),
            answer.path("message").asText(""));
      }
      return answer;
    } catch (IOException e) {
      throw new StoreClientException("UNREACHABLE", s.node() + " at " + s.endpoint() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreClientException("INTERRUPTED", "interrupted");
    }
  }

  private static String errorCode(String body) {
    try {
      return JSON.readTree(body).path("code").asText("HTTP_ERROR");
    } catch (IOException e) {
      return "HTTP_ERROR";
    }
  }

  private static void closeAll(InputStream[] in) {
    for (InputStream s : in) {
      if (s != null) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a connection we are done with
        }
      }
    }
  }

  private static InputStream counting(InputStream in, String phase, long total, Progress p) {
    return new java.io.FilterInputStream(in) {
      long done;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          done += n;
          p.update(phase, done, total);
        }
        return n;
      }
    };
  }

  private static OutputStream counting(OutputStream out, long total, Progress p) {
    return new java.io.FilterOutputStream(out) {
      long done;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        done += len;
        p.update("downloading", done, total);
      }
    };
  }
}
