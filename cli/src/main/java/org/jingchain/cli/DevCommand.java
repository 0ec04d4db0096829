package org.jingchain.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.crypto.KeyStoreException;
import org.jingchain.node.JingNode;
import org.jingchain.node.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jing dev}: runs an embedded single-validator chain on RocksDB until SIGTERM or Ctrl-C. */
@Command(
    name = "dev",
    description = {
      "Run a single-node development chain (RocksDB in --data-dir, REST API on 127.0.0.1).",
      "The first start creates the chain and an encrypted validator key; later starts resume it.",
      "Stop with Ctrl-C or SIGTERM: consensus stops after its current step and the node closes cleanly."
    })
final class DevCommand implements Callable<Integer> {
  private static final System.Logger LOG = System.getLogger(DevCommand.class.getName());

  @Option(
      names = "--config",
      description = "Properties file with node settings (see docs/config.md).")
  Path config;

  @Option(names = "--data-dir", description = "Where the chain lives (default .jing/dev).")
  Path dataDir;

  @Option(names = "--api-port", description = "API port (default 8645; 0 picks a free one).")
  Integer apiPort;

  @Option(names = "--api-host", description = "API bind address (default 127.0.0.1).")
  String apiHost;

  @Option(
      names = "--suite",
      description = "Crypto suite of a new chain: intl or sm (default intl).")
  String suite;

  @Option(names = "--chain-id", description = "Chain id of a new chain (default jing-dev).")
  String chainId;

  @Option(
      names = "--block-interval-ms",
      description =
          "Seal a block at most this long after the first pending transaction (default 200).")
  Long blockIntervalMillis;

  @Option(
      names = "--password-file",
      description =
          "Password of the validator key (else env JING_KEY_PASSWORD, else a generated dev password).")
  Path passwordFile;

  @picocli.CommandLine.Mixin Pkcs11Options pkcs11;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Any other setting, e.g. --set mempool.maxTxs=50000 (repeatable).")
  Map<String, String> settings = new TreeMap<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    Map<String, String> o = new TreeMap<>(settings);
    put(o, "data.dir", dataDir);
    put(o, "api.port", apiPort);
    put(o, "api.host", apiHost);
    put(o, "chain.suite", suite);
    put(o, "chain.id", chainId);
    put(o, "block.intervalMillis", blockIntervalMillis);
    NodeConfig cfg;
    try {
      cfg = config != null ? NodeConfig.load(config, o) : NodeConfig.defaultsWith(o);
    } catch (NodeConfig.ConfigException e) {
      throw new CliException(e.getMessage());
    }
    Keys.createPrivateDirectory(cfg.dataDir());
    if (pkcs11.given()) {
      // The validator key signs in the token; it never enters this process.
      return NodeRunner.runUntilStopped(
          cfg,
          c ->
              JingNode.start(
                  c,
                  pkcs11.signer(),
                  Clock.systemUTC(),
                  org.jingchain.platform.Platform.services()));
    }
    KeyPair key = validatorKey(cfg);
    return NodeRunner.runUntilStopped(
        cfg,
        c -> JingNode.start(c, key, Clock.systemUTC(), org.jingchain.platform.Platform.services()));
  }

  private static void put(Map<String, String> m, String key, Object v) {
    if (v != null) {
      m.put(key, v.toString());
    }
  }

  private static char[] generateDevPassword(Path devPassword) {
    byte[] r = new byte[24];
    new SecureRandom().nextBytes(r);
    char[] password = HexFormat.of().formatHex(r).toCharArray();
    try {
      Keys.writeSecret(devPassword, new String(password));
    } catch (IOException e) {
      throw new CliException("cannot write " + devPassword + ": " + e.getMessage());
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "dev mode: the validator key is encrypted with a generated password kept in {0}. "
            + "That is for development only; give production keys a password with --password-file or JING_KEY_PASSWORD.",
        devPassword);
    return password;
  }

  /** Loads or creates the encrypted validator key in the data directory. */
  private KeyPair validatorKey(NodeConfig cfg) throws IOException {
    Path keyFile = cfg.dataDir().resolve("validator.key");
    Path devPassword = cfg.dataDir().resolve("validator.key.password");
    // The dev password file, once generated, belongs to this key: it wins over the shared
    // JING_KEY_PASSWORD variable, which users set for their own account keys.
    char[] password;
    if (passwordFile != null) {
      password = Passwords.nonInteractive(passwordFile).orElseThrow();
    } else if (Files.exists(devPassword)) {
      password = Files.readString(devPassword, StandardCharsets.UTF_8).strip().toCharArray();
    } else if (Files.exists(keyFile)) {
      password = Passwords.forExisting(null, keyFile);
    } else {
      password = Passwords.nonInteractive(null).orElseGet(() -> generateDevPassword(devPassword));
    }
    try {
      if (Files.exists(keyFile)) {
        return EncryptedKeyStore.read(keyFile, password);
      }
      KeyPair kp = CryptoSuites.of(cfg.suite()).generateKeyPair(new SecureRandom());
      EncryptedKeyStore.write(keyFile, kp, password);
      LOG.log(System.Logger.Level.INFO, "created validator key {0} ({1})", keyFile, kp.address());
      return kp;
    } catch (KeyStoreException e) {
      throw new CliException("validator key " + keyFile + ": " + e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
