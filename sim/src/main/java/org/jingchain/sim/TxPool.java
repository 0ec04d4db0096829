package org.jingchain.sim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;

/**
 * Really signed transactions for simulated blocks, made once and shared by all runs, plus one with
 * a broken signature that only a Byzantine leader would include.
 */
final class TxPool {
  static final String CHAIN_ID = "jing-sim";
  static final CryptoSuite SUITE = CryptoSuites.intl();
  private static final int SIZE = 48;
  private static final List<Transaction> VALID = make();
  static final Transaction FORGED = forged(VALID.get(0));

  private TxPool() {}

  private static List<Transaction> make() {
    // A fixed key from a fixed-seed generator: the pool is the same in every run.
    SecureRandom notRandom;
    try {
      notRandom = SecureRandom.getInstance("SHA1PRNG");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    notRandom.setSeed(42L);
    KeyPair key = SUITE.generateKeyPair(notRandom);
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      TxBody body =
          new TxBody(
              CHAIN_ID,
              key.publicKey(),
              i,
              Long.MAX_VALUE / 2,
              new Call("asset", "transfer", Bytes.wrap(new byte[] {(byte) i})));
      Transaction unsigned = new Transaction(body, Bytes.EMPTY);
      txs.add(new Transaction(body, Bytes.wrap(key.sign(unsigned.signingBytes()))));
    }
    return List.copyOf(txs);
  }

  private static Transaction forged(Transaction t) {
    byte[] sig = t.signature().toByteArray();
    sig[0] ^= 1;
    return new Transaction(t.body(), Bytes.wrap(sig));
  }

  /** Up to three valid transactions picked by {@code random}. */
  static List<Transaction> pick(Random random) {
    int n = random.nextInt(4);
    List<Transaction> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Transaction t = VALID.get(random.nextInt(VALID.size()));
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Checked with the real suite; results cached because the same few transactions recur. */
  static boolean isValid(Transaction t) {
    return VERIFIED.computeIfAbsent(
        t,
        x ->
            x.body().chainId().equals(CHAIN_ID)
                && SUITE.verify(x.body().sender(), x.signingBytes(), x.signature().unsafeArray()));
  }

  private static final java.util.concurrent.ConcurrentHashMap<Transaction, Boolean> VERIFIED =
      new java.util.concurrent.ConcurrentHashMap<>();
}
