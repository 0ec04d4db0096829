package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jingchain.node.ops.AdminSocket;
import org.jingchain.node.ops.Backups;
import org.jingchain.node.ops.DbVerifier;
import org.jingchain.storage.RocksChainStore;
import org.jingchain.storage.StorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing db backup|verify|restore}: a node's database, for operators (docs/operations.md). */
@Command(
    name = "db",
    description = "Back up, verify and restore a node's database (docs/operations.md).",
    subcommands = {DbCommand.Backup.class, DbCommand.Verify.class, DbCommand.Restore.class})
final class DbCommand {
  private DbCommand() {}

  static final String DEFAULT_DATA_DIR = ".jing/dev";

  static RocksChainStore openStopped(Path dataDir) {
    Path db = dataDir.resolve("db");
    if (!Files.isDirectory(db)) {
      throw new CliException("no database in " + db);
    }
    try {
      return RocksChainStore.open(db, false, 64L << 20);
    } catch (StorageException e) {
      throw new CliException(
          "cannot open "
              + db
              + (e.getMessage().contains("lock")
                  ? ": a node is running on it (stop it first, or back it up with jing db backup"
                      + " and verify the backup)"
                  : ": " + e.getMessage()));
    }
  }

  static String describe(Backups.Manifest m) {
    return "block "
        + m.height()
        + " ("
        + m.blockHash()
        + ") of chain '"
        + m.chainId()
        + "' ("
        + m.suite()
        + "), state root "
        + m.stateRoot();
  }

  @Command(
      name = "backup",
      description = {
        "Write a consistent copy of a node's database to a new directory: a RocksDB",
        "checkpoint (hard links where the file system allows), the data directory's",
        "genesis.json and encrypted validator.key (never a password file), and",
        "backup.json saying which block it holds. While the node runs it takes the",
        "checkpoint itself (through <data-dir>/admin.sock) and keeps committing;",
        "a stopped node's database is opened directly."
      })
  static final class Backup implements Callable<Integer> {
    @Option(names = "--data-dir", description = "The node's data directory (default .jing/dev).")
    Path dataDir = Path.of(DEFAULT_DATA_DIR);

    @Option(names = "--out", required = true, description = "New directory for the backup.")
    Path out;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      Path target = out.toAbsolutePath().normalize();
      long start = System.nanoTime();
      Backups.Manifest m;
      ObjectNode request =
          ApiOptions.JSON.createObjectNode().put("op", "backup").put("out", target.toString());
      Optional<JsonNode> online = AdminSocket.request(dataDir, request);
      if (online.isPresent()) {
        JsonNode r = online.get();
        if (!r.path("ok").asBoolean()) {
          throw new CliException(r.path("error").asText("the node refused the backup"));
        }
        m = ApiOptions.JSON.treeToValue(r.get("manifest"), Backups.Manifest.class);
      } else {
        try (RocksChainStore store = openStopped(dataDir)) {
          m = Backups.backup(store, dataDir, target, false, System.currentTimeMillis());
        } catch (Backups.BackupException e) {
          throw new CliException(e.getMessage());
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      ApiOptions.print(
          spec.commandLine().getOut(),
          json,
          m,
          "backed up "
              + describe(m)
              + "\n  to "
              + target
              + (m.online() ? " (taken by the running node)" : " (the node was stopped)")
              + " in "
              + millis
              + " ms"
              + (m.files().isEmpty() ? "" : "; with " + String.join(", ", m.files()))
              + "\n  check it: jing db verify --data-dir "
              + out);
      return 0;
    }
  }

