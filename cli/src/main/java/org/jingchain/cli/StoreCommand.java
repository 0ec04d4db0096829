package org.jingchain.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.store.StoreChain;
import org.jingchain.sdk.store.StoreClient;
import org.jingchain.store.Coding;
import org.jingchain.store.StoreService.NodeView;
import org.jingchain.store.StoreService.ObjectView;
import org.jingchain.store.StoreService.ShardView;
import org.jingchain.types.Address;
import org.jingchain.types.Hash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing store}: trusted object storage (docs/spec/storage.md, docs/storage.md). */
@Command(
    name = "store",
    description = "Store files on the storage nodes, erasure-coded, with their shards on chain.",
    subcommands = {
      StoreCommand.Put.class,
      StoreCommand.Get.class,
      StoreCommand.Stat.class,
      StoreCommand.Audit.class,
      StoreCommand.Repair.class,
      StoreCommand.Nodes.class
    })
final class StoreCommand {
  private StoreCommand() {}

  private static final Pattern CODING = Pattern.compile("(\\d{1,3})\\+(\\d{1,3})");

  /** {@code 10+4} → a coding with the default stripe unit and leaf size. */
  static Coding coding(String text) {
    Matcher m = CODING.matcher(text);
    if (!m.matches()) {
      throw new CliException("--coding is <data>+<parity>, e.g. 10+4, not " + text);
    }
    try {
      return new Coding(
          Integer.parseInt(m.group(1)),
          Integer.parseInt(m.group(2)),
          Coding.DEFAULT.stripeUnit(),
          Coding.DEFAULT.leafSize());
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** The key's client of the store, after checking the key is of the chain's suite. */
  static StoreClient client(ApiOptions api, KeyPair key) {
    JingClient c = api.client();
    NodeStatus status = c.status();
    if (!key.publicKey().suite().label().equals(status.suite())) {
      throw new CliException(
          "the key is a " + key.publicKey().suite() + " key but the chain uses " + status.suite());
    }
    return new StoreClient(
        new StoreChain(c, status.chainId(), Clock.systemUTC()),
        key.suite(),
        key,
        Clock.systemUTC());
  }

  /** An object given as its id, or as a name of the key's account (or of {@code --owner}). */
  static ObjectView find(JingClient c, String object, String owner, KeyPair key) {
    try {
      if (object.matches("[0-9a-f]{64}")) {
        return c.storeObject(Hash.fromHex(object));
      }
      Address a = owner != null ? parseAddress(owner) : key != null ? key.address() : null;
      if (a == null) {
        throw new CliException("give the object's id, or its name with --owner or --key");
      }
      return c.storeObject(a, object);
    } catch (JingApiException e) {
      if (e.httpStatus() == 404) {
        throw new CliException("no such object: " + object);
      }
      throw e;
    }
  }

  private static Address parseAddress(String s) {
    try {
      return Address.parse(s);
    } catch (IllegalArgumentException e) {
      throw new CliException("--owner: " + e.getMessage());
    }
  }

  static String describe(ObjectView o) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("object   %s%n", o.id()));
    s.append(String.format("name     %s%n", o.name()));
    s.append(String.format("owner    %s%n", o.owner()));
    s.append(
        o.encrypted()
            ? String.format(
                "size     %d bytes, sealed (%d stored; only the owner's key opens it)%n",
                o.plainSize(), o.size())
            : String.format("size     %d bytes, plaintext%n", o.size()));
    s.append(
        String.format(
            "coding   %d+%d, shards of %d bytes, %d-byte leaves%n",
            o.dataShards(), o.parityShards(), o.shardLength(), o.leafSize()));
    s.append(String.format("content  %s%n", o.contentRoot()));
    s.append(
        String.format(
            "status   %s (%d of %d shards confirmed), recorded at height %d",
            o.status(), o.confirmed(), o.shards().size(), o.createdHeight()));
    for (ShardView sh : o.shards()) {
      s.append(
          String.format(
              "%n  shard %-3d %-8s %-12s %s  %s",
              sh.index(),
              sh.index() < o.dataShards() ? "data" : "parity",
              sh.node(),
              sh.lost() ? "LOST     " : sh.confirmed() ? "confirmed" : "waiting  ",
              sh.root().substring(0, 16) + "…"));
    }
    return s.toString();
  }

