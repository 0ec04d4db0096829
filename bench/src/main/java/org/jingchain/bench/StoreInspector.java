package org.jingchain.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jingchain.storage.RocksChainStore;

/**
 * The store maintenance a sizing benchmark needs — flushes, full compactions, pending-compaction
 * state, per-column-family sizes — through {@link ChainStore}'s maintenance API, so compactions run
 * with exactly the node's column family options (compression, bloom filters, block cache).
 */
final class StoreInspector {
  private final RocksChainStore store;

  StoreInspector(RocksChainStore store) {
    this.store = store;
  }

  /** Writes every memtable to SST files and waits for it. */
  void flush() {
    store.flush();
  }

  /** Compacts every column family down to its last level (drops deleted and overwritten data). */
  void compactAll() {
    store.compactAll();
  }

  /** True while a flush or compaction runs or one is pending in any column family. */
  boolean busy() {
    return store.maintenanceBusy();
  }

  /**
   * Waits until {@link #busy()} is false, at most {@code maxSeconds}; returns the seconds waited
   * (negative when it gave up).
   */
  double waitIdle(int maxSeconds) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + maxSeconds * 1_000_000_000L;
    while (busy()) {
      if (System.nanoTime() > deadline) {
        return -(System.nanoTime() - start) / 1e9;
      }
      Thread.sleep(500);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** One column family's SST files, from RocksDB's properties. */
  record Family(
      long sstBytes,
      long entries,
      long rawKeyBytes,
      long rawValueBytes,
      long dataBlockBytes,
      long indexBytes,
      long filterBytes) {}

  /** Per column family, in the store's order. */
  Map<String, Family> families() {
    Map<String, Family> out = new LinkedHashMap<>();
    store
        .familyStats()
        .forEach(
            (name, f) ->
                out.put(
                    name,
                    new Family(
                        f.sstBytes(),
                        f.entries(),
                        f.rawKeyBytes(),
                        f.rawValueBytes(),
                        f.dataBlockBytes(),
                        f.indexBytes(),
                        f.filterBytes())));
    return out;
  }

  /** A RocksDB property of the whole database (e.g. rocksdb.block-cache-usage), or -1. */
  long property(String name) {
    return store.property(name);
  }

  /**
   * Bytes of the files in {@code dir} by kind: {@code sst} (tables), {@code wal} (write-ahead log),
   * {@code infoLog} (RocksDB's text LOG files, not data), {@code other} (MANIFEST, OPTIONS,
   * CURRENT...) and {@code total} of all regular files.
   */
  static Map<String, Long> directoryBytes(Path dir) {
    Sizes sizes = new Sizes();
    try {
      Files.walkFileTree(dir, sizes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sizes.bytes;
  }

  /**
   * Adds up a directory's files while RocksDB works in it: a file deleted between the listing and
   * its reading (a compaction's input, a WAL rolled over) is skipped, not an error (issue 21: the
   * 10M-DID run died on a vanished WAL file, walking with Files.walk).
   */
  static final class Sizes extends java.nio.file.SimpleFileVisitor<Path> {
    final Map<String, Long> bytes = new LinkedHashMap<>();

    Sizes() {
      for (String k : new String[] {"total", "sst", "wal", "infoLog", "other"}) {
        bytes.put(k, 0L);
      }
    }

    @Override
    public java.nio.file.FileVisitResult visitFile(
        Path p, java.nio.file.attribute.BasicFileAttributes attrs) {
      if (attrs.isRegularFile()) {
        String name = p.getFileName().toString();
        String kind =
            name.endsWith(".sst")
                ? "sst"
                : name.endsWith(".log") ? "wal" : name.startsWith("LOG") ? "infoLog" : "other";
        bytes.merge(kind, attrs.size(), Long::sum);
        bytes.merge("total", attrs.size(), Long::sum);
      }
      return java.nio.file.FileVisitResult.CONTINUE;
    }

    @Override
    public java.nio.file.FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
      if (e instanceof java.nio.file.NoSuchFileException) {
        return java.nio.file.FileVisitResult.CONTINUE; // deleted while we walked
      }
      throw e;
    }

    @Override
    public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException e)
        throws IOException {
      if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
        throw e;
      }
      return java.nio.file.FileVisitResult.CONTINUE;
    }
  }
}
