package org.jingchain.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.store.Coding;
import org.jingchain.store.EncodedObject;
import org.jingchain.store.LeafTree;
import org.jingchain.store.ObjectCodec;
import org.jingchain.store.ReedSolomon;
import org.jingchain.store.StoreCalls;
import org.jingchain.types.Hash;

/**
 * The object store's benchmark ({@code bin/bench store}, docs/performance.md): the Reed–Solomon
 * coder and the streamed codec on one core, against copying and hashing the same bytes in the same
 * run; audit answers verified per second; and the chain's metadata bytes per object. Options:
 * {@code --mib N} (object size, default 256), {@code --coding K+M} (default 10+4), {@code --rounds
 * R} (measured repetitions, best kept, default 5).
 */
public final class StoreBench {
  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    int mib = 256;
    int k = 10;
    int m = 4;
    int rounds = 5;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--mib" -> mib = Integer.parseInt(args[++i]);
        case "--coding" -> {
          String[] km = args[++i].split("\\+");
          k = Integer.parseInt(km[0]);
          m = Integer.parseInt(km[1]);
        }
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "-h", "--help" -> {
          System.out.println(
              "bin/bench store [--mib N] [--coding K+M] [--rounds R]: the object store's coder,"
                  + " codec and audit checks on one core (docs/performance.md)");
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    run(new Coding(k, m, Coding.DEFAULT.stripeUnit(), Coding.DEFAULT.leafSize()), mib, rounds);
  }

