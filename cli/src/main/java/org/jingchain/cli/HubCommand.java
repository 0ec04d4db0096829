package org.jingchain.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.XchainQueries;
import org.jingchain.sdk.model.XchainClient;
import org.jingchain.sdk.model.XchainMember;
import org.jingchain.types.Hash;
import org.jingchain.xchain.XchainCalls;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing hub register|members}: a hub chain's registry of member chains. */
@Command(
    name = "hub",
    description =
        "A hub chain's registry of member chains, which routed transfers name"
            + " (docs/spec/xchain.md section 6). Any chain with members is a hub.",
    subcommands = {HubCommand.Register.class, HubCommand.Members.class})
final class HubCommand {
  private HubCommand() {}

  /** Where the member's genesis hash comes from. */
  static final class GenesisHash {
    @Option(
        names = "--member-api",
        converter = NodeUrl.class,
        description = "A node of the member chain: its block 0 hash is read from it.")
    String memberApi;

    @Option(names = "--genesis-hash", description = "The member's genesis block hash, hex.")
    String hex;

    Hash resolve() {
      if (hex != null) {
        try {
          return Hash.fromHex(hex);
        } catch (IllegalArgumentException e) {
          throw new CliException("--genesis-hash must be 64 hex digits");
        }
      }
      // the public genesis view: a member chain whose reads are for members still answers it
      return Hash.fromHex(new JingClient(memberApi).genesis().genesisBlockHash());
    }
  }

  /** {@code jing hub register}. */
  @Command(
      name = "register",
      description =
          "Register the chain a client follows as a member of this hub, by governance [XC-40]."
              + " The first try fails with the digest to approve (jing gov propose approve"
              + " --purpose xchain-member --digest ...); once the proposal passes, the same"
              + " command registers the member.")
  static final class Register implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(
        names = "--client",
        required = true,
        description = "This hub's client of the member (jing xchain client create).")
    String client;

    @Option(
        names = "--operator",
        description = "An organisation that operates the member chain (repeat; up to 16).")
    List<String> operators = List.of();

    @ArgGroup(multiplicity = "1")
    GenesisHash genesis;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      XchainClient c = new XchainQueries(tx.api.client()).client(client);
      return tx.send(
          XchainCalls.registerMember(
              new XchainCalls.RegisterMember(
                  c.counterpartyChainId(), client, genesis.resolve(), operators)),
          spec.commandLine().getOut());
    }
  }

  /** {@code jing hub members}. */
  @Command(name = "members", description = "List this hub's member chains.")
  static final class Members implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      List<XchainMember> all = new XchainQueries(api.client()).members();
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              "%-20s %-5s %-6s %-16s %s", "chain", "suite", "client", "genesis", "operators"));
      for (XchainMember m : all) {
        sb.append(
            String.format(
                "%n%-20s %-5s %-6s %-16s %s",
                m.chainId(),
                m.suite(),
                m.client(),
                m.genesisHash().substring(0, 12) + "…",
                String.join(", ", m.operators())));
      }
      if (all.isEmpty()) {
        sb.append("\n(no members: jing hub register)");
      }
      api.print(spec.commandLine().getOut(), java.util.Map.of("members", all), sb.toString());
      return 0;
    }
  }
}
