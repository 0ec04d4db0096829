package org.jingchain.sdk.datadir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.jingchain.crypto.KeyPair;
import org.jingchain.datadir.Digest;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.JingClient;

/**
 * A data server (docs/spec/datadir-access.md section 2): serves the files of one directory at
 * {@code GET /assets/{id}} to holders of valid access tokens and grants, recording each access on
 * chain before the first byte is sent [DDA-6]. Runs on the JDK's HTTP server, one virtual thread
 * per request, at most {@link Limits#maxConcurrent()} at once.
 */
public final class DataServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ASSET_PATH = Pattern.compile("/assets/([a-z0-9][a-z0-9._-]{0,63})");

  /** Receives one line per request [DDA-9]. */
  @FunctionalInterface
  public interface RequestLog {
    void log(String line);
  }

  /**
   * How much the server takes on (section 3 of the spec): requests at once, the request target's
   * length, the headers' total size, clock skew and the longest token lifetime it accepts.
   */
  public record Limits(
      int maxConcurrent,
      int maxTargetChars,
      int maxHeaderBytes,
      Duration maxSkew,
      Duration maxTokenLifetime) {
    public static final Limits DEFAULT =
        new Limits(64, 2048, 16 * 1024, AccessTokens.DEFAULT_SKEW, AccessTokens.MAX_LIFETIME);

    public Limits {
      Objects.requireNonNull(maxSkew, "maxSkew");
      Objects.requireNonNull(maxTokenLifetime, "maxTokenLifetime");
      if (maxConcurrent < 1 || maxTargetChars < 16 || maxHeaderBytes < 1024) {
        throw new IllegalArgumentException(
            "limits too small: concurrent >= 1, target >= 16, headers >= 1024");
      }
      if (maxSkew.isNegative() || maxSkew.compareTo(AccessTokens.MAX_SKEW) > 0) {
        throw new IllegalArgumentException("maxSkew must be 0..5 minutes");
      }
      if (maxTokenLifetime.toSeconds() < 1
          || maxTokenLifetime.compareTo(AccessTokens.MAX_LIFETIME) > 0) {
        throw new IllegalArgumentException("maxTokenLifetime must be 1..300 s");
      }
    }

    public Limits withMaxConcurrent(int n) {
      return new Limits(n, maxTargetChars, maxHeaderBytes, maxSkew, maxTokenLifetime);
    }
  }

  /**
   * Who the server is: its id (the audience tokens must name: its URL or DID), the chain whose
   * tokens and grants it honours, the DID it records accesses as (the assets' owner or a delegate),
   * where it listens, and its limits.
   */
  public record Config(
      String serverId, String chainId, String actorDid, InetSocketAddress bind, Limits limits) {
    public Config {
      Objects.requireNonNull(serverId, "serverId");
      Objects.requireNonNull(chainId, "chainId");
      Objects.requireNonNull(actorDid, "actorDid");
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(limits, "limits");
      if (serverId.isEmpty() || chainId.isEmpty()) {
        throw new IllegalArgumentException("serverId and chainId must not be empty");
      }
      if (org.jingchain.identity.Did.id(actorDid).isEmpty()) {
        throw new IllegalArgumentException("actorDid must be a did:jing DID: " + actorDid);
      }
    }
  }

  private final HttpServer http;
  private final ExecutorService executor;
  private final AccessGate gate;
  private final Config config;
  private final Clock clock;
  private final RequestLog log;
  private final Semaphore permits;

  private DataServer(Config config, AccessGate gate, Clock clock, RequestLog log, HttpServer http) {
    this.config = config;
    this.gate = gate;
    this.clock = clock;
    this.log = log;
    this.http = http;
    this.permits = new Semaphore(config.limits().maxConcurrent());
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    http.createContext("/", this::handle);
    http.setExecutor(executor);
  }

  /**
   * Starts a server whose chain reads and recordings go through {@code chain} and {@code recorder}
   * (tests pass fakes; {@link #startOnChain} the real ones).
   */
  public static DataServer start(
      Config config,
      AssetFiles files,
      CertifiedReads chain,
      AccessRecorder recorder,
      Clock clock,
      RequestLog log)
      throws IOException {
    AccessGate gate =
        new AccessGate(
            new AccessGate.Settings(
                config.serverId(), config.chainId(), config.actorDid(), config.limits()),
            Objects.requireNonNull(files, "files"),
            Objects.requireNonNull(chain, "chain"),
            Objects.requireNonNull(recorder, "recorder"),
            Objects.requireNonNull(clock, "clock"));
    HttpServer http = HttpServer.create(config.bind(), 128);
    DataServer s = new DataServer(config, gate, clock, Objects.requireNonNull(log, "log"), http);
    http.start();
    return s;
  }

  /**
   * Starts a server on a real chain: certified reads through {@code client} checked by {@code
   * light} ({@link CertifiedChain}), recordings signed by {@code actorKey} ({@link ChainRecorder}).
   * The chain id is {@code light}'s.
   */
  public static DataServer startOnChain(
      String serverId,
      String actorDid,
      InetSocketAddress bind,
      Limits limits,
      AssetFiles files,
      JingClient client,
      LightClient light,
      KeyPair actorKey,
      RequestLog log)
      throws IOException {
    Clock clock = Clock.systemUTC();
    return start(
        new Config(serverId, light.chainId(), actorDid, bind, limits),
        files,
        new CertifiedChain(client, light),
        new ChainRecorder(
            client, actorKey, light.chainId(), ChainRecorder.DEFAULT_COMMIT_WAIT, clock),
        clock,
        log);
  }

  /**
   * Bounds the JDK HTTP server itself — header size and count, connections — through its system
   * properties, unless already set. They are read once per JVM: call before the first server starts
   * (the CLI does).
   */
  public static void limitJdkServer(Limits limits) {
    setIfAbsent("sun.net.httpserver.maxReqHeaderSize", Integer.toString(limits.maxHeaderBytes()));
    setIfAbsent("sun.net.httpserver.maxReqHeaders", "64");
    setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(4 * limits.maxConcurrent()));
    setIfAbsent("sun.net.httpserver.maxReqTime", "30");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** Where it listens (the port chosen when the config named port 0). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** {@code http://<address>:<port>}, the address as a literal. */
  public URI uri() {
    InetSocketAddress a = address();
    String host = a.getAddress().getHostAddress();
    return URI.create(
        "http://"
            + (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host)
            + ":"
            + a.getPort());
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }

  // ---- requests

  /** What one request ended in, for the log line. */
  private record Answer(int status, String code, String requester, String accessId, long bytes) {}

  private void handle(HttpExchange ex) {
    long started = System.nanoTime();
    Answer answer = new Answer(0, "-", "", "", 0);
    try (ex) {
      if (!permits.tryAcquire()) {
        answer =
            refuse(
                ex,
                new AccessGate.Refused(
                    new Refusal(503, Refusal.BUSY, "too many requests at once; try again"),
                    "",
                    ""));
        return;
      }
      try {
        answer = serve(ex);
      } finally {
        permits.release();
      }
    } catch (IOException e) {
      // the client went away mid-answer: what was committed is committed
      answer = new Answer(answer.status(), "ABORTED " + e.getClass().getSimpleName(), "", "", 0);
    } catch (RuntimeException e) {
      answer = internalError(ex, e);
    } finally {
      logLine(ex, answer, started);
    }
  }

  /** A bug: answered 500 if nothing was sent yet; the log says what happened. */
  private Answer internalError(HttpExchange ex, RuntimeException e) {
    String note = e.getClass().getSimpleName() + ": " + e.getMessage();
    if (ex.getResponseCode() == -1) {
      try {
        return refuse(
            ex,
            new AccessGate.Refused(
                new Refusal(500, Refusal.INTERNAL, "the server failed; see its log"),
                "",
                "",
                note));
      } catch (IOException | RuntimeException again) {
        // the client is gone as well
      }
    }
    return new Answer(500, Refusal.INTERNAL + " (" + note + ")", "", "", 0);
  }

  private Answer serve(HttpExchange ex) throws IOException {
    URI target = ex.getRequestURI();
    String raw = target.getRawPath() == null ? "" : target.getRawPath();
    int targetChars =
        raw.length() + (target.getRawQuery() == null ? 0 : target.getRawQuery().length());
    if (targetChars > config.limits().maxTargetChars()) {
      return refuse(ex, 414, Refusal.URI_TOO_LONG, "the request target is too long");
    }
    if (headerBytes(ex.getRequestHeaders()) > config.limits().maxHeaderBytes()) {
      return refuse(ex, 431, Refusal.HEADERS_TOO_LARGE, "the request headers are too large");
    }
    if (!ex.getRequestMethod().equals("GET")) {
      ex.getResponseHeaders().set("Allow", "GET");
      return refuse(ex, 405, Refusal.METHOD_NOT_ALLOWED, "only GET is served");
    }
    var m = ASSET_PATH.matcher(raw);
    if (!m.matches()) {
      return refuse(ex, 404, Refusal.NOT_FOUND, "assets are served at /assets/{id}");
    }
    AccessGate.Outcome outcome =
        gate.admit(m.group(1), ex.getRequestHeaders().get("Authorization"));
    return switch (outcome) {
      case AccessGate.Refused r -> refuse(ex, r);
      case AccessGate.Granted g -> send(ex, g);
    };
  }

  private static long headerBytes(Headers headers) {
    long n = 0;
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      for (String v : e.getValue()) {
        n += e.getKey().length() + v.length() + 4;
      }
    }
    return n;
  }

  private Answer refuse(HttpExchange ex, int status, String code, String message)
      throws IOException {
    return refuse(ex, new AccessGate.Refused(new Refusal(status, code, message), "", ""));
  }

  private Answer refuse(HttpExchange ex, AccessGate.Refused r) throws IOException {
    Refusal refusal = r.refusal();
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", "application/json");
    h.set("Cache-Control", "no-store");
    if (refusal.status() == 401) {
      String realm = "Bearer realm=\"" + quoted(config.serverId()) + "\"";
      h.set(
          "WWW-Authenticate",
          refusal.code().equals(Refusal.MISSING_TOKEN)
              ? realm
              : realm + ", error=\"invalid_token\", error_description=\"" + refusal.code() + "\"");
    }
    if (refusal.status() == 503) {
      h.set("Retry-After", refusal.code().equals(Refusal.BUSY) ? "1" : "5");
    }
    ObjectNode body =
        JSON.createObjectNode().put("error", refusal.code()).put("message", refusal.message());
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.sendResponseHeaders(refusal.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    String code = r.note().isEmpty() ? refusal.code() : refusal.code() + " (" + r.note() + ")";
    return new Answer(refusal.status(), code, r.requester(), r.accessId(), 0);
  }

  /** [DDA-6] Only reached once the access is recorded: the headers, then exactly the file. */
  private Answer send(HttpExchange ex, AccessGate.Granted g) throws IOException {
    try (FileChannel channel = g.channel()) {
      Digest digest = g.version().content().digest();
      Headers h = ex.getResponseHeaders();
      h.set("Content-Type", "application/octet-stream");
      h.set("Cache-Control", "no-store");
      h.set(
          "X-Jing-Access",
          "id="
              + g.access().jti()
              + "; tx="
              + g.recorded().txHash().toHex()
              + "; height="
              + g.recorded().height());
      h.set("X-Jing-Version", Integer.toString(g.version().number()));
      h.set(
          "Digest",
          digest.algorithm()
              + "="
              + Base64.getEncoder().encodeToString(digest.value().toByteArray()));
      h.set("ETag", "\"" + digest + "\"");
      long size = g.size();
      ex.sendResponseHeaders(200, size == 0 ? -1 : size);
      long sent = 0;
      try (OutputStream out = ex.getResponseBody()) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (sent < size) {
          buffer.clear().limit((int) Math.min(buffer.capacity(), size - sent));
          int n = channel.read(buffer, sent);
          if (n < 0) {
            throw new IOException("the file shrank while being sent");
          }
          out.write(buffer.array(), 0, n);
          sent += n;
        }
      }
      return new Answer(200, "-", g.access().requester(), g.access().jti(), sent);
    }
  }

  private static String quoted(String s) {
    return AccessTokens.abbreviate(s).replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private void logLine(HttpExchange ex, Answer a, long startedNanos) {
    long millis = (System.nanoTime() - startedNanos) / 1_000_000;
    InetSocketAddress remote = ex.getRemoteAddress();
    log.log(
        clock.instant()
            + " "
            + (remote == null ? "-" : remote.getAddress().getHostAddress())
            + " "
            + AccessTokens.abbreviate(ex.getRequestMethod())
            + " "
            + AccessTokens.abbreviate(ex.getRequestURI().getRawPath())
            + " "
            + a.status()
            + " "
            + a.code()
            + " requester="
            + (a.requester().isEmpty() ? "-" : a.requester())
            + " access="
            + (a.accessId().isEmpty() ? "-" : a.accessId())
            + " bytes="
            + a.bytes()
            + " "
            + millis
            + "ms");
  }
}