  @Command(
      name = "put",
      description = {
        "Put a file: erasure-code it (--coding, default 10+4), record its shards' roots and",
        "placement on chain, send each shard to its storage node, and wait for the nodes to",
        "confirm. Reads the file twice and keeps only a stripe in memory. Run it again to resume",
        "an interrupted put."
      })
  static final class Put implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Parameters(index = "0", description = "The file.")
    Path file;

    @Option(names = "--name", description = "The object's name (default: the file's name).")
    String name;

    @Option(
        names = "--coding",
        defaultValue = "10+4",
        description =
            "Data + parity shards (default ${DEFAULT-VALUE}: any 4 of 14 may be lost); needs as"
                + " many storage nodes as shards.")
    String coding;

    @Option(
        names = "--plaintext",
        description =
            "Store the bytes as they are. By default they are sealed (AES-256-GCM or SM4-GCM)"
                + " under a key only your key derives, so nodes and audit answers see ciphertext;"
                + " store plaintext only for public data.")
    boolean plaintext;

    @Option(
        names = "--expires-at-height",
        defaultValue = "0",
        description = "Height after which nodes may drop it (default 0: kept until deleted).")
    long expiresAtHeight;

    @Option(
        names = "--confirm-seconds",
        defaultValue = "120",
        description = "How long to wait for the nodes' confirmations (default ${DEFAULT-VALUE}).")
    long confirmSeconds;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new CliException("no such file: " + file);
      }
      Coding c = coding(coding);
      String objectName = name != null ? name : file.getFileName().toString();
      KeyPair key = tx.loadKey();
      StoreClient client = client(tx.api, key);
      ProgressLine progress = new ProgressLine(spec.commandLine().getErr());
      StoreClient.PutResult r;
      try {
        r =
            client.put(
                file,
                objectName,
                c,
                plaintext,
                expiresAtHeight,
                Duration.ofSeconds(confirmSeconds),
                progress);
      } catch (StoreClient.StoreClientException e) {
        progress.done();
        throw new CliException(e.getMessage());
      }
      progress.done();
      PrintWriter out = spec.commandLine().getOut();
      ObjectView o = r.object();
      String human = describe(o);
      for (String f : r.failedShards()) {
        human += "\n  not sent: " + f;
      }
      boolean all = o.confirmed() == o.shards().size();
      if (!all) {
        human +=
            "\nonly "
                + o.confirmed()
                + " of "
                + o.shards().size()
                + " shards are confirmed"
                + (o.confirmed() >= o.dataShards() ? " (the object can be read)" : "")
                + "; run the same put again to resume";
      }
      tx.api.print(out, o, human);
      return all ? 0 : 3;
    }
  }

  @Command(
      name = "get",
      description = {
        "Get an object into a file: reads any k shards from their nodes, checks each against its",
        "root on chain and the whole against its content root, and keeps the file only if it",
        "matches. Shards that fail are replaced by others while k remain."
      })
  static final class Get implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "The object's id, or its name (yours, or --owner's).")
    String object;

    @Option(
        names = {"-o", "--output"},
        required = true,
        description = "The file to write.")
    Path output;

    @Option(names = "--owner", description = "The owner of a named object (default: the key's).")
    String owner;

    @Option(names = "--key", required = true, description = "Key file that signs the requests.")
    Path key;

    @Option(
        names = "--password-file",
        description = "File holding the key's password (else env JING_KEY_PASSWORD or a prompt).")
    Path passwordFile;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      KeyPair k = Keys.load(key, passwordFile);
      ObjectView o = find(api.client(), object, owner, k);
      ProgressLine progress = new ProgressLine(spec.commandLine().getErr());
      StoreClient.GetResult r;
      try {
        r = client(api, k).get(Hash.fromHex(o.id()), output, progress);
      } catch (StoreClient.StoreClientException e) {
        progress.done();
        throw new CliException(e.getMessage());
      }
      progress.done();
      for (String skipped : r.skippedShards()) {
        spec.commandLine().getErr().println("warning: passed over " + skipped);
      }
      spec.commandLine().getErr().flush();
      api.print(
          spec.commandLine().getOut(),
          o,
          "wrote "
              + output
              + " ("
              + o.plainSize()
              + " bytes"
              + (o.encrypted() ? ", opened with your key" : "")
              + ")");
      return 0;
    }
  }

  @Command(
      name = "stat",
      description = "Show an object's record: size, coding, roots, and where each shard lives.")
  static final class Stat implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "The object's id, or its name with --owner.")
    String object;

    @Option(names = "--owner", description = "The owner of a named object.")
    String owner;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ObjectView o = find(api.client(), object, owner, null);
      api.print(spec.commandLine().getOut(), o, describe(o));
      return 0;
    }
  }

  @Command(
      name = "audit",
      description = {
        "Audit an object now: every healthy shard's node must show a leaf the chain picks (from",
        "the block hash) with its Merkle path to the shard's root, by the deadline. Waits for the",
        "answers and shows each: passed, failed (the node could not produce it: damaged or gone),",
        "or missed (no answer: unreachable). A lost shard below the repair threshold orders a",
        "repair. Exits 3 unless every challenge passed."
      })
  static final class Audit implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Parameters(index = "0", description = "The object's id, or its name (yours).")
    String object;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      KeyPair key = tx.loadKey();
      JingClient c = tx.api.client();
      ObjectView o = find(c, object, null, key);
      StoreChain chain = new StoreChain(c, c.status().chainId(), Clock.systemUTC());
      var t =
          chain.send(
              key,
              org.jingchain.store.StoreCalls.auditObject(Hash.fromHex(o.id())),
              Duration.ofSeconds(tx.waitSeconds));
      if (!t.receipt().succeeded()) {
        throw new CliException(
            "the audit was refused: " + t.receipt().code() + " " + t.receipt().message());
      }
      var event = t.receipt().events().getFirst();
      List<Long> ids = new ArrayList<>();
      for (String id : event.attributes().get("challenges").split(",")) {
        ids.add(Long.parseLong(id));
      }
      long deadline = Long.parseLong(event.attributes().get("deadline"));
      var err = spec.commandLine().getErr();
      err.println("audit: " + ids.size() + " challenges, answers due by height " + deadline);
      err.flush();
      List<org.jingchain.store.StoreService.ChallengeView> views = new ArrayList<>();
      boolean closing = false;
      while (true) {
        views.clear();
        for (long id : ids) {
          views.add(c.storeChallenge(id));
        }
        if (views.stream().noneMatch(v -> v.status().equals("open"))) {
          break;
        }
        long height = c.status().height();
        if (height > deadline && !closing) {
          closing = true;
          var closed =
              chain.send(
                  key,
                  org.jingchain.store.StoreCalls.closeExpired(),
                  Duration.ofSeconds(tx.waitSeconds));
          if (!closed.receipt().succeeded()
              && !"NOTHING_TO_CLOSE".equals(closed.receipt().code())) {
            throw new CliException(
                "closing the missed challenges was refused: " + closed.receipt().code());
          }
          continue;
        }
        Thread.sleep(500); // the nodes answer within blocks; look again
      }
      ObjectView after = c.storeObject(Hash.fromHex(o.id()));
      StringBuilder human = new StringBuilder();
      for (var v : views) {
        human.append(
            String.format(
                "challenge %-5d shard %-3d %-12s leaf %-6d %s%n",
                v.id(),
                v.shard(),
                v.node(),
                v.leaf(),
                switch (v.status()) {
                  case "passed" -> "passed";
                  case "failed" -> "FAILED: the node could not produce the leaf (damaged or gone)";
                  case "missed" ->
                      "MISSED: no answer by height " + v.deadlineHeight() + " (unreachable)";
                  default -> v.status();
                }));
      }
      human.append(
          String.format(
              "object %s: %d of %d shards healthy",
              after.name(), after.healthy(), after.shards().size()));
      // A lost shard that moved off the node that failed or missed its challenge was ordered
      // repaired; by now the repair may be under way or already done.
      List<String> moved = new ArrayList<>();
      for (var v : views) {
        ShardView s = after.shards().get(v.shard());
        if (!v.status().equals("passed") && !s.node().equals(v.node())) {
          moved.add(
              "shard "
                  + s.index()
                  + " -> "
                  + s.node()
                  + (s.confirmed() ? ", rebuilt" : ", being rebuilt by " + after.repairer()));
        }
      }
      if (!moved.isEmpty()) {
        human.append("; repair ordered: ").append(String.join(", ", moved));
        if (!after.repairer().isEmpty()) {
          human.append(" (follow it with 'jing store repair ").append(after.id()).append("')");
        }
      } else if (views.stream().anyMatch(v -> !v.status().equals("passed"))) {
        human.append("; no repair ordered (the object is above its repair threshold)");
      }
      var answer = ApiOptions.JSON.createObjectNode();
      answer.set("challenges", ApiOptions.JSON.valueToTree(views));
      answer.set("object", ApiOptions.JSON.valueToTree(after));
      tx.api.print(spec.commandLine().getOut(), answer, human.toString());
      return views.stream().allMatch(v -> v.status().equals("passed")) ? 0 : 3;
    }
  }

  @Command(
      name = "repair",
      description = {
        "Follow an object's repair: shows which shards are lost, where they are being rebuilt and",
        "by which node, and waits (up to --wait-seconds) until the new nodes confirm them.",
        "Repairs are ordered by audits and done by the storage nodes themselves."
      })
  static final class Repair implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "The object's id, or its name with --owner.")
    String object;

    @Option(names = "--owner", description = "The owner of a named object.")
    String owner;

    @Option(
        names = "--wait-seconds",
        defaultValue = "300",
        description = "How long to wait for the repair (default ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      JingClient c = api.client();
      ObjectView o = find(c, object, owner, null);
      var err = spec.commandLine().getErr();
      long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
      String last = "";
      while (!o.repairer().isEmpty() && System.nanoTime() < deadline) {
        String now =
            "repairing: "
                + o.confirmed()
                + " of "
                + o.shards().size()
                + " shards confirmed, rebuilt by "
                + o.repairer();
        if (!now.equals(last)) {
          err.println(now);
          err.flush();
          last = now;
        }
        Thread.sleep(500); // the repairing node rebuilds and sends; look again
        o = c.storeObject(Hash.fromHex(o.id()));
      }
      long lost = o.shards().stream().filter(ShardView::lost).count();
      String human = describe(o);
      if (!o.repairer().isEmpty()) {
        human += "\nthe repair is still under way after " + waitSeconds + " s";
      } else if (lost > 0) {
        human +=
            "\n"
                + lost
                + " shards are lost and no repair is under way yet (below the threshold, or too few nodes)";
      } else {
        human += "\nhealthy: " + o.healthy() + " of " + o.shards().size() + " shards";
      }
      api.print(spec.commandLine().getOut(), o, human);
      return o.repairer().isEmpty() && lost == 0 && o.confirmed() == o.shards().size() ? 0 : 3;
    }
  }

  @Command(name = "nodes", description = "List the registered storage nodes.")
  static final class Nodes implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(
        names = "--wait",
        paramLabel = "N",
        description =
            "Wait until at least N storage nodes are active (nodes just started register on chain"
                + " first), up to --wait-seconds.")
    int wait;

    @Option(
        names = "--wait-seconds",
        defaultValue = "60",
        description = "How long --wait waits (default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      if (wait < 0 || waitSeconds < 0) {
        throw new CliException("--wait and --wait-seconds take a count of 0 or more");
      }
      var list = api.client().storeNodes();
      long deadline =
          System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(waitSeconds);
      while (active(list) < wait) {
        if (System.nanoTime() > deadline) {
          throw new CliException(
              active(list)
                  + " of the "
                  + wait
                  + " storage nodes asked for are active after "
                  + waitSeconds
                  + " s; see the nodes' logs");
        }
        Thread.sleep(250);
        list = api.client().storeNodes();
      }
      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              "%-12s %-20s %-28s %-9s %10s %12s %5s  %s",
              "NODE",
              "DOMAIN",
              "ENDPOINT",
              "STATUS",
              "USED",
              "CAPACITY",
              "REP",
              "AUDITS/FAILED/MISSED"));
      for (NodeView n : list.nodes()) {
        lines.add(
            String.format(
                "%-12s %-20s %-28s %-9s %10s %12s %5d  %d/%d/%d",
                n.id(),
                n.domain(),
                n.endpoint(),
                n.status(),
                Sizes.format(n.used()),
                Sizes.format(n.capacity()),
                n.reputation(),
                n.audits(),
                n.failed(),
                n.missed()));
      }
      if (list.nodes().isEmpty()) {
        lines.add("(no storage nodes registered: start one with 'jing storage-node')");
      }
      api.print(spec.commandLine().getOut(), list, String.join("\n", lines));
      return 0;
    }

    private static long active(org.jingchain.store.StoreService.NodeList list) {
      return list.nodes().stream().filter(n -> n.status().equals("active")).count();
    }
  }
}
