package org.jingchain.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import org.bouncycastle.crypto.generators.SCrypt;
import org.jingchain.crypto.KeyStoreException.Reason;
import org.jingchain.types.PublicKey;

/**
 * Password-protected key files ({@code jing-keystore-1}): a small JSON document holding the suite,
 * public key and address in clear and the private key sealed with the suite's own AEAD under a
 * scrypt-derived key. See {@code docs/spec/crypto.md} for the format.
 *
 * <p>Files are written atomically (a private temporary file, then a hard link or rename) with
 * permissions 0600 where the file system supports POSIX permissions, and are never overwritten.
 */
public final class EncryptedKeyStore {
  /** scrypt cost: 2^15 iterations of 8-block mixing (32 MiB, ~0.1 s), as recommended for logins. */
  public static final int SCRYPT_N = 1 << 15;

  public static final int SCRYPT_R = 8;
  public static final int SCRYPT_P = 1;
  static final int SALT_LENGTH = 32;

  /** Reading refuses scrypt parameters needing more memory than this (256 MiB). */
  static final long MAX_SCRYPT_MEMORY = 256L << 20;

  private static final long MAX_FILE_SIZE = 64 << 10;
  private static final int PRIVATE_KEY_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private EncryptedKeyStore() {}

  /**
   * Writes {@code key} to a new file, encrypted under {@code password}.
   *
   * @throws KeyStoreException with {@link Reason#ALREADY_EXISTS} when {@code file} exists, {@link
   *     Reason#IO} when writing fails
   */
  public static void write(Path file, KeyPair key, char[] password) throws KeyStoreException {
    write(file, key, password, SCRYPT_N);
  }

