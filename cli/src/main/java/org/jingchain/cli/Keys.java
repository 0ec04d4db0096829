package org.jingchain.cli;

import java.nio.file.Path;
import java.util.Arrays;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.crypto.KeyStoreException;
import org.jingchain.types.PublicKey;

/** Loads key pairs from encrypted key stores with a password from the usual sources. */
final class Keys {
  private Keys() {}

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
