package org.jingchain.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jingchain.store.StoreException.Reason;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * Streams objects into shards and back ([STORE-3]..[STORE-5]). Memory is bounded by the coding —
 * {@code (k+m)} stripe units plus one stripe — whatever the object's size.
 */
public final class ObjectCodec {
  private ObjectCodec() {}

  /**
   * Reads {@code in} to its end, writing each shard's bytes to {@code sink} stripe by stripe.
   *
   * @param expectedSize the size the object must have, or -1 for any size up to {@code maxSize}
   * @throws StoreException OVERSIZED past {@code maxSize}, SIZE_MISMATCH if not {@code
   *     expectedSize}, IO if a stream fails
   */
  public static EncodedObject encode(
      InputStream in,
      Coding coding,
      HashFunction h,
      long expectedSize,
      long maxSize,
      ShardSink sink)
      throws StoreException {
    int k = coding.dataShards();
    int n = coding.totalShards();
    int unit = coding.stripeUnit();
    ReedSolomon rs = new ReedSolomon(k, coding.parityShards());
    byte[] stripe = new byte[Math.toIntExact(coding.stripeBytes())];
    byte[][] shards = new byte[n][unit];
    LeafTree content = new LeafTree(h, coding.leafSize());
    List<LeafTree> trees = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      trees.add(new LeafTree(h, coding.leafSize()));
    }
    long size = 0;
    try {
      while (true) {
        int got = in.readNBytes(stripe, 0, stripe.length);
        size += got;
        if (size > maxSize) {
          throw new StoreException(
              Reason.OVERSIZED, "the object is larger than the limit of " + maxSize + " bytes");
        }
        if (expectedSize >= 0 && size > expectedSize) {
          throw new StoreException(
              Reason.SIZE_MISMATCH, "the object is longer than its declared " + expectedSize);
        }
        if (got == 0) {
          break;
        }
        content.update(stripe, 0, got);
        int u = got == stripe.length ? unit : (int) Coding.ceilDiv(got, k);
        for (int i = 0; i < k; i++) {
          int from = Math.min(got, i * u);
          int take = Math.min(u, got - from);
          System.arraycopy(stripe, from, shards[i], 0, take);
          Arrays.fill(shards[i], take, u, (byte) 0);
        }
        rs.encode(shards, 0, u);
        for (int i = 0; i < n; i++) {
          trees.get(i).update(shards[i], 0, u);
          sink.write(i, shards[i], 0, u);
        }
        if (got < stripe.length) {
          break;
        }
      }
    } catch (IOException e) {
      throw new StoreException(Reason.IO, -1, e.getMessage(), e);
    }
    if (expectedSize >= 0 && size != expectedSize) {
      throw new StoreException(
          Reason.SIZE_MISMATCH,
          "the object has " + size + " bytes, not its declared " + expectedSize);
    }
    List<Hash> roots = new ArrayList<>(n);
    for (LeafTree t : trees) {
      roots.add(t.root());
    }
    return new EncodedObject(coding, size, content.root(), roots);
  }

  /**
   * Writes the object's bytes to {@code out} from the first {@code k} readable shards of {@code
   * shards} (null where a shard is unavailable), then checks each shard used against its root and
   * the content against the content root. A failed check means {@code out} holds bad bytes: write
   * to a temporary place and keep it only when this returns.
   *
   * @throws StoreException TOO_FEW_SHARDS, SHORT_SHARD, SHARD_MISMATCH (naming the shard),
   *     DIGEST_MISMATCH, IO
   */
  public static void decode(
      EncodedObject object, InputStream[] shards, HashFunction h, OutputStream out)
      throws StoreException {
    run(object, shards, h, out, new int[0], null);
  }

  /**
   * Rebuilds shards {@code wanted} from the first {@code k} readable others and writes them to
   * {@code sink}, each checked against its committed root at the end (a repair, [STORE-8]).
   */
  public static void rebuild(
      EncodedObject object, InputStream[] shards, int[] wanted, HashFunction h, ShardSink sink)
      throws StoreException {
    run(object, shards, h, null, wanted, sink);
  }

  private static void run(
      EncodedObject object,
      InputStream[] sources,
      HashFunction h,
      OutputStream out,
      int[] wanted,
      ShardSink sink)
      throws StoreException {
    Coding coding = object.coding();
    int k = coding.dataShards();
    int n = coding.totalShards();
    if (sources.length != n) {
      throw new IllegalArgumentException("one source per shard, null where unavailable");
    }
    boolean[] present = new boolean[n];
    int chosen = 0;
    for (int i = 0; i < n && chosen < k; i++) {
      boolean isWanted = false;
      for (int w : wanted) {
        isWanted |= w == i;
      }
      if (sources[i] != null && !isWanted) {
        present[i] = true;
        chosen++;
      }
    }
    if (chosen < k) {
      throw new StoreException(
          Reason.TOO_FEW_SHARDS,
          "only " + chosen + " of " + n + " shards are readable; " + k + " are needed");
    }
    ReedSolomon rs = new ReedSolomon(k, coding.parityShards());
    int unit = coding.stripeUnit();
    byte[][] bufs = new byte[n][unit];
    LeafTree[] trees = new LeafTree[n];
    for (int i = 0; i < n; i++) {
      trees[i] = new LeafTree(h, coding.leafSize());
    }
    LeafTree content = new LeafTree(h, coding.leafSize());
    long size = object.size();
    long full = size / coding.stripeBytes();
    long rest = size % coding.stripeBytes();
    long stripes = full + (rest > 0 ? 1 : 0);
    try {
      for (long s = 0; s < stripes; s++) {
        int u = s < full ? unit : (int) Coding.ceilDiv(rest, k);
        for (int i = 0; i < n; i++) {
          if (present[i]) {
            int got;
            try {
              got = sources[i].readNBytes(bufs[i], 0, u);
            } catch (IOException e) {
              // a node that died or stalled mid-stream: the shard's fault, so that a reader can
              // go on from other shards
              throw new StoreException(
                  Reason.IO, i, "shard " + i + " could not be read: " + e.getMessage(), e);
            }
            if (got < u) {
              throw new StoreException(
                  Reason.SHORT_SHARD,
                  i,
                  "shard "
                      + i
                      + " ended "
                      + (object.shardLength() - (s * unit + got))
                      + " bytes early",
                  null);
            }
            trees[i].update(bufs[i], 0, u);
          }
        }
        rs.reconstruct(bufs, present, 0, u, out != null);
        if (out != null) {
          long left = s < full ? coding.stripeBytes() : rest;
          for (int i = 0; i < k && left > 0; i++) {
            int take = (int) Math.min(u, left);
            out.write(bufs[i], 0, take);
            content.update(bufs[i], 0, take);
            left -= take;
          }
        }
        for (int w : wanted) {
          trees[w].update(bufs[w], 0, u);
          sink.write(w, bufs[w], 0, u);
        }
      }
      if (out != null) {
        out.flush();
      }
    } catch (IOException e) {
      throw new StoreException(Reason.IO, -1, e.getMessage(), e);
    }
    for (int i = 0; i < n; i++) {
      if (present[i] && !trees[i].root().equals(object.shardRoots().get(i))) {
        throw new StoreException(
            Reason.SHARD_MISMATCH, i, "shard " + i + " does not match its committed root", null);
      }
    }
    for (int w : wanted) {
      if (!trees[w].root().equals(object.shardRoots().get(w))) {
        throw new StoreException(
            Reason.SHARD_MISMATCH, w, "rebuilt shard " + w + " does not match its root", null);
      }
    }
    if (out != null && !content.root().equals(object.contentRoot())) {
      throw new StoreException(
          Reason.DIGEST_MISMATCH, "the decoded object does not match its content root");
    }
  }
}
