package org.jingchain.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.DidKey;
import org.jingchain.types.SuiteId;

/**
 * Keys derived from names, so that every run of a test signs with the same keys: a key's private
 * key is the SHA-256 of its name.
 */
public final class TestKeys {
  private TestKeys() {}

  /** Both crypto suites, for {@code @MethodSource("org.jingchain.testkit.TestKeys#suites")}. */
  public static Stream<CryptoSuite> suites() {
    return Stream.of(CryptoSuites.intl(), CryptoSuites.sm());
  }

  /** The key pair of {@code suite} named {@code name}. */
  public static KeyPair keyPair(String name, SuiteId suite) {
    return CryptoSuites.of(suite).keyPairFromPrivateKey(seed(name));
  }

  /** {@code n} key pairs of {@code suite} named {@code name/0}, {@code name/1}, .... */
  public static List<KeyPair> keyPairs(String name, int n, CryptoSuite suite) {
    List<KeyPair> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(keyPair(name + "/" + i, suite.id()));
    }
    return out;
  }

  /** A key a DID can list: Ed25519 and SM2 keys of the crypto suites, or a P-256 key. */
  public static TestKey key(String name, DidKey.Type type) {
    return switch (type) {
      case ED25519 -> new TestKey.OfSuite(keyPair(name, SuiteId.INTL));
      case SM2 -> new TestKey.OfSuite(keyPair(name, SuiteId.SM));
      case P256 -> TestKey.P256.of(new BigInteger(1, seed(name)));
    };
  }

  /** The DID key of a key pair of the crypto suites. */
  public static DidKey didKey(KeyPair k) {
    DidKey.Type type = k.suite().id() == SuiteId.INTL ? DidKey.Type.ED25519 : DidKey.Type.SM2;
    return new DidKey(type, k.publicKey().bytes());
  }

  static byte[] seed(String name) {
    return CryptoSuites.intl().hash(name.getBytes(StandardCharsets.UTF_8)).toByteArray();
  }
}
