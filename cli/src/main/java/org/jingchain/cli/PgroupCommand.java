package org.jingchain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.PgroupCalls;
import org.jingchain.privacy.PgroupDef;
import org.jingchain.privacy.PgroupService.GroupView;
import org.jingchain.privacy.PgroupService.RecordPage;
import org.jingchain.privacy.PgroupService.RecordView;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.pgroup.PgroupClient;
import org.jingchain.types.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing pgroup}: private groups (docs/spec/privacy.md section 6, docs/privacy.md). */
@Command(
    name = "pgroup",
    description =
        "Private groups: payloads only the member organisations' nodes hold and read; the chain"
            + " orders and certifies their hashes.",
    subcommands = {
      PgroupCommand.Define.class,
      PgroupCommand.Digest.class,
      PgroupCommand.Create.class,
      PgroupCommand.Send.class,
      PgroupCommand.Read.class,
      PgroupCommand.Show.class,
      PgroupCommand.Purge.class
    })
final class PgroupCommand {
  private PgroupCommand() {}

  static PgroupClient client(JingClient c) {
    NodeStatus s = c.status();
    return new PgroupClient(s.chainId(), ApiOptions.suiteOf(s), new SecureRandom());
  }

  /** {@code jing pgroup define}. */
  @Command(
      name = "define",
      description =
          "Write a group's definition from its member nodes (their keys, organisations and a fresh"
              + " group key wrapped for each) and print the digest governance must approve.")
  static final class Define implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--id", required = true, description = "Group id: a-z, 0-9, . and -.")
    String id;

    @Option(
        names = "--threshold",
        required = true,
        description = "Member nodes that must hold a payload before the chain records it.")
    int threshold;

    @Option(
        names = "--member",
        required = true,
        split = ",",
        description = "A member node's API URL (repeat), e.g. http://127.0.0.1:8745.")
    List<String> members;

