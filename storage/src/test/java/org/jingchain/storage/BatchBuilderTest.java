package org.jingchain.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jingchain.storage.BatchBuilder.Put;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/** The serialized batch is byte for byte what RocksDB builds from the same calls. */
class BatchBuilderTest {
  static {
    RocksDB.loadLibrary();
  }

  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void matchesRocksDbsOwnEncodingForPutsAndDeletesInAnyFamily() throws Exception {
    List<ColumnFamilyDescriptor> families =
        List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
            new ColumnFamilyDescriptor(b("one")),
            new ColumnFamilyDescriptor(b("two")));
    List<ColumnFamilyHandle> h = new ArrayList<>();
    try (DBOptions o =
            new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        RocksDB db = RocksDB.open(o, dir.toString(), families, h);
        WriteBatch expected = new WriteBatch()) {
      BatchBuilder built = new BatchBuilder(16);
      byte[] big = new byte[300]; // lengths over 127 take two varint bytes
      new Random(3).nextBytes(big);
      expected.put(h.get(0), b("head"), b("7"));
      built.put(h.get(0), b("head"), b("7"));
      expected.put(h.get(1), big, b(""));
      built.put(h.get(1), big, b(""));
      expected.delete(h.get(2), b("gone"));
      built.delete(h.get(2), b("gone"));
      expected.delete(h.get(0), b("old"));
      built.delete(h.get(0), b("old"));
      List<Put> puts = new ArrayList<>();
      for (String k : new String[] {"b", "a", "c", "ab"}) {
        puts.add(new Put(BatchBuilder.prefix(b(k), 0), b(k), big));
      }
      built.putSorted(h.get(2), puts);
      for (String k : new String[] {"a", "ab", "b", "c"}) {
        expected.put(h.get(2), b(k), big);
      }
      try (WriteBatch batch = built.build()) {
        assertThat(built.count()).isEqualTo(8);
        assertThat(batch.count()).isEqualTo(8);
        assertThat(batch.data()).isEqualTo(expected.data());
        try (WriteOptions wo = new WriteOptions()) {
          db.write(wo, batch);
        }
      }
      assertThat(db.get(h.get(2), b("ab"))).isEqualTo(big);
      assertThat(db.get(h.get(0), b("head"))).isEqualTo(b("7"));
      h.forEach(ColumnFamilyHandle::close);
    }
  }

  @Test
  void prefixRanksLikeUnsignedBytes() {
    byte[][] keys = {{0}, {0, 0}, {1}, {(byte) 0x7f, 9}, {(byte) 0x80}, {(byte) 0xff, (byte) 0xff}};
    for (int i = 1; i < keys.length; i++) {
      assertThat(BatchBuilder.prefix(keys[i - 1], 0))
          .isLessThanOrEqualTo(BatchBuilder.prefix(keys[i], 0));
    }
  }
}
