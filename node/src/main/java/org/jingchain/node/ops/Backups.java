package org.jingchain.node.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.light.LightClient;
import org.jingchain.light.LightClientException;
import org.jingchain.node.consensus.ConsensusRecords;
import org.jingchain.service.Genesis;
import org.jingchain.state.StateTree;
import org.jingchain.storage.RocksChainStore;
import org.jingchain.storage.StorageException;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;

/**
 * Backups of a node's data directory and their restore (docs/operations.md, "Backup and restore").
 * A backup is a directory: {@code db/}, a consistent RocksDB checkpoint of the chain database;
 * {@code backup.json}, what it holds; and the data directory's {@code genesis.json} and encrypted
 * {@code validator.key} when present — never a password file.
 *
 * <p>A restore never brings back an older signing record: a validator restored onto its own data
 * directory keeps the safety records of the database it replaces ([CONS-SAFETY-3]), so it cannot
 * sign twice in a round it signed since the backup; one with no database left to take them from is
 * refused, for the only safe way back is a new key.
 */
public final class Backups {
  public static final String FORMAT = "jing-backup-1";
  public static final String MANIFEST = "backup.json";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final ObjectMapper GENESIS =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final List<String> COPIED = List.of("genesis.json", "validator.key");

  private Backups() {}

  /**
   * What a backup holds.
   *
   * @param height the last committed block in it
   * @param stateRoot the state root after that block
   * @param online whether the node was running (the checkpoint was taken by it)
   * @param files the data-directory files copied beside the database
   */
  public record Manifest(
      String format,
      String chainId,
      String suite,
      String genesisBlock,
      long height,
      String blockHash,
      String stateRoot,
      long createdAtMillis,
      boolean online,
      List<String> files) {}

