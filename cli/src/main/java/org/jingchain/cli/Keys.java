package org.jingchain.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.crypto.KeyStoreException;
import org.jingchain.types.PublicKey;

/** Loads key pairs from encrypted key stores with a password from the usual sources. */
final class Keys {
  private Keys() {}

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code dir} (and its parents) readable by its owner only (0700): a directory holding a
   * key and its password, which no other account on the machine may list or read. A directory that
   * exists already keeps the permissions its owner gave it.
   */
  static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    if (posix()) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * Writes a secret (a key's password) to a file that is 0600 from the moment it exists, never
   * briefly readable by others; an existing file is replaced.
   */
  static void writeSecret(Path file, String secret) throws IOException {
    Files.deleteIfExists(file);
    FileAttribute<?>[] attrs =
        posix()
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    Files.createFile(file, attrs);
    Files.write(
        file, secret.getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** The public key recorded in a key file (stored in clear: no password needed). */
  static PublicKey publicKey(Path keyFile) {
    try {
      return EncryptedKeyStore.readPublicKey(keyFile);
    } catch (KeyStoreException e) {
      throw new CliException("cannot read " + keyFile + ": " + e.getMessage());
    }
  }

  static KeyPair load(Path keyFile, Path passwordFile) {
    char[] password = Passwords.forExisting(passwordFile, keyFile);
    try {
      return EncryptedKeyStore.read(keyFile, password);
    } catch (KeyStoreException e) {
      throw new CliException(
          switch (e.reason()) {
            case WRONG_PASSWORD_OR_CORRUPT ->
                "wrong password for " + keyFile + " (or the file was altered)";
            default -> "cannot read key " + keyFile + ": " + e.getMessage();
          });
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
