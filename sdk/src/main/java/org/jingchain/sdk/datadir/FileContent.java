package org.jingchain.sdk.datadir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.jingchain.datadir.Content;
import org.jingchain.types.Bytes;

/**
 * Checks a file against an asset version's content on chain: its size always, its digest when the
 * algorithm is one we can compute (step 7 of docs/spec/datadir-access.md). Digests are cached per
 * path, size and modification time.
 */
final class FileContent {
  static final int CACHE_ENTRIES = 1024;

  private record Key(Path path, long size, long modifiedMillis, String algorithm) {}

  private final Map<Key, Bytes> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Bytes> eldest) {
          return size() > CACHE_ENTRIES;
        }
      };

  /**
   * Why {@code file} is not {@code content}, or empty when it is (as far as can be checked).
   *
   * @throws IOException when the file cannot be read
   */
  Optional<String> mismatch(Path file, Content content) throws IOException {
    long size = Files.size(file);
    if (size != content.sizeBytes()) {
      return Optional.of(
          "the file has " + size + " bytes, the version on chain " + content.sizeBytes());
    }
    String algorithm = content.digest().algorithm();
    if (!computable(algorithm)) {
      return Optional.empty();
    }
    Key key = new Key(file, size, Files.getLastModifiedTime(file).toMillis(), algorithm);
    Bytes digest;
    synchronized (cache) {
      digest = cache.get(key);
    }
    if (digest == null) {
      digest = digest(file, algorithm);
      synchronized (cache) {
        cache.put(key, digest);
      }
    }
    return digest.equals(content.digest().value())
        ? Optional.empty()
        : Optional.of("the file's " + algorithm + " digest is not the version's on chain");
  }

  static boolean computable(String algorithm) {
    return jdkName(algorithm).isPresent() || algorithm.equals("sm3");
  }

  private static Optional<String> jdkName(String algorithm) {
    return switch (algorithm) {
      case "sha-256" -> Optional.of("SHA-256");
      case "sha-384" -> Optional.of("SHA-384");
      case "sha-512" -> Optional.of("SHA-512");
      case "sha3-256" -> Optional.of("SHA3-256");
      default -> Optional.empty();
    };
  }

  private static Bytes digest(Path file, String algorithm) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      Optional<String> jdk = jdkName(algorithm);
      if (jdk.isPresent()) {
        MessageDigest d = MessageDigest.getInstance(jdk.get());
        for (int n; (n = in.read(buffer)) > 0; ) {
          d.update(buffer, 0, n);
        }
        return Bytes.wrap(d.digest());
      }
      SM3Digest d = new SM3Digest();
      for (int n; (n = in.read(buffer)) > 0; ) {
        d.update(buffer, 0, n);
      }
      byte[] out = new byte[d.getDigestSize()];
      d.doFinal(out, 0);
      return Bytes.wrap(out);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
