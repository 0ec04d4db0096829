package org.jingchain.store;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A systematic Reed–Solomon erasure code over GF(2^8) with {@code k} data and {@code m} parity
 * shards (docs/spec/storage.md [STORE-2]): the coding matrix is the {@code (k+m)×k} Vandermonde
 * matrix times the inverse of its top {@code k×k} square, so the first {@code k} shards are the
 * data itself and any {@code k} of the {@code k+m} shards give back all of them. The same matrix as
 * Backblaze's JavaReedSolomon and the reed-solomon-erasure crate, against which the tests check
 * every byte. Thread-safe.
 */
public final class ReedSolomon {
  /** The most shards a code over GF(2^8) with distinct Vandermonde rows can have. */
  public static final int MAX_SHARDS = 256;

  /** Bytes of each shard processed together, so the inputs and outputs of a block stay in cache. */
  private static final int BLOCK = 8 * 1024;

  private final int k;
  private final int m;
  private final Matrix coding;
  private final byte[][][] parityRows;
  private final Map<String, byte[][][]> decodeCache =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[][][]> eldest) {
          return size() > 64;
        }
      };

  public ReedSolomon(int dataShards, int parityShards) {
    if (dataShards < 1 || parityShards < 1 || dataShards + parityShards > MAX_SHARDS) {
      throw new IllegalArgumentException(
          "a code needs at least one data and one parity shard and at most "
              + MAX_SHARDS
              + " shards in all, not "
              + dataShards
              + "+"
              + parityShards);
    }
    this.k = dataShards;
    this.m = parityShards;
    Matrix v = Matrix.vandermonde(k + m, k);
    this.coding = v.times(v.rows(0, k).inverse());
    this.parityRows = tables(coding.rows(k, k + m));
  }

  public int dataShards() {
    return k;
  }

  public int parityShards() {
    return m;
  }

  public int totalShards() {
    return k + m;
  }

  /**
   * The coefficient of data shard {@code data} in shard {@code shard} (identity for data shards).
   */
  public int coefficient(int shard, int data) {
    return coding.get(shard, data);
  }

  /**
   * Computes the parity shards {@code shards[k..k+m)} from the data shards {@code shards[0..k)},
   * over bytes {@code [off, off+len)} of each.
   */
  public void encode(byte[][] shards, int off, int len) {
    checkShards(shards, off, len);
    byte[][] in = Arrays.copyOfRange(shards, 0, k);
    byte[][] out = Arrays.copyOfRange(shards, k, k + m);
    combine(parityRows, in, out, off, len);
  }

  /**
   * Fills in the shards not marked {@code present} from the ones that are, over bytes {@code [off,
   * off+len)} of each; needs at least {@code k} present.
   *
   * @throws IllegalArgumentException if fewer than {@code k} shards are present
   */
  public void reconstruct(byte[][] shards, boolean[] present, int off, int len) {
    reconstruct(shards, present, off, len, false);
  }

  /**
   * Like {@link #reconstruct(byte[][], boolean[], int, int)}, but with {@code dataOnly} fills in
   * only the missing data shards (what a reader needs), leaving missing parity shards untouched.
   */
  public void reconstruct(byte[][] shards, boolean[] present, int off, int len, boolean dataOnly) {
    checkShards(shards, off, len);
    if (present.length != k + m) {
      throw new IllegalArgumentException("present must have one flag per shard");
    }
    int[] chosen = new int[k];
    int[] missing = new int[k + m];
    int nChosen = 0;
    int nMissing = 0;
    for (int i = 0; i < k + m; i++) {
      if (!present[i]) {
        if (!dataOnly || i < k) {
          missing[nMissing++] = i;
        }
      } else if (nChosen < k) {
        chosen[nChosen++] = i;
      }
    }
    if (nChosen < k) {
      throw new IllegalArgumentException(
          "only " + nChosen + " of " + (k + m) + " shards present; " + k + " are needed");
    }
    if (nMissing == 0) {
      return;
    }
    missing = Arrays.copyOf(missing, nMissing);
    byte[][][] rows = decodeRows(chosen, missing);
    byte[][] in = new byte[k][];
    for (int i = 0; i < k; i++) {
      in[i] = shards[chosen[i]];
    }
    byte[][] out = new byte[nMissing][];
    for (int i = 0; i < nMissing; i++) {
      out[i] = shards[missing[i]];
    }
    combine(rows, in, out, off, len);
  }

  /** True when the parity shards agree with the data shards over {@code [off, off+len)}. */
  public boolean verify(byte[][] shards, int off, int len) {
    checkShards(shards, off, len);
    byte[][] in = Arrays.copyOfRange(shards, 0, k);
    byte[][] out = new byte[m][len];
    combine(parityRows, in, out, off, len, 0);
    for (int p = 0; p < m; p++) {
      if (!Arrays.equals(out[p], 0, len, shards[k + p], off, off + len)) {
        return false;
      }
    }
    return true;
  }

  private byte[][][] decodeRows(int[] chosen, int[] missing) {
    String key = Arrays.toString(chosen) + Arrays.toString(missing);
    synchronized (decodeCache) {
      byte[][][] cached = decodeCache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Matrix sub = new Matrix(k, k);
    for (int i = 0; i < k; i++) {
      sub.a[i] = coding.a[chosen[i]].clone();
    }
    Matrix inverse = sub.inverse();
    Matrix want = new Matrix(missing.length, k);
    for (int i = 0; i < missing.length; i++) {
      want.a[i] = coding.a[missing[i]].clone();
    }
    byte[][][] rows = tables(want.times(inverse));
    synchronized (decodeCache) {
      decodeCache.put(key, rows);
    }
    return rows;
  }

  /** For each output row and input, the 256-byte multiplication table of its coefficient. */
  private static byte[][][] tables(Matrix rows) {
    byte[][][] t = new byte[rows.rows][rows.cols][];
    for (int r = 0; r < rows.rows; r++) {
      for (int c = 0; c < rows.cols; c++) {
        t[r][c] = Gf256.MUL[rows.get(r, c)];
      }
    }
    return t;
  }

  private static void combine(byte[][][] rows, byte[][] in, byte[][] out, int off, int len) {
    combine(rows, in, out, off, len, off);
  }

  /**
   * {@code out[r][outOff + i] = Σ_c rows[r][c] · in[c][off + i]} for {@code i < len}, in blocks
   * that stay in cache. (The plain byte loops measured faster than four rows at once or eight bytes
   * through a long: bin/bench store.)
   */
  private static void combine(
      byte[][][] rows, byte[][] in, byte[][] out, int off, int len, int outOff) {
    for (int start = 0; start < len; start += BLOCK) {
      int n = Math.min(BLOCK, len - start);
      for (int r = 0; r < rows.length; r++) {
        byte[][] row = rows[r];
        byte[] o = out[r];
        int oo = outOff + start;
        mulSet(row[0], in[0], off + start, o, oo, n);
        for (int c = 1; c < in.length; c++) {
          mulAdd(row[c], in[c], off + start, o, oo, n);
        }
      }
    }
  }

  private static void mulSet(byte[] table, byte[] in, int inOff, byte[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] = table[in[inOff + i] & 0xff];
    }
  }

  private static void mulAdd(byte[] table, byte[] in, int inOff, byte[] out, int outOff, int n) {
    for (int i = 0; i < n; i++) {
      out[outOff + i] ^= table[in[inOff + i] & 0xff];
    }
  }

  private void checkShards(byte[][] shards, int off, int len) {
    if (shards.length != k + m) {
      throw new IllegalArgumentException(
          "expected " + (k + m) + " shard buffers, got " + shards.length);
    }
    if (off < 0 || len < 0) {
      throw new IllegalArgumentException("negative offset or length");
    }
    for (byte[] s : shards) {
      if (s == null || s.length < off + len) {
        throw new IllegalArgumentException(
            "every shard buffer must hold " + (off + len) + " bytes");
      }
    }
  }
}
