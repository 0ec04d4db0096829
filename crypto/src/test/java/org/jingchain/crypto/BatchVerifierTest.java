package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Batch results must equal the one-by-one results, in order, whatever the executor. */
class BatchVerifierTest {
  /** A batch mixing valid signatures with every kind of invalid one, and the expected results. */
  @SuppressWarnings("ArrayRecordComponent") // a test fixture, never compared
  private record Batch(List<VerifyRequest> requests, boolean[] expected) {}

  private static Batch batch(SuiteId id, int size, long seed) {
    CryptoSuite suite = CryptoSuites.of(id);
    SecureRandom keys = TestRandom.seeded(seed);
    KeyPair[] signers = new KeyPair[8];
    for (int i = 0; i < signers.length; i++) {
      signers[i] = suite.generateKeyPair(keys);
    }
    KeyPair foreign =
        CryptoSuites.of(id == SuiteId.INTL ? SuiteId.SM : SuiteId.INTL).generateKeyPair(keys);
    Random random = new Random(seed);
    List<VerifyRequest> requests = new ArrayList<>();
    boolean[] expected = new boolean[size];
    for (int i = 0; i < size; i++) {
      KeyPair signer = signers[random.nextInt(signers.length)];
      byte[] message = ByteBuffer.allocate(12).putInt(i).putLong(random.nextLong()).array();
      byte[] signature = signer.sign(message);
      int kind = random.nextInt(6);
      PublicKey key = signer.publicKey();
      switch (kind) {
        case 1 -> message[0] ^= 1;
        case 2 -> signature[5] ^= 1;
        case 3 -> key = signers[(indexOf(signers, signer) + 1) % signers.length].publicKey();
        case 4 -> {
          key = foreign.publicKey();
          signature = foreign.sign(message);
        }
        case 5 -> signature = new byte[63];
        default -> {}
      }
      if (kind == 0 && random.nextInt(10) == 0) {
        byte[] garbage = new byte[id.publicKeyLength()];
        random.nextBytes(garbage);
        key = new PublicKey(id, Bytes.wrap(garbage));
        kind = -1;
      }
      requests.add(new VerifyRequest(key, message, signature));
      expected[i] = kind == 0;
    }
    return new Batch(requests, expected);
  }

  private static int indexOf(KeyPair[] keys, KeyPair key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == key) {
        return i;
      }
    }
    throw new AssertionError();
  }

  static List<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (SuiteId id : SuiteId.values()) {
      for (int size : new int[] {0, 1, 15, 16, 17, 100, 333}) {
        cases.add(Arguments.of(id, size));
      }
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}, {1} requests")
  @MethodSource("cases")
  void batchResultsEqualTheIndividualResultsInRequestOrder(SuiteId id, int size) {
    Batch batch = batch(id, size, 7L * size + id.tag());
    CryptoSuite suite = CryptoSuites.of(id);
    boolean[] individually = new boolean[size];
    for (int i = 0; i < size; i++) {
      VerifyRequest r = batch.requests().get(i);
      individually[i] = suite.verify(r.key(), r.message(), r.signature());
    }

    assertThat(individually).isEqualTo(batch.expected());
    assertThat(BatchVerifier.create(suite).verify(batch.requests())).isEqualTo(batch.expected());
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      assertThat(BatchVerifier.create(suite, pool, 3).verify(batch.requests()))
          .isEqualTo(batch.expected());
    }
  }

  @Test
  void aBatchCompletesOnASingleThreadPoolItIsRunningIn() throws Exception {
    Batch batch = batch(SuiteId.INTL, 200, 11);
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      BatchVerifier verifier = BatchVerifier.create(CryptoSuites.intl(), pool, 8);
      // The only pool thread is the caller: workers it submits can never start.
      boolean[] results = pool.submit(() -> verifier.verify(batch.requests())).get();
      assertThat(results).isEqualTo(batch.expected());
    }
  }

  @Test
  void aShutDownExecutorLeavesTheWorkToTheCaller() {
    Batch batch = batch(SuiteId.SM, 64, 12);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    pool.shutdown();

    assertThat(BatchVerifier.create(CryptoSuites.sm(), pool, 4).verify(batch.requests()))
        .isEqualTo(batch.expected());
  }

  @Test
  void allValidIsTrueOnlyForANonEmptyBatchOfValidSignatures() {
    CryptoSuite intl = CryptoSuites.intl();
    KeyPair key = intl.generateKeyPair(TestRandom.seeded(13));
    List<VerifyRequest> good = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] m = {(byte) i};
      good.add(new VerifyRequest(key.publicKey(), m, key.sign(m)));
    }
    List<VerifyRequest> oneBad = new ArrayList<>(good);
    oneBad.set(33, new VerifyRequest(key.publicKey(), new byte[] {99}, key.sign(new byte[] {1})));
    BatchVerifier verifier = BatchVerifier.create(intl);

    assertThat(verifier.allValid(good)).isTrue();
    assertThat(verifier.allValid(oneBad)).isFalse();
    assertThat(verifier.allValid(List.of())).isFalse();
  }

  @Test
  void requestsCompareByContent() {
    KeyPair key = CryptoSuites.sm().generateKeyPair(TestRandom.seeded(14));
    VerifyRequest a = new VerifyRequest(key.publicKey(), new byte[] {1, 2}, new byte[] {3});
    VerifyRequest b = new VerifyRequest(key.publicKey(), new byte[] {1, 2}, new byte[] {3});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a)
        .isNotEqualTo(new VerifyRequest(key.publicKey(), new byte[] {1, 2}, new byte[] {4}));
    assertThat(a.toString()).contains("2 bytes").contains("03");
  }
}
