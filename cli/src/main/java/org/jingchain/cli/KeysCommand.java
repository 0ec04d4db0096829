package org.jingchain.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.crypto.KeyStoreException;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing keys new|show}. */
@Command(
    name = "keys",
    description = "Create and inspect account keys (stored encrypted; see docs/spec/crypto.md).",
    subcommands = {KeysCommand.New.class, KeysCommand.Show.class})
final class KeysCommand {
  private KeysCommand() {}

  static ObjectNode describe(PublicKey key, CryptoSuite suite, Path file) {
    return ApiOptions.JSON
        .createObjectNode()
        .put("file", file.toString())
        .put("suite", key.suite().label())
        .put("address", suite.address(key).toString())
        .put("publicKey", key.bytes().toHex());
  }

  static String human(ObjectNode n) {
    return String.format(
        "address    %s%nsuite      %s%npublic key %s%nfile       %s",
        n.get("address").asText(),
        n.get("suite").asText(),
        n.get("publicKey").asText(),
        n.get("file").asText());
  }

  /** {@code jing keys new}. */
  @Command(
      name = "new",
      description = {
        "Create a key pair and store it encrypted (scrypt + AES-256-GCM or SM4-GCM).",
        "Password: --password-file, env JING_KEY_PASSWORD, or a prompt."
      })
  static final class New implements Callable<Integer> {
    @Option(
        names = "--suite",
        defaultValue = "intl",
        description = "intl (Ed25519) or sm (SM2); default ${DEFAULT-VALUE}.")
    String suite;

    @Option(
        names = "--out",
        required = true,
        description = "Key file to create (never overwritten).")
    Path out;

    @Option(names = "--password-file", description = "File holding the password.")
    Path passwordFile;

    @Mixin ApiOptions fmt;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      SuiteId id =
          SuiteId.fromLabel(suite)
              .orElseThrow(() -> new CliException("--suite must be intl or sm"));
      CryptoSuite s = CryptoSuites.of(id);
      if (out.toFile().exists()) {
        throw new CliException(out + " already exists; refusing to overwrite a key");
      }
      char[] password = Passwords.forNew(passwordFile, out);
      KeyPair kp = s.generateKeyPair(new SecureRandom());
      try {
        EncryptedKeyStore.write(out, kp, password);
      } catch (KeyStoreException e) {
        throw new CliException("cannot write " + out + ": " + e.getMessage());
      } finally {
        Arrays.fill(password, '\0');
        kp.destroy();
      }
      ObjectNode n = describe(kp.publicKey(), s, out);
      fmt.print(spec.commandLine().getOut(), n, human(n));
      return 0;
    }
  }

  /** {@code jing keys show}. */
  @Command(
      name = "show",
      description = "Show a key file's address and public key (no password needed).")
  static final class Show implements Callable<Integer> {
    @Option(names = "--key", required = true, description = "Key file.")
    Path key;

    @Mixin ApiOptions fmt;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PublicKey pk = Keys.publicKey(key);
      ObjectNode n = describe(pk, CryptoSuites.of(pk.suite()), key);
      fmt.print(spec.commandLine().getOut(), n, human(n));
      return 0;
    }
  }
}
