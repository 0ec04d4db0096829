package org.jingchain.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verification cost per suite: the ceiling on transactions a node can admit. {@code
 * verify} hits the decoded-key cache, as a node does for accounts it has seen; {@code
 * verifyColdKey} decodes the key on every call, as for a first-time sender.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureBenchmark {
  /** A suite, or {@code intl-libsodium}: intl verifying with libsodium (crypto.verifyBackend). */
  @Param({"intl", "sm", "intl-libsodium"})
  public String suite;

  private CryptoSuite cached;
  private CryptoSuite uncached;
  private KeyPair key;
  private PublicKey publicKey;
  private byte[] message;
  private byte[] signature;

  @Setup
  public void setUp() {
    boolean sodium = suite.endsWith("-libsodium");
    String label = sodium ? suite.substring(0, suite.length() - "-libsodium".length()) : suite;
    SuiteId id =
        SuiteId.fromLabel(label)
            .orElseThrow(() -> new IllegalArgumentException("unknown suite " + suite));
    cached = CryptoSuites.of(id);
    uncached = CryptoSuites.uncached(id);
    if (sodium) {
      var s = org.jingchain.crypto.VerifyBackends.select(cached, "libsodium");
      if (s.fellBack()) {
        throw new IllegalStateException(s.message());
      }
      cached = s.suite();
      uncached = org.jingchain.crypto.VerifyBackends.select(uncached, "libsodium").suite();
    }
    key = cached.generateKeyPair(new SecureRandom());
    publicKey = key.publicKey();
    // About the size of a signed transfer transaction.
    message =
        "jing transfer: 1000 units to js0123456789abcdef0123456789abcdef01234567, nonce 42"
            .repeat(3)
            .getBytes(StandardCharsets.UTF_8);
    signature = key.sign(message);
    if (!cached.verify(publicKey, message, signature)
        || !uncached.verify(publicKey, message, signature)) {
      throw new IllegalStateException("benchmark signature does not verify");
    }
  }

  @Benchmark
  public byte[] sign() {
    return cached.sign(key, message);
  }

  @Benchmark
  public boolean verify() {
    return cached.verify(publicKey, message, signature);
  }

  @Benchmark
  public boolean verifyColdKey() {
    return uncached.verify(publicKey, message, signature);
  }
}
