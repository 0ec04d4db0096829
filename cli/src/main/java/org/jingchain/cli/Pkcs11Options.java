package org.jingchain.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jingchain.consensus.Signer;
import org.jingchain.crypto.pkcs11.Pkcs11Exception;
import org.jingchain.crypto.pkcs11.Pkcs11Token;
import org.jingchain.types.PublicKey;
import picocli.CommandLine.Option;

/** Where a key lives in a PKCS#11 token (an HSM, a crypto chip, SoftHSM2). */
final class Pkcs11Options {
  @Option(
      names = "--pkcs11-token",
      description = "Label of the PKCS#11 token holding the key (Ed25519, suite intl).")
  String token;

  @Option(
      names = "--pkcs11-key",
      defaultValue = "validator",
      description = "Label of the key in the token (default ${DEFAULT-VALUE}).")
  String key;

  @Option(
      names = "--pkcs11-library",
      defaultValue = "/usr/lib/softhsm/libsofthsm2.so",
      description = "The token's PKCS#11 module (default ${DEFAULT-VALUE}, SoftHSM2).")
  Path library;

  @Option(
      names = "--pin-file",
      description = "File holding the token user's PIN (else env JING_PKCS11_PIN).")
  Path pinFile;

  boolean given() {
    return token != null;
  }

  Pkcs11Token open() {
    char[] pin = pin();
    try {
      return Pkcs11Token.open(library, token, pin);
    } catch (Pkcs11Exception e) {
      throw new CliException("PKCS#11: " + e.getMessage());
    } finally {
      java.util.Arrays.fill(pin, '\0');
    }
  }

  /** The key as a consensus signer; the token stays open for the life of the process. */
  Signer signer() {
    Pkcs11Token t = open();
    Pkcs11Token.Key k;
    try {
      k =
          t.find(key)
              .orElseThrow(
                  () ->
                      new CliException(
                          "token '"
                              + token
                              + "' holds no key '"
                              + key
                              + "'; create it with"
                              + " 'jing keys new --pkcs11-token "
                              + token
                              + " --pkcs11-key "
                              + key
                              + "'"));
    } catch (Pkcs11Exception e) {
      throw new CliException("PKCS#11: " + e.getMessage());
    }
    return new Signer() {
      @Override
      public PublicKey publicKey() {
        return k.publicKey();
      }

      @Override
      public byte[] sign(byte[] message) {
        try {
          return t.sign(k, message);
        } catch (Pkcs11Exception e) {
          // A validator that cannot sign must stop rather than go on silently.
          throw new IllegalStateException("PKCS#11 signing failed: " + e.getMessage(), e);
        }
      }
    };
  }

  private char[] pin() {
    if (pinFile != null) {
      try {
        return Files.readString(pinFile, StandardCharsets.UTF_8).strip().toCharArray();
      } catch (IOException e) {
        throw new CliException("cannot read --pin-file " + pinFile + ": " + e.getMessage());
      }
    }
    String env = System.getenv("JING_PKCS11_PIN");
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    throw new CliException("give the token's PIN with --pin-file or env JING_PKCS11_PIN");
  }
}
