package org.jingchain.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.Aggregate;
import org.jingchain.privacy.AggregateCalls;
import org.jingchain.privacy.AggregateService.AggregateView;
import org.jingchain.privacy.AggregateService.CommitteeView;
import org.jingchain.privacy.AggregateService.ListPage;
import org.jingchain.privacy.AggregateService.MemberView;
import org.jingchain.privacy.AggregateService.Summary;
import org.jingchain.privacy.Committee;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.aggregate.AggregateClient;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.Address;
import org.jingchain.types.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing aggregate}: sealed aggregates (docs/spec/privacy.md, docs/privacy.md). */
@Command(
    name = "aggregate",
    description =
        "Sealed aggregates: encrypted contributions summed on chain; only the total is decrypted,"
            + " by t of n authorities.",
    subcommands = {
      AggregateCommand.CreateCommittee.class,
      AggregateCommand.Dkg.class,
      AggregateCommand.ShowCommittee.class,
      AggregateCommand.Open.class,
      AggregateCommand.Contribute.class,
      AggregateCommand.Close.class,
      AggregateCommand.Decrypt.class,
      AggregateCommand.Show.class,
      AggregateCommand.ListAll.class
    })
final class AggregateCommand {
  private AggregateCommand() {}

  static AggregateClient client(JingClient c) {
    NodeStatus s = c.status();
    return new AggregateClient(c, s.chainId(), ApiOptions.suiteOf(s), new SecureRandom());
  }

  static <T> T found(java.util.function.Supplier<T> read, String what) {
    try {
      return read.get();
    } catch (JingApiException e) {
      if (e.httpStatus() == 404) {
        throw new CliException("no " + what);
      }
      throw e;
    }
  }

  /** A refused transaction as the command's failure. */
  static TxStatus checked(TxStatus t, String what) {
    if (!t.receipt().succeeded()) {
      throw new CliException(
          what + " refused: " + t.receipt().code() + ": " + t.receipt().message());
    }
    return t;
  }