    @Option(names = "--out", description = "Where to write it (default <id>.pgroup).")
    Path out;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      JingClient c = api.client();
      PgroupDef def;
      try {
        def = client(c).define(id, threshold, members);
      } catch (IllegalArgumentException | JingApiException e) {
        throw new CliException(e.getMessage());
      }
      Path file = out != null ? out : Path.of(id + ".pgroup");
      Files.writeString(file, Bytes.wrap(def.encode()).toHex() + "\n");
      String digest = def.digest(ApiOptions.suiteOf(c.status())).toHex();
      api.print(
          spec.commandLine().getOut(),
          java.util.Map.of("file", file.toString(), "digest", digest),
          String.format(
              "wrote %s: group %s, %d members, threshold %d%ndigest %s%n"
                  + "governance approves it with: jing gov propose approve --purpose %s --digest %s",
              file, id, def.members().size(), threshold, digest, PgroupCalls.PURPOSE, digest));
      return 0;
    }
  }

  static PgroupDef read(Path file) {
    try {
      return PgroupDef.decode(Bytes.fromHex(Files.readString(file).strip()).unsafeArray());
    } catch (IOException | RuntimeException e) {
      throw new CliException("cannot read the definition " + file + ": " + e.getMessage());
    }
  }

  /** {@code jing pgroup digest}. */
  @Command(
      name = "digest",
      description = "Print the digest of a definition, as governance approves it (for scripts).")
  static final class Digest implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(
        names = "--definition",
        required = true,
        description = "The file jing pgroup define wrote.")
    Path definition;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine()
          .getOut()
          .println(read(definition).digest(ApiOptions.suiteOf(api.client().status())).toHex());
      return 0;
    }
  }

  /** {@code jing pgroup create}. */
  @Command(
      name = "create",
      description = "Create a group governance approved, from its definition.")
  static final class Create implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(
        names = "--definition",
        required = true,
        description = "The file jing pgroup define wrote.")
    Path definition;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(PgroupCalls.create(read(definition)), spec.commandLine().getOut());
    }
  }

  /** {@code jing pgroup send}. */
  @Command(
      name = "send",
      description =
          "Send a file to a group through your organisation's member node (--api): it is sealed"
              + " under the group key, held by the members, and recorded on chain by its hash.")
  static final class Send implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--group", required = true, description = "Group id.")
    String group;

    @Option(names = "--file", required = true, description = "The payload (up to 1 MiB).")
    Path file;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      JingClient c = tx.api.client();
      byte[] payload = Files.readAllBytes(file);
      try {
        int threshold = c.pgroupGroup(group).threshold();
        org.jingchain.types.Call call = client(c).send(c, tx.loadKey(), group, payload);
        int attested = PgroupCalls.decodeSubmit(call.args()).attestations().size();
        if (attested < threshold) {
          throw new CliException(
              "only "
                  + attested
                  + " of the "
                  + threshold
                  + " member nodes needed hold the payload (see the member node's log); nothing"
                  + " was recorded");
        }
        return tx.send(call, spec.commandLine().getOut());
      } catch (JingApiException e) {
        throw new CliException(e.getMessage());
      }
    }
  }

  /** {@code jing pgroup read}. */
  @Command(
      name = "read",
      description = "Read a record's payload from your organisation's member node (--api).")
  static final class Read implements Callable<Integer> {
    @Mixin CtokenCommand.KeyOptions opts;

    @Option(names = "--group", required = true, description = "Group id.")
    String group;

    @Option(names = "--seq", required = true, description = "The record's number.")
    long seq;

    @Option(
        names = {"-o", "--out"},
        description = "Write the payload here (default: stdout).")
    Path out;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      JingClient c = opts.api.client();
      KeyPair k = Keys.load(opts.key, opts.passwordFile);
      byte[] payload;
      try {
        payload = client(c).read(c, k, group, seq);
      } catch (JingApiException e) {
        throw new CliException(e.getMessage());
      }
      if (out != null) {
        Files.write(out, payload);
        spec.commandLine().getErr().println("wrote " + out + " (" + payload.length + " bytes)");
      } else {
        System.out.write(payload);
        System.out.flush();
      }
      return 0;
    }
  }

  /** {@code jing pgroup show}. */
  @Command(
      name = "show",
      description = "Show a group's members and records, and which records this node holds.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--group", required = true, description = "Group id.")
    String group;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = api.client();
      GroupView g;
      RecordPage p;
      try {
        g = c.pgroupGroup(group);
        p = c.pgroupRecords(group, 0);
      } catch (JingApiException e) {
        throw new CliException(e.getMessage());
      }
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              "group %s: %d members, threshold %d; this node %s%n",
              g.id(),
              g.members().size(),
              g.threshold(),
              g.thisNodeIsMember()
                  ? "is a member and holds " + g.heldHere() + " of " + g.records() + " records"
                  : "is not a member and holds none"));
      g.members()
          .forEach(
              m ->
                  s.append(
                      String.format("  member %d  %-8s %s%n", m.index(), m.org(), m.endpoint())));
      for (RecordView r : p.items()) {
        s.append(
            String.format(
                "  record %-3d %s…  %d bytes  from %s  attested by %d%s%n",
                r.seq(),
                r.hash().substring(0, 16),
                r.size(),
                r.sender(),
                r.attesters(),
                r.purged()
                    ? "  PURGED"
                    : g.thisNodeIsMember() ? (r.heldHere() ? "  held" : "  missing") : ""));
      }
      api.print(
          spec.commandLine().getOut(),
          java.util.Map.of("group", g, "records", p),
          s.toString().stripTrailing());
      return 0;
    }
  }

  /** {@code jing pgroup purge}. */
  @Command(
      name = "purge",
      description = "Mark a record purged on chain; member nodes delete its ciphertext.")
  static final class Purge implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--group", required = true, description = "Group id.")
    String group;

    @Option(names = "--seq", required = true, description = "The record's number.")
    long seq;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(PgroupCalls.purge(group, seq), spec.commandLine().getOut());
    }
  }
}
