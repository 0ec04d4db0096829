package org.jingchain.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jingchain.crypto.ApiToken;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.BearerTokens;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.Access;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing auth}: bearer tokens and the chain's read rules (docs/security.md). */
@Command(
    name = "auth",
    description = "Tokens for reading a chain whose read rules are not public; who may read what.",
    subcommands = {AuthCommand.Token.class, AuthCommand.Show.class})
final class AuthCommand {
  private AuthCommand() {}

  @Command(
      name = "token",
      description = {
        "Print a bearer token signed by an account key, for --token or JING_TOKEN.",
        "Nodes check its signature and the account's roles on chain; it lives at most 60 minutes."
      })
  static final class Token implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--key", required = true, description = "The account's key file.")
    Path key;

    @Option(
        names = "--password-file",
        description = "File holding the key's password (else env JING_KEY_PASSWORD or a prompt).")
    Path passwordFile;

    @Option(
        names = "--minutes",
        defaultValue = "10",
        description = "How long the token lives, 1..60 minutes (default ${DEFAULT-VALUE}).")
    int minutes;

    @Option(
        names = "--chain-id",
        description = "The chain the token is for (default: the chain of the node at --api).")
    String chainId;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (minutes < 1 || minutes > ApiToken.MAX_LIFETIME.toMinutes()) {
        throw new CliException("--minutes must be 1.." + ApiToken.MAX_LIFETIME.toMinutes());
      }
      // asked without any token: a stale JING_TOKEN must not stop making a new one
      String chain = chainId != null ? chainId : new JingClient(api.api).status().chainId();
      KeyPair k = Keys.load(key, passwordFile);
      String token = BearerTokens.mint(k, chain, Duration.ofMinutes(minutes));
      api.print(
          spec.commandLine().getOut(),
          Map.of("token", token, "account", k.address().toString(), "chain", chain),
          token);
      return 0;
    }
  }

  @Command(
      name = "show",
      description =
          "Show who may read each family of the node's routes, and who your token says you are.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Access a = api.client().access();
      StringBuilder b = new StringBuilder();
      b.append(String.format("%-10s %s%n", "caller", caller(a.caller())));
      b.append(String.format("%-10s %d%n", "height", a.height()));
      a.families().forEach((family, rule) -> b.append(String.format("%-10s %s%n", family, rule)));
      api.print(spec.commandLine().getOut(), a, b.toString().stripTrailing());
      return 0;
    }

    private static String caller(Access.Caller c) {
      if (c == null) {
        return "anonymous (no token)";
      }
      return c.account()
          + (c.org() == null
              ? " (no role on this chain)"
              : " " + c.org() + " " + String.join(",", c.roles()));
    }
  }
}
