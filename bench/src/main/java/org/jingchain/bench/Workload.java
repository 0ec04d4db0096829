package org.jingchain.bench;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.Transactions;
import org.jingchain.types.Address;
import org.jingchain.types.Call;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Transaction;

/**
 * The pre-signed transfers of a load run, kept as hex ASCII (what the API takes) so that nothing is
 * signed or encoded while the clock runs. Transaction {@code round * accounts + account} is that
 * account's transfer with nonce {@code round} (the accounts never sent anything before), to a
 * recipient drawn from the seed, the account and the round, so rounds can be signed in stages.
 */
final class Workload {
  private final CryptoSuite suite;
  private final String chainId;
  private final java.util.function.Function<Address, Call> transfer;
  private final long expiresAtMillis;
  private final long seed;
  private final List<KeyPair> keys;
  private final List<Address> addresses;
  private final Map<PublicKey, Integer> accountOf;
  private int rounds;
  private byte[][] hex = new byte[0][];

  Workload(
      CryptoSuite suite,
      String chainId,
      List<KeyPair> keys,
      java.util.function.Function<Address, Call> transfer,
      long expiresAtMillis,
      long seed) {
    this.suite = suite;
    this.chainId = chainId;
    this.transfer = transfer;
    this.expiresAtMillis = expiresAtMillis;
    this.seed = seed;
    this.keys = List.copyOf(keys);
    List<Address> a = new ArrayList<>(keys.size());
    this.accountOf = new HashMap<>(keys.size() * 2);
    for (int i = 0; i < keys.size(); i++) {
      a.add(keys.get(i).address());
      accountOf.put(keys.get(i).publicKey(), i);
    }
    this.addresses = List.copyOf(a);
  }

  /** Generates {@code n} key pairs on all cores. */
  static List<KeyPair> generateKeys(CryptoSuite suite, int n) {
    KeyPair[] out = new KeyPair[n];
    SecureRandom random = new SecureRandom();
    parallel(n, a -> out[a] = suite.generateKeyPair(random));
    return List.of(out);
  }

  /** Signs rounds up to {@code total} (exclusive) that are not signed yet, on all cores. */
  void signRounds(int total) {
    if (total <= rounds) {
      return;
    }
    int n = keys.size();
    int from = rounds;
    hex = Arrays.copyOf(hex, Math.multiplyExact(total, n));
    HexFormat hexFormat = HexFormat.of();
    parallel(
        n,
        a -> {
          for (int r = from; r < total; r++) {
            long mixed = seed + a * 0x9E3779B97F4A7C15L + r * 0xBF58476D1CE4E5B9L;
            int to = new SplittableRandom(mixed).nextInt(n - 1);
            Address recipient = addresses.get(to >= a ? to + 1 : to);
            Transaction tx =
                Transactions.sign(
                    keys.get(a), chainId, r, expiresAtMillis, transfer.apply(recipient));
            hex[r * n + a] =
                hexFormat.formatHex(Canonical.encode(tx)).getBytes(StandardCharsets.US_ASCII);
          }
        });
    rounds = total;
  }

  CryptoSuite suite() {
    return suite;
  }

  int accounts() {
    return keys.size();
  }

  int rounds() {
    return rounds;
  }

  int size() {
    return hex.length;
  }

  Address address(int account) {
    return addresses.get(account);
  }

  /** Transaction {@code index} as hex ASCII bytes. */
  byte[] hex(int index) {
    return hex[index];
  }

  Transaction decode(int index) {
    return Canonical.decodeTransaction(
        HexFormat.of().parseHex(new String(hex[index], StandardCharsets.US_ASCII)));
  }

  /** The workload index of the sender's transaction with {@code nonce}, or -1 if not ours. */
  int index(PublicKey sender, long nonce) {
    Integer a = accountOf.get(sender);
    if (a == null || nonce < 0 || nonce >= rounds) {
      return -1;
    }
    return (int) nonce * keys.size() + a;
  }

  /** Total bytes of the pre-encoded transactions (for the memory note in the summary). */
  long hexBytes() {
    long total = 0;
    for (byte[] b : hex) {
      total += b.length;
    }
    return total;
  }

  /** Runs {@code body} for 0..n-1 on one thread per core, in contiguous slices. */
  static void parallel(int n, IntConsumer body) {
    int threads = Runtime.getRuntime().availableProcessors();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> parts = new ArrayList<>();
      int slice = (n + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int from = t * slice;
        int to = Math.min(n, from + slice);
        parts.add(
            pool.submit(
                () -> {
                  for (int i = from; i < to; i++) {
                    body.accept(i);
                  }
                }));
      }
      for (Future<?> f : parts) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("parallel work failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