  @Command(
      name = "verify",
      description = {
        "Check a stopped node's database, or a backup, against its own genesis: every",
        "retained block links to its parent and hashes its transactions and its",
        "parent's receipts; the head's commit proof verifies against the genesis",
        "validators and each validator change since; and the state after the head,",
        "re-hashed node by node from its leaves, is the root the validators certified",
        "and matches the latest-value table key for key. Exit code 0 when all holds,",
        "1 with the first thing that does not."
      })
  static final class Verify implements Callable<Integer> {
    @Option(
        names = "--data-dir",
        description = "A node's data directory or a backup (default .jing/dev).")
    Path dataDir = Path.of(DEFAULT_DATA_DIR);

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Optional<Backups.Manifest> manifest = Optional.empty();
      if (Files.isRegularFile(dataDir.resolve(Backups.MANIFEST))) {
        try {
          manifest = Optional.of(Backups.manifest(dataDir));
        } catch (Backups.BackupException e) {
          throw new CliException(e.getMessage());
        }
      }
      long start = System.nanoTime();
      try (RocksChainStore store = openStopped(dataDir)) {
        DbVerifier.Report r =
            new DbVerifier(store, line -> (json ? spec.commandLine().getErr() : out).println(line))
                .verify();
        if (manifest.isPresent()
            && (manifest.get().height() != r.head()
                || !manifest.get().stateRoot().equals(r.stateRoot().toHex())
                || !manifest.get().genesisBlock().equals(r.genesisBlock().toHex()))) {
          return fail(
              out,
              "the database is not what "
                  + Backups.MANIFEST
                  + " says: "
                  + describe(manifest.get()));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        ObjectNode j =
            ApiOptions.JSON
                .createObjectNode()
                .put("ok", true)
                .put("chainId", r.chainId())
                .put("suite", r.suite())
                .put("genesisBlock", r.genesisBlock().toHex())
                .put("fromHeight", r.fromHeight())
                .put("head", r.head())
                .put("headHash", r.headHash().toHex())
                .put("epochsFollowed", r.epochsFollowed())
                .put("keys", r.keys())
                .put("treeNodes", r.treeNodes())
                .put("stateRoot", r.stateRoot().toHex())
                .put("millis", millis);
        ApiOptions.print(out, json, j, "OK: verified in " + millis + " ms");
        return 0;
      } catch (DbVerifier.Mismatch e) {
        return fail(out, e.getMessage());
      }
    }

    private int fail(PrintWriter out, String why) {
      ApiOptions.print(
          out,
          json,
          ApiOptions.JSON.createObjectNode().put("ok", false).put("reason", why),
          "FAILED: " + why);
      return 1;
    }
  }

  @Command(
      name = "restore",
      description = {
        "Restore a backup into a stopped node's data directory. A database already",
        "there is moved aside (db.replaced-<time>), never deleted, and its safety",
        "records are kept: the restored validator cannot sign again in a round it",
        "signed since the backup. The node then catches up from its peers. Refused:",
        "a backup of another chain; a validator's data directory with no database",
        "left to take the safety records from (bring it back under a new key);",
        "a single-validator chain's database ahead of the backup, unless --rollback."
      })
  static final class Restore implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "The backup directory.")
    Path from;

    @Option(names = "--data-dir", description = "The node's data directory (default .jing/dev).")
    Path dataDir = Path.of(DEFAULT_DATA_DIR);

    @Option(
        names = "--rollback",
        description =
            "On a single-validator chain, replace blocks committed since the backup (they are"
                + " made again, differently).")
    boolean rollback;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (Files.exists(dataDir.resolve(AdminSocket.FILE))) {
        try {
          if (AdminSocket.request(dataDir, ApiOptions.JSON.createObjectNode().put("op", "ping"))
              .isPresent()) {
            throw new CliException("a node is running on " + dataDir + "; stop it first");
          }
        } catch (IOException e) {
          // nobody answers: the node is stopped
        }
      }
      Backups.Restored r;
      try {
        r = Backups.restore(from, dataDir, rollback, System.currentTimeMillis());
      } catch (Backups.BackupException e) {
        throw new CliException(e.getMessage());
      }
      ApiOptions.print(
          spec.commandLine().getOut(),
          json,
          r,
          "restored "
              + describe(r.manifest())
              + "\n  into "
              + dataDir
              + r.replaced().map(p -> "; the database it replaced is in " + p).orElse("")
              + (r.safetyRecords() > 0
                  ? "\n  kept the replaced database's "
                      + r.safetyRecords()
                      + " safety record(s): the validator signs no round twice"
                  : "")
              + r.rolledBackFrom()
                  .map(
                      h ->
                          "\n  rolled back from block "
                              + h
                              + " (--rollback); start the node as before and it goes on from"
                              + " block "
                              + r.manifest().height())
                  .orElse("\n  start the node as before; it catches up from its peers"));
      return 0;
    }
  }
}
