package org.jingchain.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jingchain.state.InMemoryTreeStore;
import org.jingchain.state.ProofResult;
import org.jingchain.state.StateTree;
import org.jingchain.state.TreeUpdate;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the state tree over an in-memory store holding 1,000,000 keys: (a) one block's
 * batch update of 1,000 random existing keys and (b) a proof for a random key.
 *
 * <p>The update benchmark measures {@code StateTree.update} plus {@code InMemoryTreeStore.apply};
 * building the batch and pruning the replaced version run per invocation outside the measured
 * region (acceptable for a millisecond-scale operation), so memory stays flat across iterations.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class StateTreeBenchmark {
  static final int KEYS = 1_000_000;
  static final int PREFILL_BATCH = 10_000;
  static final int UPDATE_BATCH = 1_000;
  static final int PROVE_KEYS = 1 << 14;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  /** JDK SHA-256 as the tree's hash; {@code digest()} resets the per-thread instance. */
  static final HashFunction HASH = data -> Hash.wrap(SHA256.get().digest(data));

  static Bytes key(int i) {
    return Bytes.wrap(("account/" + i).getBytes(StandardCharsets.UTF_8));
  }

  static Bytes value(long version, int i) {
    return Bytes.wrap(ByteBuffer.allocate(16).putLong(version).putLong(i).array());
  }

  /** The 1,000,000-key tree, built once per trial in batches of 10,000 keys per version. */
  @State(Scope.Benchmark)
  public static class Prefilled {
    InMemoryTreeStore store;
    StateTree tree;
    long version;

    @Setup(Level.Trial)
    public void prefill() {
      store = new InMemoryTreeStore();
      tree = new StateTree(store, HASH);
      version = -1;
      for (int from = 0; from < KEYS; from += PREFILL_BATCH) {
        SortedMap<Bytes, Optional<Bytes>> batch = new TreeMap<>();
        for (int i = from; i < Math.min(KEYS, from + PREFILL_BATCH); i++) {
          batch.put(key(i), Optional.of(value(0, i)));
        }
        commit(batch);
        store.prune(version);
      }
    }

    TreeUpdate commit(SortedMap<Bytes, Optional<Bytes>> batch) {
      TreeUpdate update = tree.update(version, version + 1, batch);
      store.apply(update);
      version++;
      return update;
    }
  }

  /** The next block's changes: random existing keys with values unique to the new version. */
  @State(Scope.Thread)
  public static class UpdateBatch {
    private final Random random = new Random(42);
    SortedMap<Bytes, Optional<Bytes>> changes;

    @Setup(Level.Invocation)
    public void next(Prefilled t) {
      changes = new TreeMap<>();
      while (changes.size() < UPDATE_BATCH) {
        int i = random.nextInt(KEYS);
        changes.put(key(i), Optional.of(value(t.version + 1, i)));
      }
    }

    /** Keeps only the newest version, as a node with pruning enabled would. */
    @TearDown(Level.Invocation)
    public void prune(Prefilled t) {
      t.store.prune(t.version);
    }
  }

  /** Keys to prove: mostly present, about one in eleven absent (non-inclusion proofs). */
  @State(Scope.Thread)
  public static class ProveKeys {
    Bytes[] keys;
    int cursor;

    @Setup(Level.Trial)
    public void pick() {
      Random random = new Random(7);
      keys = new Bytes[PROVE_KEYS];
      for (int i = 0; i < PROVE_KEYS; i++) {
        keys[i] = key(random.nextInt(KEYS + KEYS / 10));
      }
    }

    Bytes next() {
      Bytes k = keys[cursor];
      cursor = (cursor + 1) & (PROVE_KEYS - 1);
      return k;
    }
  }

  @Benchmark
  public Hash updateBatchOf1000Keys(Prefilled t, UpdateBatch batch) {
    return t.commit(batch.changes).rootHash();
  }

  @Benchmark
  public ProofResult proveRandomKey(Prefilled t, ProveKeys keys) {
    return t.tree.prove(t.version, keys.next());
  }
}
