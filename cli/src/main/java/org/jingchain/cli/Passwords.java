package org.jingchain.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where key-store passwords come from, in order: {@code --password-file}, the environment variable
 * {@code JING_KEY_PASSWORD}, then an interactive prompt. Never from a command-line argument, which
 * other users could read from the process list.
 */
final class Passwords {
  static final String ENV = "JING_KEY_PASSWORD";

  private Passwords() {}

  /** A password if one is available without prompting. */
  static Optional<char[]> nonInteractive(Path passwordFile) {
    if (passwordFile != null) {
      try {
        String s = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) {
          throw new CliException("password file " + passwordFile + " is empty");
        }
        return Optional.of(s.toCharArray());
      } catch (IOException e) {
        throw new CliException("cannot read password file " + passwordFile + ": " + e.getMessage());
      }
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isEmpty()) {
      return Optional.of(env.toCharArray());
    }
    return Optional.empty();
  }

  /** A password for an existing key. */
  static char[] forExisting(Path passwordFile, Path keyFile) {
    return nonInteractive(passwordFile)
        .orElseGet(() -> prompt("Password for " + keyFile + ": ", false));
  }

  /** A password for a new key (asked twice when prompting). */
  static char[] forNew(Path passwordFile, Path keyFile) {
    return nonInteractive(passwordFile)
        .orElseGet(() -> prompt("New password for " + keyFile + ": ", true));
  }

  /** True when a person can be asked: since JDK 22 a Console exists even without a terminal. */
  @SuppressWarnings("SystemConsoleNull") // the JDK still documents a null return ("if any")
  static boolean canPrompt() {
    Console c = System.console();
    return c != null && c.isTerminal();
  }

  private static char[] prompt(String message, boolean confirm) {
    if (!canPrompt()) {
      throw new CliException(
          "a key password is needed: pass --password-file FILE or set "
              + ENV
              + " (no terminal to prompt on)");
    }
    Console c = System.console();
    char[] p = c.readPassword("%s", message);
    if (p == null || p.length == 0) {
      throw new CliException("empty password");
    }
    if (confirm) {
      char[] again = c.readPassword("Repeat: ");
      if (!Arrays.equals(p, again)) {
        throw new CliException("passwords do not match");
      }
    }
    return p;
  }
}