  static String describe(CommitteeView c) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("committee %s (%s)%n", c.id(), c.curve()));
    s.append(
        String.format(
            "phase     %s%s%n",
            c.phase(),
            c.failure().isEmpty()
                ? (c.phase().equals("ready") || c.phase().equals("failed")
                    ? ""
                    : " (advance possible from height " + c.deadline() + ")")
                : ": " + c.failure()));
    s.append(
        String.format(
            "threshold %d of %d members decrypt together%n", c.threshold(), c.members().size()));
    if (!c.publicKey().isEmpty()) {
      s.append(String.format("key       %s%n", c.publicKey()));
    }
    for (MemberView m : c.members()) {
      s.append(
          String.format(
              "  %-3d %s  %s%n",
              m.index(),
              m.address(),
              m.disqualified()
                  ? "DISQUALIFIED"
                  : String.join(
                      " ",
                      m.joined() ? "joined" : "-",
                      m.dealt() ? "dealt" : "-",
                      m.acked() ? "checked" : "-")));
    }
    return s.toString().stripTrailing();
  }

  static String describe(AggregateView a) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("aggregate     %s%n", a.id()));
    if (!a.description().isEmpty()) {
      s.append(String.format("description   %s%n", a.description()));
    }
    s.append(String.format("committee     %s (%d shares decrypt)%n", a.committee(), a.threshold()));
    s.append(String.format("status        %s%n", a.status()));
    s.append(
        String.format(
            "contributions %d (each 0..%d; at least %d before decryption, at most %d)%n",
            a.contributions(), (1L << a.bits()) - 1, a.minContributions(), a.maxContributions()));
    if (!a.contributors().isEmpty()) {
      s.append(String.format("contributors  %d accounts listed%n", a.contributors().size()));
    }
    if (!a.shares().isEmpty()) {
      s.append(
          String.format(
              "shares        from members %s%n",
              String.join(
                  ", ", a.shares().stream().map(x -> Integer.toString(x.member())).toList())));
    }
    s.append(String.format("total         %s", a.total() == null ? "sealed" : a.total()));
    return s.toString();
  }

  /** {@code jing aggregate create-committee}. */
  @Command(
      name = "create-committee",
      description =
          "Name the decryption authorities of a committee and how many of them decrypt together.")
  static final class CreateCommittee implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", required = true, description = "Committee id: a-z, 0-9, . and -.")
    String id;

    @Option(
        names = "--member",
        required = true,
        split = ",",
        description = "A member's account (repeat, or separate with commas); at most 64.")
    List<String> members;

    @Option(
        names = "--threshold",
        required = true,
        description = "How many members' shares decrypt a total (1..members).")
    int threshold;

    @Option(
        names = "--phase-blocks",
        defaultValue = "100",
        description =
            "Blocks each key-generation phase may last before anyone may end it (default"
                + " ${DEFAULT-VALUE}).")
    long phaseBlocks;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<Address> ms = new ArrayList<>();
      for (String m : members) {
        ms.add(AssetCommand.address(m));
      }
      return tx.send(
          AggregateCalls.createCommittee(id, ms, threshold, phaseBlocks),
          spec.commandLine().getOut());
    }
  }

  /** {@code jing aggregate dkg}. */
  @Command(
      name = "dkg",
      description =
          "Take a member's part in its committee's key generation: join, deal, check the shares"
              + " dealt to it (complaining of wrong ones) — whatever the phase asks now.")
  static final class Dkg implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--committee", required = true, description = "Committee id.")
    String committee;

    @Option(
        names = "--until-ready",
        defaultValue = "0",
        description =
            "Keep going for up to this many seconds while the other members act, until the"
                + " committee is ready (default ${DEFAULT-VALUE}: do what can be done now).")
    long untilReady;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      JingClient c = tx.api.client();
      AggregateClient agg = client(c);
      KeyPair key = tx.loadKey();
      long deadline = System.nanoTime() + untilReady * 1_000_000_000L;
      String waitingFor = "";
      while (true) {
        CommitteeView view = found(() -> c.aggregateCommittee(committee), "committee " + committee);
        Committee com = view.toCommittee();
        int me =
            com.indexOf(key.address())
                .orElseThrow(
                    () ->
                        new CliException(
                            key.address() + " is not a member of committee " + committee));
        if (com.phase() == Committee.Phase.READY || com.phase() == Committee.Phase.FAILED) {
          tx.api.print(
              out,
              view,
              com.phase() == Committee.Phase.READY
                  ? "committee "
                      + committee
                      + " is ready: "
                      + com.threshold()
                      + " of "
                      + com.size()
                      + " members decrypt; key "
                      + view.publicKey()
                  : "committee " + committee + " failed: " + com.failure());
          return com.phase() == Committee.Phase.READY ? 0 : 3;
        }
        List<AggregateClient.Step> steps = agg.keyGenerationSteps(key, com);
        for (AggregateClient.Step s : steps) {
          TxStatus t = checked(tx.sendQuietly(key, s.call()), s.what());
          spec.commandLine()
              .getErr()
              .println("member " + me + ": " + s.what() + " (block " + t.height() + ")");
        }
        if (!steps.isEmpty()) {
          continue;
        }
        if (view.height() >= com.deadline()) {
          TxStatus t = tx.sendQuietly(key, AggregateCalls.advance(committee));
          if (t.receipt().succeeded()) {
            spec.commandLine()
                .getErr()
                .println("member " + me + ": ended the " + view.phase() + " phase at its deadline");
            continue;
          }
        }
        String now = waiting(view);
        if (System.nanoTime() >= deadline) {
          tx.api.print(out, view, "committee " + committee + ": " + now);
          return 0;
        }
        if (!now.equals(waitingFor)) {
          spec.commandLine().getErr().println("member " + me + ": " + now);
          waitingFor = now;
        }
        Thread.sleep(500);
      }
    }

    private static String waiting(CommitteeView v) {
      List<String> who = new ArrayList<>();
      for (MemberView m : v.members()) {
        boolean pending =
            switch (v.phase()) {
              case "joining" -> !m.joined();
              case "dealing" -> !m.dealt();
              default -> !m.acked();
            };
        if (pending) {
          who.add(Integer.toString(m.index()));
        }
      }
      String verb =
          switch (v.phase()) {
            case "joining" -> "join";
            case "dealing" -> "deal";
            default -> "check their shares";
          };
      return "waiting for member"
          + (who.size() == 1 ? " " : "s ")
          + String.join(", ", who)
          + " to "
          + verb
          + " (the phase may be ended from height "
          + v.deadline()
          + ")";
    }
  }

  /** {@code jing aggregate committee}. */
  @Command(name = "committee", description = "Show a committee and its key generation.")
  static final class ShowCommittee implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "Committee id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      CommitteeView v = found(() -> api.client().aggregateCommittee(id), "committee " + id);
      api.print(spec.commandLine().getOut(), v, describe(v));
      return 0;
    }
  }

  /** {@code jing aggregate open}. */
  @Command(name = "open", description = "Open a sealed aggregate under a ready committee's key.")
  static final class Open implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", required = true, description = "Aggregate id: a-z, 0-9, . and -.")
    String id;

    @Option(names = "--committee", required = true, description = "The committee that decrypts.")
    String committee;

    @Option(
        names = "--description",
        defaultValue = "",
        description = "What is counted (public; up to 200 characters).")
    String description;

    @Option(
        names = "--bits",
        defaultValue = "16",
        description = "Each contribution is 0 to 2^bits - 1 (1..32, default ${DEFAULT-VALUE}).")
    int bits;

    @Option(
        names = "--min",
        defaultValue = "3",
        description =
            "Contributions needed before the total may be decrypted (default ${DEFAULT-VALUE});"
                + " below it a closed aggregate is cancelled.")
    long min;

    @Option(
        names = "--max",
        defaultValue = "1000",
        description = "The most contributions taken (up to 65536, default ${DEFAULT-VALUE}).")
    long max;

    @Option(
        names = "--contributor",
        split = ",",
        description = "An account that may contribute (repeat); default: any account.")
    List<String> contributors = new ArrayList<>();

    @Option(
        names = "--close-height",
        defaultValue = "0",
        description =
            "From this height anyone may close it (default ${DEFAULT-VALUE}: only its creator"
                + " closes it).")
    long closeHeight;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<Address> cs = new ArrayList<>();
      for (String s : contributors) {
        cs.add(AssetCommand.address(s));
      }
      return tx.send(
          AggregateCalls.open(
              new AggregateCalls.Open(id, committee, description, bits, min, max, cs, closeHeight)),
          spec.commandLine().getOut());
    }
  }

  /** {@code jing aggregate contribute}. */
  @Command(
      name = "contribute",
      description =
          "Add a value to an aggregate, encrypted under its committee's key with a proof that it"
              + " is in range; no one but t authorities together can open it.")
  static final class Contribute implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", required = true, description = "Aggregate id.")
    String id;

    @Option(names = "--value", required = true, description = "The value, 0 to 2^bits - 1.")
    long value;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      AggregateClient agg = client(tx.api.client());
      Call call;
      try {
        found(() -> tx.api.client().aggregate(id), "aggregate " + id);
        call = agg.contribution(tx.loadKey(), id, value);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      return tx.send(call, spec.commandLine().getOut());
    }
  }

  /** {@code jing aggregate close}. */
  @Command(
      name = "close",
      description =
          "Close an aggregate to contributions, so its committee may decrypt the total (or"
              + " cancel it, when too few came by its close height).")
  static final class Close implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", required = true, description = "Aggregate id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(AggregateCalls.close(id), spec.commandLine().getOut());
    }
  }

  /** {@code jing aggregate decrypt}. */
  @Command(
      name = "decrypt",
      description =
          "As a committee member, release your decryption share of a closed aggregate; once t"
              + " shares are in, find the total and publish it (the chain checks it).")
  static final class Decrypt implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--id", required = true, description = "Aggregate id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      JingClient c = tx.api.client();
      AggregateClient agg = client(c);
      KeyPair key = tx.loadKey();
      AggregateView v = found(() -> c.aggregate(id), "aggregate " + id);
      Aggregate a = v.toAggregate();
      if (a.status() == Aggregate.Status.OPEN || a.status() == Aggregate.Status.CANCELLED) {
        throw new CliException(
            "aggregate " + id + " is " + v.status() + "; only a closed aggregate is decrypted");
      }
      if (a.status() == Aggregate.Status.CLOSED) {
        Aggregate closed = a;
        CommitteeView cv = c.aggregateCommittee(a.committee());
        int me =
            cv.toCommittee()
                .indexOf(key.address())
                .orElseThrow(
                    () ->
                        new CliException(
                            key.address() + " is not a member of committee " + closed.committee()));
        if (a.shares().stream().anyMatch(s -> s.member() == me)) {
          err.println("member " + me + ": your share is in already");
        } else {
          TxStatus t = checked(tx.sendQuietly(key, agg.decryptionShare(key, a)), "the share");
          err.println(
              "member "
                  + me
                  + ": share accepted (block "
                  + t.height()
                  + "), "
                  + (a.shares().size() + 1)
                  + " of "
                  + v.threshold()
                  + " needed");
        }
        v = c.aggregate(id);
        a = v.toAggregate();
      }
      if (a.status() == Aggregate.Status.DECRYPTED) {
        OptionalLong total = agg.total(a);
        if (total.isEmpty()) {
          throw new CliException(
              "the combined shares match no total from 0 to " + a.maxTotal() + "; see the spec");
        }
        checked(tx.sendQuietly(key, AggregateCalls.reveal(id, total.getAsLong())), "the total");
        v = c.aggregate(id);
      }
      tx.api.print(spec.commandLine().getOut(), v, describe(v));
      return 0;
    }
  }

  /** {@code jing aggregate show}. */
  @Command(name = "show", description = "Show an aggregate: its contributions, shares and total.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "Aggregate id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      AggregateView v = found(() -> api.client().aggregate(id), "aggregate " + id);
      api.print(spec.commandLine().getOut(), v, describe(v));
      return 0;
    }
  }

  /** {@code jing aggregate list}. */
  @Command(
      name = "list",
      description = "List the newest aggregates, or with --committees, committees.")
  static final class ListAll implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--committees", description = "List committees instead.")
    boolean committees;

    @Option(
        names = "--limit",
        defaultValue = "50",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ListPage p = api.client().aggregateList(committees, limit);
      StringBuilder s = new StringBuilder();
      for (Summary x : p.items()) {
        s.append(String.format("%-24s %-10s %s%n", x.id(), x.status(), x.detail()));
      }
      if (p.items().isEmpty()) {
        s.append(committees ? "no committees yet" : "no aggregates yet");
      }
      api.print(spec.commandLine().getOut(), p, s.toString().stripTrailing());
      return 0;
    }
  }
}
