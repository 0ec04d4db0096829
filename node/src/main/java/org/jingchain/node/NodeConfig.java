package org.jingchain.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * Node settings with documented defaults (docs/config.md). A config file is a Java properties file;
 * unknown keys and out-of-range values are rejected at start-up with the key's name.
 */
public record NodeConfig(
    Path dataDir,
    String chainId,
    SuiteId suite,
    String apiHost,
    int apiPort,
    int apiMaxBodyBytes,
    int apiMaxBatchTxs,
    int apiRequestsPerSecond,
    int apiMaxStreams,
    java.util.Set<String> apiAllowedHosts,
    int apiMaxRequestSeconds,
    String apiTlsKeystore,
    String apiTlsKeystorePasswordFile,
    String apiTlsClientCa,
    int mempoolMaxTxs,
    long mempoolMaxBytes,
    long mempoolMaxTtlMillis,
    long blockIntervalMillis,
    int blockMaxTxs,
    long blockMaxBytes,
    long blockEmptyIntervalMillis,
    long stateRetainVersions,
    boolean storageSync,
    long storageCacheBytes,
    String genesisFile,
    String p2pHost,
    int p2pPort,
    String p2pPeers,
    boolean consensusJoin,
    String pkcs11Token,
    String pkcs11Key,
    String pkcs11Library,
    String pkcs11PinFile,
    String cryptoVerifyBackend) {

  /** Every key with its default, in the order docs/config.md documents them. */
  public static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> d = new TreeMap<>();
    d.put("data.dir", ".jing/dev");
    d.put("chain.id", "jing-dev");
    d.put("chain.suite", "intl");
    d.put("api.host", "127.0.0.1");
    d.put("api.port", "8645");
    d.put("api.maxBodyBytes", Integer.toString(8 * 1024 * 1024));
    d.put("api.maxBatchTxs", "2000");
    d.put("api.requestsPerSecond", "500");
    d.put("api.maxStreams", "64");
    d.put("api.allowedHosts", "");
    d.put("api.maxRequestSeconds", "30");
    d.put("api.tls.keystore", "");
    d.put("api.tls.keystorePasswordFile", "");
    d.put("api.tls.clientCa", "");
    d.put("mempool.maxTxs", "200000");
    d.put("mempool.maxBytes", Long.toString(128L * 1024 * 1024));
    d.put("mempool.maxTtlMillis", Long.toString(3_600_000L));
    d.put("block.intervalMillis", "200");
    d.put("block.maxTxs", "5000");
    d.put("block.maxBytes", Long.toString(4L * 1024 * 1024));
    d.put("block.emptyIntervalMillis", "1000");
    d.put("state.retainVersions", "1000");
    d.put("storage.sync", "true");
    d.put("storage.cacheBytes", Long.toString(256L * 1024 * 1024));
    d.put("genesis.file", "");
    d.put("p2p.host", "127.0.0.1");
    d.put("p2p.port", "9645");
    d.put("p2p.peers", "");
    d.put("consensus.join", "false");
    d.put("validator.pkcs11.token", "");
    d.put("validator.pkcs11.key", "validator");
    d.put("validator.pkcs11.library", "/usr/lib/softhsm/libsofthsm2.so");
    d.put("validator.pkcs11.pinFile", "");
    d.put("crypto.verifyBackend", org.jingchain.crypto.VerifyBackends.BOUNCYCASTLE);
    return d;
  }

  public static NodeConfig defaultsWith(Map<String, String> overrides) {
    Map<String, String> all = new TreeMap<>(DEFAULTS);
    for (var e : overrides.entrySet()) {
      if (!DEFAULTS.containsKey(e.getKey())) {
        throw new ConfigException(
            "unknown config key '" + e.getKey() + "'; known keys: " + DEFAULTS.keySet());
      }
      all.put(e.getKey(), e.getValue().trim());
    }
    return fromMap(all);
  }

  /** Reads a properties file, then applies {@code overrides} (command-line flags) on top. */
  public static NodeConfig load(Path file, Map<String, String> overrides) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    Map<String, String> m = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      m.put(k, p.getProperty(k));
    }
    m.putAll(overrides);
    return defaultsWith(m);
  }

  private static NodeConfig fromMap(Map<String, String> m) {
    return new NodeConfig(
        Path.of(m.get("data.dir")),
        chainId(m.get("chain.id")),
        SuiteId.fromLabel(m.get("chain.suite"))
            .orElseThrow(
                () ->
                    new ConfigException(
                        "chain.suite must be 'intl' or 'sm', got '" + m.get("chain.suite") + "'")),
        m.get("api.host"),
        (int) num(m, "api.port", 0, 65535, Long::parseLong),
        (int) num(m, "api.maxBodyBytes", 1024, 256L * 1024 * 1024, Long::parseLong),
        (int) num(m, "api.maxBatchTxs", 1, 100_000, Long::parseLong),
        (int) num(m, "api.requestsPerSecond", 1, 1_000_000, Long::parseLong),
        (int) num(m, "api.maxStreams", 0, 10_000, Long::parseLong),
        allowedHosts(m.get("api.allowedHosts")),
        (int) num(m, "api.maxRequestSeconds", 1, 3600, Long::parseLong),
        m.get("api.tls.keystore"),
        m.get("api.tls.keystorePasswordFile"),
        m.get("api.tls.clientCa"),
        (int) num(m, "mempool.maxTxs", 1, 10_000_000, Long::parseLong),
        num(m, "mempool.maxBytes", 1024, 1L << 40, Long::parseLong),
        num(m, "mempool.maxTtlMillis", 1000, 7L * 24 * 3_600_000, Long::parseLong),
        num(m, "block.intervalMillis", 1, 3_600_000, Long::parseLong),
        (int) num(m, "block.maxTxs", 1, org.jingchain.types.Limits.MAX_BLOCK_TXS, Long::parseLong),
        num(m, "block.maxBytes", 1024, 256L * 1024 * 1024, Long::parseLong),
        num(m, "block.emptyIntervalMillis", 1, 3_600_000, Long::parseLong),
        num(m, "state.retainVersions", 0, Long.MAX_VALUE, Long::parseLong),
        bool(m, "storage.sync"),
        num(m, "storage.cacheBytes", 1024 * 1024, 1L << 40, Long::parseLong),
        m.get("genesis.file"),
        m.get("p2p.host"),
        (int) num(m, "p2p.port", 0, 65535, Long::parseLong),
        m.get("p2p.peers"),
        bool(m, "consensus.join"),
        m.get("validator.pkcs11.token"),
        m.get("validator.pkcs11.key"),
        m.get("validator.pkcs11.library"),
        m.get("validator.pkcs11.pinFile"),
        verifyBackend(m.get("crypto.verifyBackend")));
  }

  /** True when the API serves HTTPS ({@code api.tls.keystore} set). */
  public boolean apiTls() {
    return !apiTlsKeystore.isEmpty();
  }

  /** True when the validator key lives in a PKCS#11 token rather than in data.dir/validator.key. */
  public boolean keyInToken() {
    return !pkcs11Token.isEmpty();
  }

  /** {@code api.allowedHosts}: comma-separated host names without ports, or {@code *}. */
  private static java.util.Set<String> allowedHosts(String v) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (String part : v.split(",", -1)) {
      String h = part.trim().toLowerCase(Locale.ROOT);
      if (h.isEmpty()) {
        continue;
      }
      if (!h.equals("*") && !h.matches("[a-z0-9]([a-z0-9.-]{0,252})")) {
        throw new ConfigException(
            "api.allowedHosts must list host names (no ports, no schemes) or *, got '"
                + part.trim()
                + "'");
      }
      out.add(h);
    }
    return java.util.Set.copyOf(out);
  }

  private static String verifyBackend(String name) {
    if (!org.jingchain.crypto.VerifyBackends.NAMES.contains(name)) {
      throw new ConfigException(
          "crypto.verifyBackend must be one of "
              + org.jingchain.crypto.VerifyBackends.NAMES
              + ", got '"
              + name
              + "'");
    }
    return name;
  }

  private static String chainId(String id) {
    if (!id.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
      throw new ConfigException(
          "chain.id must be 1..64 of a-z 0-9 . _ - (starting alphanumeric), got '" + id + "'");
    }
    return id;
  }

  private static long num(
      Map<String, String> m, String key, long min, long max, Function<String, Long> parse) {
    long v;
    try {
      v = parse.apply(m.get(key));
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, got '" + m.get(key) + "'");
    }
    if (v < min || v > max) {
      throw new ConfigException(key + " must be in " + min + ".." + max + ", got " + v);
    }
    return v;
  }

  private static boolean bool(Map<String, String> m, String key) {
    return switch (m.get(key).toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ConfigException(key + " must be true or false, got '" + m.get(key) + "'");
    };
  }

  /** True when this node runs a chain of its own (no genesis file given): the dev chain. */
  public boolean isDevChain() {
    return genesisFile.isEmpty();
  }

  /** The peers to dial, parsed from {@code p2p.peers}: {@code <suite>:<hex>@host:port, ...}. */
  public List<Peer> peers() {
    List<Peer> out = new ArrayList<>();
    for (String item : java.util.regex.Pattern.compile(",").splitAsStream(p2pPeers).toList()) {
      String t = item.trim();
      if (t.isEmpty()) {
        continue;
      }
      int at = t.lastIndexOf('@');
      int colon = t.lastIndexOf(':');
      if (at < 0 || colon < at) {
        throw new ConfigException("p2p.peers entry '" + t + "' is not <key>@<host>:<port>");
      }
      try {
        out.add(
            new Peer(
                PublicKey.parse(t.substring(0, at)),
                t.substring(at + 1, colon),
                Integer.parseInt(t.substring(colon + 1))));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("p2p.peers entry '" + t + "': " + e.getMessage());
      }
    }
    return out;
  }

  /** A peer to dial. */
  public record Peer(PublicKey key, String host, int port) {}

  /** The peers as the p2p network dials them. */
  public List<org.jingchain.p2p.PeerAddress> peerAddresses() {
    List<org.jingchain.p2p.PeerAddress> out = new ArrayList<>();
    for (Peer p : peers()) {
      out.add(new org.jingchain.p2p.PeerAddress(p.key(), p.host(), p.port()));
    }
    return out;
  }

  /** A config value or file is invalid; the message names the key. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }
}
