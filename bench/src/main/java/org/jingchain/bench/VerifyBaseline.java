package org.jingchain.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.VerifyRequest;
import org.jingchain.types.Transaction;

/**
 * This machine's signature verification rate, measured in the same run as the load on the same
 * pre-signed transactions: the ceiling a node's admission cannot beat, so the load figures are
 * reported against it (shared machines are noisy; ratios travel better than absolute numbers).
 */
final class VerifyBaseline {
  /** Each measurement repeats passes over the sample until at least this long has passed. */
  private static final long MIN_NANOS = 3_000_000_000L;

  /** Warm-up before each measurement: the JIT must have compiled the verification code. */
  private static final long WARMUP_NANOS = 2_000_000_000L;

  /** Batches as large as the load's requests, as the node's admission sees them. */
  private static final int BATCH = 1000;

  /** Verifications per second on one thread and with {@link BatchVerifier} on every core. */
  record Rates(double singleThread, double allCores, int cores) {}

  private VerifyBaseline() {}

  static Rates measure(CryptoSuite suite, List<Transaction> sample) {
    List<VerifyRequest> requests = new ArrayList<>(sample.size());
    for (Transaction tx : sample) {
      requests.add(
          new VerifyRequest(tx.body().sender(), tx.signingBytes(), tx.signature().unsafeArray()));
    }
    // Warm-up also caches every sender's decoded key, as a node has them for senders it has seen.
    int cores = Runtime.getRuntime().availableProcessors();
    try (ExecutorService pool = Executors.newFixedThreadPool(cores)) {
      BatchVerifier verifier = BatchVerifier.create(suite, pool, cores);
      Runnable single = () -> singlePass(suite, requests);
      Runnable batch = () -> batchPass(verifier, requests);
      rate(single, requests.size(), WARMUP_NANOS);
      rate(batch, requests.size(), WARMUP_NANOS);
      return new Rates(
          rate(single, requests.size(), MIN_NANOS), rate(batch, requests.size(), MIN_NANOS), cores);
    }
  }

  /** Verifications per second of repeated {@code pass}es for at least {@code minNanos}. */
  private static double rate(Runnable pass, int perPass, long minNanos) {
    long start = System.nanoTime();
    long done = 0;
    do {
      pass.run();
      done += perPass;
    } while (System.nanoTime() - start < minNanos);
    return done / ((System.nanoTime() - start) / 1e9);
  }

  private static void singlePass(CryptoSuite suite, List<VerifyRequest> requests) {
    for (VerifyRequest r : requests) {
      if (!suite.verify(r.key(), r.message(), r.signature())) {
        throw new IllegalStateException("a pre-signed transaction does not verify");
      }
    }
  }

  private static void batchPass(BatchVerifier verifier, List<VerifyRequest> requests) {
    for (int from = 0; from < requests.size(); from += BATCH) {
      if (!verifier.allValid(requests.subList(from, Math.min(requests.size(), from + BATCH)))) {
        throw new IllegalStateException("a pre-signed transaction does not verify");
      }
    }
  }
}
