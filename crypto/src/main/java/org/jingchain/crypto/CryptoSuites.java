package org.jingchain.crypto;

import java.util.Objects;
import org.jingchain.types.SuiteId;

/** Entry point to the crypto suites: one shared, thread-safe instance per {@link SuiteId}. */
public final class CryptoSuites {
  /** Decoded public keys kept per suite: enough for every active account of a large chain. */
  public static final int KEY_CACHE_ENTRIES = 100_000;

  private static final CryptoSuite INTL = new IntlSuite(KEY_CACHE_ENTRIES);
  private static final CryptoSuite SM = new SmSuite(KEY_CACHE_ENTRIES);

  private CryptoSuites() {}

  /** The shared instance of {@code id}. */
  public static CryptoSuite of(SuiteId id) {
    return switch (Objects.requireNonNull(id, "id")) {
      case INTL -> INTL;
      case SM -> SM;
    };
  }

  /** Ed25519, SHA-256, AES-256-GCM, X25519. */
  public static CryptoSuite intl() {
    return INTL;
  }

  /** SM2, SM3, SM4-GCM, SM2 key exchange. */
  public static CryptoSuite sm() {
    return SM;
  }

  /**
   * A new instance of {@code id} that caches no decoded public key, so every verification decodes
   * its key afresh: for benchmarks of the cold path and for tools that verify each key once. Its
   * key pairs and signatures are interchangeable with those of {@link #of}.
   */
  public static CryptoSuite uncached(SuiteId id) {
    return switch (Objects.requireNonNull(id, "id")) {
      case INTL -> new IntlSuite(0);
      case SM -> new SmSuite(0);
    };
  }
}
