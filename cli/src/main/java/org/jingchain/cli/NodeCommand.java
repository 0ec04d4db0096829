package org.jingchain.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.crypto.KeyStoreException;
import org.jingchain.node.JingNode;
import org.jingchain.node.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jing node}: runs one validator of a network from its config file. */
@Command(
    name = "node",
    description = {
      "Run one validator of a network from its config (as written by 'jing net init').",
      "The validator key is <data.dir>/validator.key; its password comes from --password-file,",
      "else <data.dir>/validator.key.password, else JING_KEY_PASSWORD, else a prompt.",
      "With validator.pkcs11.token set, the key is in that PKCS#11 token instead; its PIN comes",
      "from --pin-file, else validator.pkcs11.pinFile, else JING_PKCS11_PIN.",
      "Stop with Ctrl-C or SIGTERM."
    })
final class NodeCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      required = true,
      description = "Properties file with the node's settings (see docs/config.md).")
  Path config;

  @Option(names = "--password-file", description = "File holding the validator key's password.")
  Path passwordFile;

  @Option(
      names = "--pin-file",
      description = "File holding the PKCS#11 token's PIN (with validator.pkcs11.token).")
  Path pinFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a setting, e.g. --set api.port=9000 (repeatable).")
  Map<String, String> settings = new TreeMap<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    NodeConfig cfg;
    try {
      cfg = NodeConfig.load(config, settings);
    } catch (NodeConfig.ConfigException e) {
      throw new CliException(e.getMessage());
    }
    if (cfg.keyInToken()) {
      Pkcs11Options token = new Pkcs11Options();
      token.token = cfg.pkcs11Token();
      token.key = cfg.pkcs11Key();
      token.library = Path.of(cfg.pkcs11Library());
      token.pinFile =
          pinFile != null
              ? pinFile
              : cfg.pkcs11PinFile().isEmpty() ? null : Path.of(cfg.pkcs11PinFile());
      org.jingchain.consensus.Signer signer = token.signer();
      return NodeRunner.runUntilStopped(
          cfg,
          c ->
              JingNode.start(
                  c,
                  signer,
                  java.time.Clock.systemUTC(),
                  org.jingchain.platform.Platform.services()));
    }
    return NodeRunner.runUntilStopped(cfg, loadKey(cfg.dataDir(), passwordFile));
  }

  static KeyPair loadKey(Path dataDir, Path passwordFile) throws IOException {
    Path keyFile = dataDir.resolve("validator.key");
    if (!Files.exists(keyFile)) {
      throw new CliException(
          "no validator key at " + keyFile + " (create one with 'jing net init')");
    }
    Path beside = dataDir.resolve("validator.key.password");
    char[] password;
    if (passwordFile != null) {
      password = Passwords.nonInteractive(passwordFile).orElseThrow();
    } else if (Files.exists(beside)) {
      password = Files.readString(beside, StandardCharsets.UTF_8).strip().toCharArray();
    } else {
      password = Passwords.forExisting(null, keyFile);
    }
    try {
      return EncryptedKeyStore.read(keyFile, password);
    } catch (KeyStoreException e) {
      throw new CliException("validator key " + keyFile + ": " + e.getMessage());
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
