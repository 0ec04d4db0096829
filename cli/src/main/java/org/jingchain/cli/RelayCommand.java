package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.xchain.Relayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing relay start}: the cross-chain relayer (docs/spec/xchain.md section 7). */
@Command(
    name = "relay",
    description = "The cross-chain relayer: carries packets between chains, trusted for nothing.",
    subcommands = {RelayCommand.Start.class})
final class RelayCommand {
  private RelayCommand() {}

  /** The chains and paths of a relay configuration file (docs/xchain.md shows one). */
  record Config(
      List<Relayer.End[]> paths, int maxMessages, long intervalMillis, long refreshMillis) {
    static final Set<String> TOP =
        Set.of("chains", "paths", "maxMessages", "intervalMillis", "refreshMillis");
    static final Set<String> CHAIN = Set.of("api", "key", "passwordFile");
    static final Set<String> PATH = Set.of("a", "aClient", "b", "bClient");

    static Config read(Path file) {
      JsonNode root;
      try {
        root = new ObjectMapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e.getMessage());
      }
      if (root == null || !root.isObject()) {
        throw new CliException(file + " is not a JSON object");
      }
      only(root, TOP, file.toString());
      Path dir = file.toAbsolutePath().getParent();
      Map<String, KeyPair> keys = new TreeMap<>();
      Map<String, String> apis = new TreeMap<>();
      JsonNode chains = root.path("chains");
      if (!chains.isObject() || chains.isEmpty()) {
        throw new CliException(file + ": \"chains\" must name at least two chains");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = chains.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> c = it.next();
        JsonNode n = c.getValue();
        only(n, CHAIN, "chain " + c.getKey());
        String api;
        try {
          api = NodeUrl.normalise(text(n, "api", "chain " + c.getKey()));
        } catch (picocli.CommandLine.TypeConversionException e) {
          throw new CliException(file + ": chain " + c.getKey() + ": " + e.getMessage());
        }
        Path key = dir.resolve(text(n, "key", "chain " + c.getKey()));
        Path password = n.has("passwordFile") ? dir.resolve(n.get("passwordFile").asText()) : null;
        apis.put(c.getKey(), api);
        keys.put(c.getKey(), Keys.load(key, password));
      }
      List<Relayer.End[]> paths = new ArrayList<>();
      JsonNode ps = root.path("paths");
      if (!ps.isArray() || ps.isEmpty()) {
        throw new CliException(file + ": \"paths\" must list at least one path");
      }
      for (JsonNode p : ps) {
        only(p, PATH, "a path");
        String a = text(p, "a", "a path");
        String b = text(p, "b", "a path");
        for (String name : List.of(a, b)) {
          if (!apis.containsKey(name)) {
            throw new CliException(file + ": path names chain " + name + ", not in \"chains\"");
          }
        }
        paths.add(
            new Relayer.End[] {
              new Relayer.End(a, apis.get(a), keys.get(a), text(p, "aClient", "path " + a)),
              new Relayer.End(b, apis.get(b), keys.get(b), text(p, "bClient", "path " + b))
            });
      }
      int max = root.path("maxMessages").asInt(100);
      long interval = root.path("intervalMillis").asLong(2000);
      if (interval < 100) {
        throw new CliException(file + ": intervalMillis must be at least 100");
      }
      long refresh = root.path("refreshMillis").asLong(0);
      if (refresh < 0) {
        throw new CliException(file + ": refreshMillis must not be negative");
      }
      if (max < 1 || max > 1000) {
        throw new CliException(file + ": maxMessages must be 1..1000");
      }
      return new Config(paths, max, interval, refresh);
    }

    private static void only(JsonNode n, Set<String> allowed, String where) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!allowed.contains(f)) {
          throw new CliException(where + ": unknown field \"" + f + "\" (known: " + allowed + ")");
        }
      }
    }

    private static String text(JsonNode n, String field, String where) {
      if (!n.path(field).isTextual() || n.get(field).asText().isEmpty()) {
        throw new CliException(where + ": \"" + field + "\" is required");
      }
      return n.get(field).asText();
    }
  }

  /** {@code jing relay start}. */
  @Command(
      name = "start",
      description =
          "Relay the paths of a configuration file until stopped (Ctrl-C), or one pass with"
              + " --once. Keys are read at start (passwordFile, or env JING_KEY_PASSWORD).")
  static final class Start implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The relay configuration (JSON).")
    Path config;

    @Option(names = "--once", description = "One pass over every path, then exit.")
    boolean once;

    @Option(
        names = "--metrics-port",
        description =
            "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics (docs/metrics.md).")
    Integer metricsPort;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
      PrintWriter out = spec.commandLine().getOut();
      Config c = Config.read(config);
      try (RelayMetrics metrics = new RelayMetrics()) {
        if (metricsPort != null) {
          log(out, "metrics at http://127.0.0.1:" + metrics.serve(metricsPort) + "/metrics");
        }
        return run(c, out, metrics);
      }
    }

    private int run(Config c, PrintWriter out, RelayMetrics metrics) throws InterruptedException {
      Relayer.Options options =
          new Relayer.Options(c.maxMessages(), Duration.ofSeconds(60), 10_000, c.refreshMillis());
      List<Relayer> relayers = new ArrayList<>();
      for (Relayer.End[] p : c.paths()) {
        Relayer r = new Relayer(p[0], p[1], options, line -> log(out, line));
        try {
          r.check();
        } catch (IllegalStateException | JingApiException e) {
          throw new CliException(
              "path "
                  + p[0].name()
                  + "/"
                  + p[0].client()
                  + " <-> "
                  + p[1].name()
                  + "/"
                  + p[1].client()
                  + ": "
                  + e.getMessage());
        }
        relayers.add(r);
        log(
            out,
            "relaying "
                + p[0].name()
                + "/"
                + p[0].client()
                + " <-> "
                + p[1].name()
                + "/"
                + p[1].client());
      }
      CountDownLatch stop = new CountDownLatch(1);
      if (!once) {
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      }
      int failures = 0;
      do {
        for (Relayer r : relayers) {
          boolean failed = false;
          try {
            for (Relayer.Pass p : r.relayOnce()) {
              failures += p.refusedTransactions();
              failed |= p.refusedTransactions() > 0;
              metrics.record(p);
            }
          } catch (RuntimeException e) { // an unreachable or lying node: log, retry next pass
            failures++;
            failed = true;
            log(out, "pass failed: " + e.getMessage() + (once ? "" : " (retrying)"));
          }
          metrics.passDone(failed);
        }
      } while (!once && !stop.await(c.intervalMillis(), TimeUnit.MILLISECONDS));
      return failures == 0 ? 0 : 1;
    }

    private static void log(PrintWriter out, String line) {
      out.println(Instant.now() + " " + line);
      out.flush();
    }
  }
}
