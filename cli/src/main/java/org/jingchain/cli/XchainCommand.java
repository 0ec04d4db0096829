package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jingchain.sdk.XchainQueries;
import org.jingchain.sdk.model.XchainClient;
import org.jingchain.sdk.model.XchainNft;
import org.jingchain.sdk.model.XchainPackets;
import org.jingchain.sdk.model.XchainVouchers;
import org.jingchain.sdk.xchain.Relayer;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.jingchain.xchain.XchainCalls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jing xchain ...}: clients of other chains, transfers between chains, what waits. */
@Command(
    name = "xchain",
    description =
        "Cross-chain: clients of other chains, token and collectible transfers between chains,"
            + " packets waiting for a relayer (docs/spec/xchain.md).",
    subcommands = {
      XchainCommand.ClientGroup.class,
      XchainCommand.Register.class,
      XchainCommand.Transfer.class,
      XchainCommand.NftTransfer.class,
      XchainCommand.Packets.class,
      XchainCommand.Vouchers.class,
      XchainCommand.NftOwner.class
    })
final class XchainCommand {
  private XchainCommand() {}

  /** {@code jing xchain client create|update|show|recover}. */
  @Command(
      name = "client",
      description = "This chain's clients of other chains: create, update, show, recover.",
      subcommands = {
        XchainCommand.CreateClient.class,
        XchainCommand.UpdateClient.class,
        XchainCommand.Show.class,
        XchainCommand.Recover.class
      })
  static final class ClientGroup {}

  /** What a client is made from: a counterparty's genesis file (chain id, suite, validators). */
  record Genesis(String chainId, SuiteId suite, List<PublicKey> validators) {
    static Genesis read(Path file) {
      JsonNode g;
      try {
        g = new ObjectMapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new CliException("cannot read " + file + ": " + e.getMessage());
      }
      if (g == null || !g.path("chainId").isTextual() || !g.path("validators").isArray()) {
        throw new CliException(file + " is not a genesis file (chainId, suite, validators)");
      }
      SuiteId suite =
          SuiteId.fromLabel(g.path("suite").asText())
              .orElseThrow(() -> new CliException("unknown suite in " + file));
      List<PublicKey> keys = new ArrayList<>();
      for (JsonNode v : g.get("validators")) {
        try {
          keys.add(PublicKey.parse(v.asText()));
        } catch (IllegalArgumentException e) {
          throw new CliException("validator " + v.asText() + " in " + file + ": " + e.getMessage());
        }
      }
      return new Genesis(g.get("chainId").asText(), suite, keys);
    }
  }

  /** {@code jing xchain client create}. */
  @Command(
      name = "create",
      description =
          "Create a client of another chain from its genesis file (an organisation admin's"
              + " act [XC-1]). Check the file's validators with that chain's operators first:"
              + " the client trusts them.")
  static final class CreateClient implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(
        names = "--genesis",
        required = true,
        description = "The other chain's genesis.json (chain id, suite, validators).")
    Path genesis;

