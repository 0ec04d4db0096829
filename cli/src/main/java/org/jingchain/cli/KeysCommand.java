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
        .put("file", file == null ? "(in a PKCS#11 token)" : file.toString())
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

    @Option(names = "--out", description = "Key file to create (never overwritten).")
    Path out;

    @picocli.CommandLine.Mixin Pkcs11Options pkcs11;

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
      if (pkcs11.given()) {
        if (out != null) {
          throw new CliException(
              "give --out (a key file) or --pkcs11-token (a key in a token), not both");
        }
        if (id != SuiteId.INTL) {
          throw new CliException(
              "keys in a PKCS#11 token are Ed25519 (suite intl); SM2 needs a token with vendor SM2"
                  + " mechanisms (docs/spec/governance.md, section 5)");
        }
        try (var token = pkcs11.open()) {
          var k = token.generateEd25519(pkcs11.key);
          ObjectNode n = describe(k.publicKey(), s, null);
          n.put("pkcs11Token", pkcs11.token).put("pkcs11Key", pkcs11.key);
          fmt.print(
              spec.commandLine().getOut(),
              n,
              human(n)
                  + "\ntoken      "
                  + pkcs11.token
                  + " (key '"
                  + pkcs11.key
                  + "', not extractable)");
          return 0;
        } catch (org.jingchain.crypto.pkcs11.Pkcs11Exception e) {
          throw new CliException("PKCS#11: " + e.getMessage());
        }
      }
      if (out == null) {
        throw new CliException("give --out FILE, or --pkcs11-token to make the key in a token");
      }
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

    @Option(
        names = "--address",
        description =
            "Print the address alone, as the next command takes it: --to $(jing keys"
                + " show --key bob.key --address).")
    boolean addressOnly;

    @Option(names = "--public-key", description = "Print the public key alone (<suite>:<hex>).")
    boolean publicKeyOnly;

    @Mixin ApiOptions fmt;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PublicKey pk = Keys.publicKey(key);
      ObjectNode n = describe(pk, CryptoSuites.of(pk.suite()), key);
      if (addressOnly && publicKeyOnly) {
        throw new CliException("--address or --public-key, not both");
      }
      if (addressOnly || publicKeyOnly) {
        spec.commandLine()
            .getOut()
            .println(addressOnly ? n.get("address").asText() : pk.toString());
        return 0;
      }
      fmt.print(spec.commandLine().getOut(), n, human(n));
      return 0;
    }
  }
}
