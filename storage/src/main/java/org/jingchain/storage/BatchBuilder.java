package org.jingchain.storage;

import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.WriteBatch;

/**
 * Builds a RocksDB write batch in its serialized form and hands it over in one call. A block's
 * commit holds about 17 entries per transaction; adding them one JNI call at a time cost more CPU
 * than encoding them here (docs/performance.md).
 *
 * <p>The format is RocksDB's write-batch representation, which is also its write-ahead-log record
 * and so does not change: an 8-byte little-endian sequence number (0: assigned on write), a 4-byte
 * little-endian count, then per entry a type byte, the column family id as a varint32 (omitted for
 * the default family) and the key and value each as varint32 length and bytes. RocksDB checks the
 * count against the entries when it applies the batch.
 */
final class BatchBuilder {
  private static final int HEADER = 12;
  private static final byte DELETION = 0x0;
  private static final byte VALUE = 0x1;
  private static final byte FAMILY_DELETION = 0x4;
  private static final byte FAMILY_VALUE = 0x5;

  private final IdentityHashMap<ColumnFamilyHandle, Integer> ids = new IdentityHashMap<>();
  private byte[] buf;
  private int size = HEADER;
  private int count;

  /** One key-value pair, with a number ordered like the key (or nearly) for a cheap first sort. */
  @SuppressWarnings("ArrayRecordComponent") // only carried to the batch, never compared
  record Put(long rank, byte[] key, byte[] value) {}

  BatchBuilder(int expectedBytes) {
    this.buf = new byte[Math.max(HEADER + 64, expectedBytes)];
  }

  void put(ColumnFamilyHandle cf, byte[] key, byte[] value) {
    int id = id(cf);
    ensure(1 + 5 + 5 + key.length + 5 + value.length);
    buf[size++] = id == 0 ? VALUE : FAMILY_VALUE;
    if (id != 0) {
      varint(id);
    }
    bytes(key);
    bytes(value);
    count++;
  }

  void delete(ColumnFamilyHandle cf, byte[] key) {
    int id = id(cf);
    ensure(1 + 5 + 5 + key.length);
    buf[size++] = id == 0 ? DELETION : FAMILY_DELETION;
    if (id != 0) {
      varint(id);
    }
    bytes(key);
    count++;
  }

  /**
   * Adds {@code puts} in key order. RocksDB's memtable inserts a key right after the previously
   * inserted one without a search, and searches from the top for any other: tree nodes come in
   * post-order and index entries in hash order, and sorting them first halved the CPU time of the
   * write (docs/performance.md). Ordering by rank first is several times cheaper than comparing
   * bytes and leaves few keys out of order, so the byte-wise sort after it mostly checks runs. Both
   * sorts are stable: equal keys would keep their order and the last would still win.
   */
  void putSorted(ColumnFamilyHandle cf, List<Put> puts) {
    puts.sort(Comparator.comparingLong(Put::rank));
    puts.sort((x, y) -> Arrays.compareUnsigned(x.key(), y.key()));
    for (Put p : puts) {
      put(cf, p.key(), p.value());
    }
  }

  /** The 8 bytes of {@code key} from {@code offset} (zero-padded) as a rank in unsigned order. */
  static long prefix(byte[] key, int offset) {
    long v = 0;
    for (int i = offset; i < offset + 8; i++) {
      v = v << 8 | (i < key.length ? key[i] & 0xff : 0);
    }
    return v ^ Long.MIN_VALUE;
  }

  int count() {
    return count;
  }

  /** The batch; the caller closes it. */
  WriteBatch build() {
    for (int i = 0; i < 4; i++) {
      buf[8 + i] = (byte) (count >>> (8 * i));
    }
    return new WriteBatch(Arrays.copyOf(buf, size));
  }

  private int id(ColumnFamilyHandle cf) {
    return ids.computeIfAbsent(cf, ColumnFamilyHandle::getID);
  }

  private void bytes(byte[] b) {
    varint(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  private void varint(int v) {
    while ((v & ~0x7f) != 0) {
      buf[size++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }
}