    @Option(
        names = "--trusting-period-days",
        defaultValue = "14",
        description =
            "Days the client trusts a validator set without an update (1..365, default"
                + " ${DEFAULT-VALUE}); a relayer must update it more often.")
    int trustingDays;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (trustingDays < 1 || trustingDays > 365) {
        throw new CliException("--trusting-period-days must be 1..365");
      }
      Genesis g = Genesis.read(genesis);
      return tx.send(
          XchainCalls.createClient(
              new XchainCalls.CreateClient(
                  g.chainId(),
                  g.suite(),
                  Duration.ofDays(trustingDays).toMillis(),
                  0,
                  0,
                  g.validators())),
          spec.commandLine().getOut());
    }
  }

  /** {@code jing xchain register}. */
  @Command(
      name = "register",
      description =
          "Register the client on the other chain that follows this one as a client's"
              + " counterparty (an admin's act, once [XC-7]); with both registered, the path is"
              + " open.")
  static final class Register implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--client", required = true, description = "This chain's client, c-<n>.")
    String client;

    @Option(
        names = "--counterparty-client",
        required = true,
        description = "The other chain's client of this chain, c-<n>.")
    String counterparty;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(
          XchainCalls.registerCounterparty(
              new XchainCalls.RegisterCounterparty(client, counterparty)),
          spec.commandLine().getOut());
    }
  }

  /** {@code jing xchain client update}. */
  @Command(
      name = "update",
      description =
          "Update a client to the other chain's newest certified block, following its validator"
              + " changes first (anyone may; a running relayer does it by itself before a client"
              + " nears expiry).")
  static final class UpdateClient implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Parameters(index = "0", description = "The client, c-<n>.")
    String id;

    @Option(
        names = "--counterparty-api",
        converter = NodeUrl.class,
        required = true,
        description = "API base URL of a node of the chain the client follows.")
    String counterpartyApi;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Relayer.Pass p =
          Relayer.updateClient(
              new Relayer.End("", tx.api.api, tx.loadKey(), id),
              counterpartyApi,
              Relayer.Options.defaults(),
              out::println);
      if (p.idle()) {
        out.println(id + " already holds the other chain's newest certified block");
      }
      return p.refusedTransactions() == 0 ? 0 : 3;
    }
  }

  /** {@code jing xchain client show}. */
  @Command(
      name = "show",
      description = "Show a client (its counterparty, status, epochs), or list them all.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", arity = "0..1", description = "The client, c-<n>; none lists all.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (id == null) {
        return list();
      }
      XchainClient c = new XchainQueries(api.client()).client(id);
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("client        %s%n", c.id()));
      sb.append(String.format("follows       %s (%s)%n", c.counterpartyChainId(), c.suite()));
      sb.append(
          String.format(
              "counterparty  %s%n",
              c.counterpartyClient().isEmpty() ? "(not registered)" : c.counterpartyClient()));
      sb.append(String.format("status        %s%n", c.status()));
      sb.append(
          String.format(
              "trusting      %d days, last update at %s%n",
              c.trustingPeriodMillis() / 86_400_000L,
              java.time.Instant.ofEpochMilli(c.updatedAtMillis())));
      sb.append(String.format("height        %d", c.latestHeight()));
      if (c.latest() != null) {
        sb.append(String.format(" (state root %s)", c.latest().stateRoot()));
      }
      for (XchainClient.Epoch e : c.epochs()) {
        sb.append(
            String.format(
                "%nepoch %d       from height %d, %d validators",
                e.number(), e.firstHeight(), e.validators().size()));
      }
      api.print(spec.commandLine().getOut(), c, sb.toString());
      return 0;
    }

    private int list() {
      List<XchainClient> all = new XchainQueries(api.client()).clients();
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              "%-6s %-24s %-5s %-12s %-8s %s",
              "id", "chain", "suite", "counterparty", "status", "height"));
      for (XchainClient c : all) {
        sb.append(
            String.format(
                "%n%-6s %-24s %-5s %-12s %-8s %d",
                c.id(),
                c.counterpartyChainId(),
                c.suite(),
                c.counterpartyClient().isEmpty() ? "-" : c.counterpartyClient(),
                c.status(),
                c.latestHeight()));
      }
      if (all.isEmpty()) {
        sb.append("\n(no clients: jing xchain client create)");
      }
      api.print(spec.commandLine().getOut(), java.util.Map.of("clients", all), sb.toString());
      return 0;
    }
  }

  /** Timeouts shared by the transfer commands. */
  static final class Timeouts {
    @Option(
        names = "--timeout-minutes",
        defaultValue = "60",
        description =
            "Refund if not received within this many minutes of the other chain's time (default"
                + " ${DEFAULT-VALUE}; 0 for none).")
    long minutes;

    @Option(
        names = "--timeout-height",
        defaultValue = "0",
        description = "Refund if not received below this height of the other chain (0: none).")
    long height;

    long millis() {
      if (minutes < 0 || height < 0) {
        throw new CliException("timeouts cannot be negative");
      }
      if (minutes == 0 && height == 0) {
        throw new CliException("give --timeout-minutes or --timeout-height: a packet needs one");
      }
      return minutes == 0 ? 0 : System.currentTimeMillis() + minutes * 60_000;
    }
  }

  /** {@code jing xchain transfer}. */
  @Command(
      name = "transfer",
      description =
          "Send tokens to an account on another chain: native tokens are escrowed and arrive as"
              + " vouchers (c-<n>/SYMBOL); vouchers going home are burned and released there"
              + " [XC-30]. A relayer delivers it; if it times out, the tokens come back.")
  static final class Transfer implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Mixin Timeouts timeouts;

    @Option(names = "--client", required = true, description = "The client of the other chain.")
    String client;

    @Option(
        names = "--denom",
        required = true,
        description = "What to send: a token symbol (CNY) or a voucher trace (c-0/CNY).")
    String denom;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    AssetCommand.Amount amount;

    @Option(
        names = "--to",
        required = true,
        description = "The receiver's address on the other chain.")
    String to;

    @Option(names = "--memo", defaultValue = "", description = "A note carried with the packet.")
    String memo;

    @Option(
        names = "--forward-to",
        defaultValue = "",
        description =
            "Route through the hub the client follows to this member chain (its chain id);"
                + " --to is then the receiver there [XC-41].")
    String forwardTo;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (denom.contains("/") && amount.value != null) {
        throw new CliException(
            "--value counts whole tokens by their decimals, which this chain does not hold for the"
                + " voucher "
                + denom
                + " (its home chain does); give --amount in the smallest unit");
      }
      long units = amount.resolve(tx.api, denom);
      return tx.send(
          XchainCalls.transfer(
              new XchainCalls.Transfer(
                  client, denom, units, to, timeouts.height, timeouts.millis(), memo, forwardTo)),
          spec.commandLine().getOut());
    }
  }

  /** {@code jing xchain nft-transfer}. */
  @Command(
      name = "nft-transfer",
      description = "Send a collectible you own to an account on another chain [XC-33].")
  static final class NftTransfer implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Mixin Timeouts timeouts;

    @Option(names = "--client", required = true, description = "The client of the other chain.")
    String client;

    @Option(
        names = "--class",
        defaultValue = "asset",
        description = "asset for this chain's collectibles, or a voucher class (c-0/asset).")
    String classTrace;

    @Option(names = "--id", required = true, description = "The collectible's id.")
    String id;

    @Option(
        names = "--to",
        required = true,
        description = "The receiver's address on the other chain.")
    String to;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(
          XchainCalls.nftTransfer(
              new XchainCalls.NftTransfer(
                  client, classTrace, id, to, timeouts.height, timeouts.millis())),
          spec.commandLine().getOut());
    }
  }

  /** {@code jing xchain packets}. */
  @Command(
      name = "packets",
      description =
          "Packets sent through a client that wait for a relayer (received, or timed out).")
  static final class Packets implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "The client, c-<n>.")
    String client;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (1..1000).")
    int limit;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      XchainPackets p = new XchainQueries(api.client()).packets(client, 1, limit);
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              "%d pending through %s (next sequence %d)",
              p.pending().size(), p.client(), p.nextSequence()));
      for (XchainPackets.Packet k : p.pending()) {
        sb.append(
            String.format(
                "%n#%d %s -> %s %s %s",
                k.sequence(), k.sourceClient(), k.destClient(), k.app(), k.content()));
      }
      api.print(spec.commandLine().getOut(), p, sb.toString());
      return 0;
    }
  }

  /** {@code jing xchain vouchers}. */
  @Command(name = "vouchers", description = "Tokens of other chains an account holds.")
  static final class Vouchers implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Parameters(index = "0", description = "The account's address.")
    String address;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      XchainVouchers v = new XchainQueries(api.client()).vouchers(AssetCommand.address(address));
      StringBuilder sb = new StringBuilder(v.address());
      for (XchainVouchers.Voucher x : v.vouchers()) {
        sb.append(String.format("%n%-24s %d", x.denom(), x.amount()));
      }
      if (v.vouchers().isEmpty()) {
        sb.append("\n(no vouchers)");
      }
      api.print(spec.commandLine().getOut(), v, sb.toString());
      return 0;
    }
  }

  /** {@code jing xchain nft-owner}. */
  @Command(
      name = "nft-owner",
      description =
          "Who holds a collectible that came from another chain (its class trace c-<n>/asset"
              + " names the client it came through); this chain's own: jing nft owner.")
  static final class NftOwner implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--class", required = true, description = "The class trace, c-0/asset.")
    String classTrace;

    @Option(names = "--id", required = true, description = "The collectible's id.")
    String id;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      XchainNft n = new XchainQueries(api.client()).nft(classTrace, id);
      api.print(
          spec.commandLine().getOut(),
          n,
          String.format(
              "%-9s %s%n%-9s %s%n%-9s %s%n%-9s %s",
              "id", n.id(), "class", n.classTrace(), "owner", n.owner(), "digest", n.digest()));
      return 0;
    }
  }

  /** {@code jing xchain client recover}. */
  @Command(
      name = "recover",
      description =
          "Recover an expired or frozen client with validators governance approved [XC-6]. The"
              + " first try fails with the digest to approve (jing gov propose approve --purpose"
              + " xchain-recover --digest ...); once the proposal passes, the same command"
              + " recovers the client.")
  static final class Recover implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Parameters(index = "0", description = "The client, c-<n>.")
    String client;

    @Option(
        names = "--genesis",
        description = "Trust the other chain's genesis validators (epoch 0 from height 0).")
    Path genesis;

    @Option(names = "--epoch", description = "The other chain's epoch the validators are of.")
    Long epoch;

    @Option(names = "--first-height", description = "The first height that epoch certifies.")
    Long firstHeight;

    @Option(
        names = "--validator",
        description = "A validator key (<suite>:<hex>), in order; repeat.")
    List<String> validators;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      XchainCalls.Recover r;
      if (genesis != null) {
        if (epoch != null || firstHeight != null || validators != null) {
          throw new CliException("give --genesis, or --epoch, --first-height and --validator");
        }
        r = new XchainCalls.Recover(client, 0, 0, Genesis.read(genesis).validators());
      } else {
        if (epoch == null || firstHeight == null || validators == null) {
          throw new CliException("give --genesis, or --epoch, --first-height and --validator");
        }
        List<PublicKey> keys = new ArrayList<>();
        for (String v : validators) {
          try {
            keys.add(PublicKey.parse(v));
          } catch (IllegalArgumentException e) {
            throw new CliException("--validator " + v + ": " + e.getMessage());
          }
        }
        r = new XchainCalls.Recover(client, epoch, firstHeight, keys);
      }
      return tx.send(XchainCalls.recoverClient(r), spec.commandLine().getOut());
    }
  }
}