  /** As {@link #write(Path, KeyPair, char[])} with scrypt cost {@code n}; cheap costs for tests. */
  static void write(Path file, KeyPair key, char[] password, int n) throws KeyStoreException {
    Objects.requireNonNull(file, "file");
    if (password.length == 0) {
      throw new IllegalArgumentException("the key store password must not be empty");
    }
    CryptoSuite suite = key.suite();
    byte[] sk = key.privateKeyBytes();
    byte[] kek = null;
    try {
      KeyPair check = suite.keyPairFromPrivateKey(sk);
      boolean matches = check.publicKey().equals(key.publicKey());
      check.destroy();
      if (!matches) {
        throw new IllegalArgumentException(
            "the key pair's public key does not match its private key");
      }
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw alreadyExists(file, null);
      }
      KeyStoreFile.Scrypt kdf =
          new KeyStoreFile.Scrypt(n, SCRYPT_R, SCRYPT_P, randomBytes(SALT_LENGTH));
      byte[] nonce = randomBytes(suite.aead().nonceLength());
      KeyStoreFile header =
          new KeyStoreFile(key.publicKey(), key.address(), kdf, nonce, new byte[0]);
      kek = deriveKey(password, kdf, suite.aead().keyLength());
      byte[] sealed = suite.aead().encrypt(kek, nonce, sk, header.associatedData());
      KeyStoreFile complete =
          new KeyStoreFile(header.publicKey(), header.address(), kdf, nonce, sealed);
      writeNewFile(file, complete.toJson());
    } finally {
      Arrays.fill(sk, (byte) 0);
      if (kek != null) {
        Arrays.fill(kek, (byte) 0);
      }
    }
  }

  /**
   * Reads and decrypts a key store.
   *
   * @throws KeyStoreException with {@link Reason#WRONG_PASSWORD_OR_CORRUPT} when decryption fails
   *     (the two cannot be told apart by design), or MALFORMED, UNSUPPORTED_VERSION, IO
   */
  public static KeyPair read(Path file, char[] password) throws KeyStoreException {
    KeyStoreFile ks = KeyStoreFile.parse(readFile(file), PRIVATE_KEY_LENGTH + GcmLimits.TAG_LENGTH);
    if (password.length == 0) {
      throw corrupt(file); // write() never accepts an empty password
    }
    CryptoSuite suite = CryptoSuites.of(ks.suite());
    Aead aead = suite.aead();
    byte[] kek = deriveKey(password, ks.kdf(), aead.keyLength());
    byte[] sk = null;
    try {
      sk = aead.decrypt(kek, ks.nonce(), ks.ciphertext(), ks.associatedData());
      KeyPair key = suite.keyPairFromPrivateKey(sk);
      if (!key.publicKey().equals(ks.publicKey())) {
        key.destroy();
        throw corrupt(file);
      }
      return key;
    } catch (AeadException | IllegalArgumentException e) {
      throw corrupt(file);
    } finally {
      Arrays.fill(kek, (byte) 0);
      if (sk != null) {
        Arrays.fill(sk, (byte) 0);
      }
    }
  }

  /**
   * The public key of a key store, without the password. It is only as trustworthy as the file: the
   * clear-text fields are authenticated only when the key store is decrypted.
   */
  public static PublicKey readPublicKey(Path file) throws KeyStoreException {
    return KeyStoreFile.parsePublicKey(readFile(file));
  }

  private static byte[] deriveKey(char[] password, KeyStoreFile.Scrypt kdf, int length) {
    byte[] secret = utf8(password);
    try {
      return SCrypt.generate(secret, kdf.salt(), kdf.n(), kdf.r(), kdf.p(), length);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** UTF-8 of the password without going through an immutable String. */
  private static byte[] utf8(char[] password) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer =
        ByteBuffer.allocate((int) Math.ceil(password.length * (double) encoder.maxBytesPerChar()));
    try {
      CoderResult result = encoder.encode(CharBuffer.wrap(password), buffer, true);
      if (!result.isUnderflow()) {
        result.throwException();
      }
      result = encoder.flush(buffer);
      if (!result.isUnderflow()) {
        result.throwException();
      }
      return Arrays.copyOf(buffer.array(), buffer.position());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the password is not valid Unicode text", e);
    } finally {
      Arrays.fill(buffer.array(), (byte) 0);
    }
  }

  private static byte[] readFile(Path file) throws KeyStoreException {
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new KeyStoreException(Reason.MALFORMED, file + " is too large to be a key store");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeyStoreException(Reason.IO, "no key store at " + file, e);
    } catch (IOException e) {
      throw new KeyStoreException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a private temporary file, then publishes it under {@code file} unless that exists. */
  private static void writeNewFile(Path file, byte[] content) throws KeyStoreException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      tmp = createPrivateTempFile(dir, file.getFileName().toString());
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      publish(tmp, file);
    } catch (FileAlreadyExistsException e) {
      throw alreadyExists(file, e);
    } catch (IOException e) {
      throw new KeyStoreException(Reason.IO, "cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // Best effort: a leftover temporary file is encrypted and harmless.
        }
      }
    }
  }

  private static Path createPrivateTempFile(Path dir, String name) throws IOException {
    String prefix = "." + name + ".";
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return Files.createTempFile(
          dir,
          prefix,
          ".tmp",
          PosixFilePermissions.asFileAttribute(
              EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
    }
    return Files.createTempFile(dir, prefix, ".tmp");
  }

  /**
   * A hard link is atomic and fails if the target exists, so a concurrent writer can never be
   * clobbered; file systems without hard links fall back to a rename that refuses to replace.
   */
  private static void publish(Path tmp, Path file) throws IOException {
    try {
      Files.createLink(file, tmp);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      Files.move(tmp, file);
    }
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static KeyStoreException alreadyExists(Path file, Throwable cause) {
    return new KeyStoreException(
        Reason.ALREADY_EXISTS, "refusing to overwrite existing file " + file, cause);
  }

  private static KeyStoreException corrupt(Path file) {
    return new KeyStoreException(
        Reason.WRONG_PASSWORD_OR_CORRUPT, "wrong password or corrupted key store " + file);
  }
}