  private static void run(Coding coding, int mib, int rounds) throws Exception {
    int k = coding.dataShards();
    int m = coding.parityShards();
    byte[] data = new byte[mib << 20];
    new SplittableRandom(1).nextBytes(data);
    CryptoSuite intl = CryptoSuites.intl();
    CryptoSuite sm = CryptoSuites.sm();
    System.out.printf(
        Locale.ROOT,
        "store benchmark: %d MiB object, coding %d+%d, %d KiB stripe unit, %d KiB leaves, best of %d,"
            + " one thread, JDK %s%n%n",
        mib,
        k,
        m,
        coding.stripeUnit() >> 10,
        coding.leafSize() >> 10,
        rounds,
        Runtime.version());
    List<String[]> rows = new ArrayList<>();
    byte[] copy = new byte[data.length];
    double memcpy =
        best(rounds, data.length, () -> System.arraycopy(data, 0, copy, 0, data.length));
    double sha = best(rounds, data.length, () -> tree(intl, data, coding.leafSize()));
    double sm3 = best(rounds, data.length, () -> tree(sm, data, coding.leafSize()));
    rows.add(row("copy (System.arraycopy), baseline", memcpy, memcpy));
    rows.add(row("leaf tree, SHA-256 (intl)", sha, memcpy));
    rows.add(row("leaf tree, SM3 (sm)", sm3, memcpy));
    byte[] salt = new byte[org.jingchain.store.ObjectCipher.SALT];
    for (CryptoSuite suite : List.of(intl, sm)) {
      var cipher =
          org.jingchain.store.ObjectCipher.of(
              suite.generateKeyPair(new java.security.SecureRandom()), salt);
      double seal =
          best(
              rounds,
              data.length,
              () ->
                  cipher
                      .seal(new ByteArrayInputStream(data), data.length, 0)
                      .transferTo(OutputStream.nullOutputStream()));
      rows.add(
          row("sealing, " + (suite == intl ? "AES-256-GCM (intl)" : "SM4-GCM (sm)"), seal, memcpy));
    }

    ReedSolomon rs = new ReedSolomon(k, m);
    int unit = coding.stripeUnit();
    byte[][] shards = new byte[k + m][unit];
    for (int i = 0; i < k; i++) {
      System.arraycopy(data, i * unit, shards[i], 0, unit);
    }
    int stripes = Math.max(1, data.length / (k * unit));
    double encode =
        best(
            rounds,
            (long) stripes * k * unit,
            () -> {
              for (int s = 0; s < stripes; s++) {
                rs.encode(shards, 0, unit);
              }
            });
    rows.add(row("Reed-Solomon encode (parity of " + k + "+" + m + ")", encode, memcpy));
    boolean[] present = new boolean[k + m];
    Arrays.fill(present, true);
    for (int i = 0; i < Math.min(m, k); i++) {
      present[i] = false; // the worst case: data shards lost
    }
    double reconstruct =
        best(
            rounds,
            (long) stripes * k * unit,
            () -> {
              for (int s = 0; s < stripes; s++) {
                rs.reconstruct(shards, present, 0, unit, true);
              }
            });
    rows.add(
        row("Reed-Solomon decode, " + Math.min(m, k) + " data shards lost", reconstruct, memcpy));

    long shardLength = coding.shardLength(data.length);
    byte[][] out = new byte[k + m][(int) shardLength];
    int[] fill = new int[k + m];
    EncodedObject[] enc = new EncodedObject[1];
    double codecEncode =
        best(
            rounds,
            data.length,
            () -> {
              Arrays.fill(fill, 0);
              enc[0] =
                  ObjectCodec.encode(
                      new ByteArrayInputStream(data),
                      coding,
                      intl,
                      data.length,
                      Long.MAX_VALUE,
                      (s, b, off, len) -> {
                        System.arraycopy(b, off, out[s], fill[s], len);
                        fill[s] += len;
                      });
            });
    rows.add(row("put: encode + all leaf trees, intl", codecEncode, memcpy));
    double codecDecode =
        best(
            rounds,
            data.length,
            () -> {
              InputStream[] in = new InputStream[k + m];
              for (int i = Math.min(m, k); i < k + m; i++) {
                in[i] = new ByteArrayInputStream(out[i]);
              }
              ObjectCodec.decode(enc[0], in, intl, OutputStream.nullOutputStream());
            });
    rows.add(
        row(
            "get: decode, " + Math.min(m, k) + " data shards lost, checked, intl",
            codecDecode,
            memcpy));

    System.out.printf(Locale.ROOT, "%-52s %10s %12s%n", "one core", "MB/s", "x copy");
    for (String[] r : rows) {
      System.out.printf(Locale.ROOT, "%-52s %10s %12s%n", (Object[]) r);
    }
    System.out.printf(
        Locale.ROOT,
        "%nencode is %.2fx the SHA-256 leaf tree of the same bytes; a put (encode + trees) %.2fx%n",
        encode / sha,
        codecEncode / sha);

    // Audits: one answer is a leaf and its path; validators verify it.
    System.out.println();
    for (CryptoSuite suite : List.of(intl, sm)) {
      int leaves = 4096; // a 64 MiB shard
      List<Hash> hashes = new ArrayList<>(leaves);
      byte[] leaf = Arrays.copyOf(data, coding.leafSize());
      for (int i = 0; i < leaves; i++) {
        leaf[0] = (byte) i;
        leaf[1] = (byte) (i >> 8);
        hashes.add(LeafTree.leafHash(suite, leaf, 0, leaf.length));
      }
      Hash root = root(suite, hashes);
      int at = 1234;
      leaf[0] = (byte) at;
      leaf[1] = (byte) (at >> 8);
      List<Hash> path = LeafTree.path(suite, hashes, at);
      byte[] answer = leaf.clone();
      int n = 20_000;
      long best = Long.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
          if (!LeafTree.verify(suite, root, leaves, at, answer, path)) {
            throw new IllegalStateException("the answer does not verify");
          }
        }
        best = Math.min(best, System.nanoTime() - t);
      }
      int bytes = StoreCalls.answerChallenge(1, answer, path).args().length();
      System.out.printf(
          Locale.ROOT,
          "audit answers verified, %s: %,.0f/s on one core (16 KiB leaf, path of %d, %,d bytes of arguments)%n",
          suite.id().label(),
          n / (best / 1e9),
          path.size(),
          bytes);
    }
    System.out.println();
    metadata(intl, coding);
  }

  /** The chain's bytes per object and per challenge (a 32-character name, 8-character node ids). */
  private static void metadata(CryptoSuite suite, Coding coding) {
    int n = coding.totalShards();
    List<Hash> roots = new ArrayList<>();
    List<String> nodes = new ArrayList<>();
    List<Boolean> flags = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      roots.add(suite.hash(new byte[] {(byte) i}));
      nodes.add(String.format(Locale.ROOT, "node-%03d", i));
      flags.add(false);
    }
    org.jingchain.types.Address owner =
        suite.address(suite.generateKeyPair(new java.security.SecureRandom()).publicKey());
    String name = "imaging/2026/12/ct-000000001.dcm";
    Hash id = org.jingchain.store.StoreState.objectId(suite, owner, name, 1_000_000);
    var o =
        new org.jingchain.store.StoredObject(
            id,
            owner,
            name,
            new EncodedObject(coding, 1L << 30, suite.hash(new byte[] {9}), roots),
            nodes,
            flags,
            flags,
            "",
            0,
            1_000_000,
            0,
            "",
            org.jingchain.store.StoreCalls.SEALED,
            org.jingchain.types.Bytes.wrap(new byte[32]),
            0);
    // the audit index entry (store/seq/<n> -> id) and the name index (store/name/<owner>/<H(name)>)
    int index =
        "store/seq/".length()
            + 12
            + Hash.LENGTH
            + "store/name/".length()
            + owner.toString().length()
            + 1
            + 64
            + Hash.LENGTH;
    var c =
        new org.jingchain.store.Challenge(
            123_456_789L,
            id,
            3,
            4000,
            "node-003",
            1_000_000,
            1_000_030,
            org.jingchain.store.Challenge.Status.PASSED,
            42);
    System.out.printf(
        Locale.ROOT,
        "on-chain metadata, %d+%d, sealed: %,d bytes per object record (%d shard roots, node ids,"
            + " flags, salt) + %d bytes of audit and name index = %,d bytes per object, whatever its size; %,d bytes per challenge%n",
        coding.dataShards(),
        coding.parityShards(),
        o.stateBytes(),
        n,
        index,
        o.stateBytes() + index,
        c.stateBytes());
  }

  private static Hash root(CryptoSuite suite, List<Hash> leafHashes) {
    List<Hash> level = leafHashes;
    while (level.size() > 1) {
      List<Hash> next = new ArrayList<>();
      for (int i = 0; i + 1 < level.size(); i += 2) {
        next.add(
            suite.hash(new byte[] {1}, level.get(i).unsafeArray(), level.get(i + 1).unsafeArray()));
      }
      if (level.size() % 2 == 1) {
        next.add(level.getLast());
      }
      level = next;
    }
    return level.getFirst();
  }

  private static Hash tree(CryptoSuite suite, byte[] data, int leaf) {
    LeafTree t = new LeafTree(suite, leaf);
    t.update(data, 0, data.length);
    return t.root();
  }

  interface Work {
    void run() throws Exception;
  }

  /** The best rate in MB/s (10^6 bytes) over {@code rounds} runs, after one warm-up. */
  private static double best(int rounds, long bytes, Work w) throws Exception {
    w.run();
    long best = Long.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t = System.nanoTime();
      w.run();
      best = Math.min(best, System.nanoTime() - t);
    }
    return bytes / (best / 1e9) / 1e6;
  }

  private static String[] row(String what, double mbs, double base) {
    return new String[] {
      what, String.format(Locale.ROOT, "%,.0f", mbs), String.format(Locale.ROOT, "%.3f", mbs / base)
    };
  }
}