  /** A backup or restore that cannot be done, with the reason for the operator. */
  public static final class BackupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
      super(message);
    }
  }

  /**
   * Backs up the database {@code store} (open; the node's own while it runs) and the files of
   * {@code dataDir} into {@code out}, which must not exist or be empty.
   */
  public static Manifest backup(
      RocksChainStore store, Path dataDir, Path out, boolean online, long nowMillis) {
    try {
      if (Files.exists(out)) {
        try (var entries = Files.list(out)) {
          if (entries.findAny().isPresent()) {
            throw new BackupException(out + " is not empty; a backup goes into a new directory");
          }
        }
      } else {
        Files.createDirectories(out);
      }
      if (out.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwx------"));
      }
      store.checkpoint(out.resolve("db"));
      Manifest m;
      try (RocksChainStore copy = RocksChainStore.open(out.resolve("db"), false, 16L << 20)) {
        m = describe(copy, online, nowMillis, copyFiles(dataDir, out));
      }
      Files.write(out.resolve(MANIFEST), JSON.writeValueAsBytes(m));
      return m;
    } catch (IOException e) {
      throw new BackupException("cannot write the backup to " + out + ": " + e.getMessage());
    }
  }

  private static List<String> copyFiles(Path dataDir, Path out) throws IOException {
    List<String> copied = new ArrayList<>();
    for (String f : COPIED) {
      if (Files.isRegularFile(dataDir.resolve(f))) {
        Files.copy(dataDir.resolve(f), out.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        copied.add(f);
      }
    }
    return copied;
  }

  private static Manifest describe(
      RocksChainStore db, boolean online, long nowMillis, List<String> files) {
    Genesis g = genesisOf(db);
    CryptoSuite suite = CryptoSuites.of(g.suiteId());
    long head = db.headHeight().orElseThrow(() -> new BackupException("the database is empty"));
    BlockHeader h = db.header(head).orElseThrow();
    return new Manifest(
        FORMAT,
        g.chainId(),
        g.suite(),
        suite.hash(Canonical.encode(g.header(suite))).toHex(),
        head,
        suite.hash(Canonical.encode(h)).toHex(),
        new StateTree(db::node, suite).rootHash(head).toHex(),
        nowMillis,
        online,
        files);
  }

  private static Genesis genesisOf(RocksChainStore db) {
    byte[] json = db.genesis().orElseThrow(() -> new BackupException("the database has no chain"));
    try {
      return GENESIS.readValue(json, Genesis.class);
    } catch (IOException e) {
      throw new BackupException("the database's genesis does not parse: " + e.getMessage());
    }
  }

  /** Reads and checks {@code backup/backup.json}. */
  public static Manifest manifest(Path backup) {
    Path file = backup.resolve(MANIFEST);
    if (!Files.isRegularFile(file) || !Files.isDirectory(backup.resolve("db"))) {
      throw new BackupException(backup + " is not a backup: no " + MANIFEST + " and db/ in it");
    }
    try {
      Manifest m = JSON.readValue(file.toFile(), Manifest.class);
      if (!FORMAT.equals(m.format())) {
        throw new BackupException(file + " is of format '" + m.format() + "', not " + FORMAT);
      }
      return m;
    } catch (IOException e) {
      throw new BackupException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /**
   * What a restore did.
   *
   * @param replaced where the database it replaced was moved, if there was one
   * @param safetyRecords how many safety records it carried over from that database
   * @param rolledBackFrom the replaced database's head when it was above the backup's on a
   *     single-validator chain (with more validators the node fetches those blocks from its peers)
   */
  public record Restored(
      Manifest manifest,
      Optional<Path> replaced,
      int safetyRecords,
      Optional<Long> rolledBackFrom) {}

  /**
   * Restores {@code backup} into {@code dataDir}. The node must be stopped. A database already
   * there is moved aside to {@code db.replaced-<UTC time>} (nothing is deleted) after its safety
   * records are read; they go into the restored database. Refused: another chain's database; a
   * single-validator chain's database ahead of the backup without {@code rollback} (its blocks
   * since would be made again, differently); a validator key with no database to take its safety
   * records from.
   */
  public static Restored restore(Path backup, Path dataDir, boolean rollback, long nowMillis) {
    Manifest m = manifest(backup);
    Path db = dataDir.resolve("db");
    SortedMap<Bytes, Optional<Bytes>> safety = new java.util.TreeMap<>();
    Optional<Long> rolledBack = Optional.empty();
    boolean hasKey =
        Files.isRegularFile(dataDir.resolve("validator.key"))
            || m.files().contains("validator.key");
    if (Files.isDirectory(db)) {
      try (RocksChainStore old = RocksChainStore.open(db, false, 16L << 20)) {
        Manifest current = describe(old, false, nowMillis, List.of());
        if (!current.genesisBlock().equals(m.genesisBlock())) {
          throw new BackupException(
              dataDir
                  + " holds chain '"
                  + current.chainId()
                  + "' (genesis block "
                  + current.genesisBlock()
                  + "); the backup is of '"
                  + m.chainId()
                  + "' (genesis block "
                  + m.genesisBlock()
                  + ")");
        }
        safety = new ConsensusRecords(old).safetyRecords();
        if (current.height() > m.height()) {
          if (validatorCount(old) == 1 && !rollback) {
            throw new BackupException(
                "the chain has one validator and this database is at block "
                    + current.height()
                    + ", the backup at "
                    + m.height()
                    + ": no other validator holds blocks "
                    + (m.height() + 1)
                    + ".."
                    + current.height()
                    + ", so the node would make them again, differently, and anyone who saw them"
                    + " would see a fork. Pass --rollback to do it anyway");
          }
          if (validatorCount(old) == 1) {
            // the only validator makes the blocks since the backup again, from the backup's
            // round on: its newer records would leave it unable to vote or time out
            rolledBack = Optional.of(current.height());
            safety = new java.util.TreeMap<>();
          }
        }
      } catch (StorageException e) {
        throw new BackupException(
            "cannot open " + db + " (is the node still running? stop it first): " + e.getMessage());
      }
    } else if (hasKey) {
      throw new BackupException(
          dataDir
              + " has no database whose safety records the restored validator could keep: the"
              + " backup's are older, and with them the validator could sign twice in a round it"
              + " signed since (equivocation). Restore onto the data directory whose database is"
              + " still there, even if damaged; or bring the node back under a new key — move"
              + " validator.key away, make a new one (jing keys new), and have governance replace"
              + " the old validator with it");
    }
    Optional<Path> replaced = Optional.empty();
    try {
      Files.createDirectories(dataDir);
      if (Files.isDirectory(db)) {
        String stamp =
            "db.replaced-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                    .withZone(java.time.ZoneOffset.UTC)
                    .format(java.time.Instant.ofEpochMilli(nowMillis));
        Path aside = dataDir.resolve(stamp);
        // two restores within one second (a script restoring twice): never overwrite
        for (int n = 2; Files.exists(aside); n++) {
          aside = dataDir.resolve(stamp + "-" + n);
        }
        Files.move(db, aside);
        replaced = Optional.of(aside);
      }
      copyTree(backup.resolve("db"), db);
      for (String f : m.files()) {
        if (!Files.exists(dataDir.resolve(f))) {
          Files.copy(backup.resolve(f), dataDir.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new BackupException("cannot restore into " + dataDir + ": " + e.getMessage());
    }
    int kept = 0;
    if (!safety.isEmpty()) {
      try (RocksChainStore restored = RocksChainStore.open(db, true, 16L << 20)) {
        ConsensusRecords records = new ConsensusRecords(restored);
        SortedMap<Bytes, Optional<Bytes>> backedUp = records.safetyRecords();
        SortedMap<Bytes, Optional<Bytes>> newer = new java.util.TreeMap<>();
        for (var e : safety.entrySet()) {
          Optional<Bytes> theirs = backedUp.getOrDefault(e.getKey(), Optional.empty());
          if (theirs.isEmpty() || later(e.getValue().orElseThrow(), theirs.get())) {
            newer.put(e.getKey(), e.getValue());
          }
        }
        records.writeSafetyRecords(newer);
        kept = newer.size();
      }
    }
    return new Restored(m, replaced, kept, rolledBack);
  }

  /**
   * Whether safety record {@code a} is ahead of {@code b}: a higher round voted or timed out in,
   * then a higher locked round. The replaced database's record is kept only where it is ahead, so a
   * database older than the backup never takes the backup's newer records away.
   */
  private static boolean later(Bytes a, Bytes b) {
    var x = org.jingchain.consensus.MessageCodec.decodeSafetyRecord(a.toByteArray());
    var y = org.jingchain.consensus.MessageCodec.decodeSafetyRecord(b.toByteArray());
    return x.highestVotedRound() != y.highestVotedRound()
        ? x.highestVotedRound() > y.highestVotedRound()
        : x.highestQcRound() > y.highestQcRound();
  }

  /** The size of the newest validator set the database knows. */
  private static int validatorCount(RocksChainStore db) {
    ConsensusRecords records = new ConsensusRecords(db);
    List<Long> ends = records.epochEnds(10_000);
    if (!ends.isEmpty()) {
      var st = records.epochState(ends.getLast());
      if (st.isPresent()) {
        try {
          return LightClient.decodeValidators(st.get().value()).size();
        } catch (LightClientException e) {
          return 0;
        }
      }
    }
    return genesisOf(db).validators().size();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
            Files.copy(file, to.resolve(from.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
