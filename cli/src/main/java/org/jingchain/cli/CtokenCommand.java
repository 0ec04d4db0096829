package org.jingchain.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.CtokenCalls;
import org.jingchain.privacy.CtokenService.TokenView;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.ctoken.CtokenClient;
import org.jingchain.sdk.model.NodeStatus;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.types.Call;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing ctoken}: confidential tokens (docs/spec/privacy.md section 5, docs/privacy.md). */
@Command(
    name = "ctoken",
    description =
        "Confidential tokens: balances and amounts encrypted, every transfer checked by the"
            + " validators, opened by the parties and the token's auditor.",
    subcommands = {
      CtokenCommand.Register.class,
      CtokenCommand.Create.class,
      CtokenCommand.Mint.class,
      CtokenCommand.Transfer.class,
      CtokenCommand.Balance.class,
      CtokenCommand.Audit.class,
      CtokenCommand.Show.class
    })
final class CtokenCommand {
  private CtokenCommand() {}

  static CtokenClient client(JingClient c) {
    NodeStatus s = c.status();
    return new CtokenClient(c, s.chainId(), ApiOptions.suiteOf(s), new SecureRandom());
  }

  static TokenView token(JingClient c, String symbol) {
    try {
      return c.ctokenToken(symbol);
    } catch (JingApiException e) {
      if (e.httpStatus() == 404) {
        throw new CliException("no confidential token " + symbol);
      }
      throw e;
    }
  }

  /** Options of the commands that open with a key but send nothing. */
  static final class KeyOptions {
    @Mixin ApiOptions api;

    @Option(names = "--key", required = true, description = "The account's key file.")
    Path key;

    @Option(
        names = "--password-file",
        description = "File holding the key's password (else env JING_KEY_PASSWORD or a prompt).")
    Path passwordFile;
  }

  /** {@code jing ctoken register}. */
  @Command(
      name = "register",
      description =
          "Register the account's encryption key (derived from its key), once per chain, to hold"
              + " or audit confidential tokens.")
  static final class Register implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(
          client(tx.api.client()).wallet(tx.loadKey()).register(), spec.commandLine().getOut());
    }
  }

  /** {@code jing ctoken create}. */
  @Command(
      name = "create",
      description =
          "Create a confidential token; you become its issuer. The auditor opens every amount.")
  static final class Create implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--symbol", required = true, description = "Symbol: A-Z and 0-9, 1..16.")
    String symbol;

    @Option(
        names = "--decimals",
        defaultValue = "2",
        description = "Decimals (default ${DEFAULT-VALUE}).")
    int decimals;

    @Option(
        names = "--auditor",
        required = true,
        description = "The auditor's account (it must have registered its key).")
    String auditor;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(
          CtokenCalls.create(symbol, decimals, AssetCommand.address(auditor)),
          spec.commandLine().getOut());
    }
  }

  /** {@code jing ctoken mint}. */
  @Command(
      name = "mint",
      description = "As the issuer, mint a public amount into an account's encrypted balance.")
  static final class Mint implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--symbol", required = true, description = "Token symbol.")
    String symbol;

    @Option(names = "--to", required = true, description = "Receiving account (registered).")
    String to;

    @Option(
        names = "--amount",
        required = true,
        description = "Units to mint (the supply stays below 2^32).")
    long amount;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(
          CtokenCalls.mint(symbol, AssetCommand.address(to), amount), spec.commandLine().getOut());
    }
  }

  /** {@code jing ctoken transfer}. */
  @Command(
      name = "transfer",
      description =
          "Send a hidden amount: encrypted for you, the receiver and the auditor, with proofs"
              + " that it is positive and within your balance.")
  static final class Transfer implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--symbol", required = true, description = "Token symbol.")
    String symbol;

    @Option(names = "--to", required = true, description = "Receiving account (registered).")
    String to;

    @Option(names = "--amount", required = true, description = "Units to send.")
    long amount;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = tx.api.client();
      CtokenClient ct = client(c);
      KeyPair key = tx.loadKey();
      token(c, symbol);
      var receiver = AssetCommand.address(to);
      if (!ct.registered(receiver)) {
        throw new CliException(receiver + " has registered no key ('jing ctoken register')");
      }
      // Mints and incoming transfers wait in the pending balance: apply them first.
      if (ct.applyIfPending(key, symbol).isPresent()) {
        TxStatus applied = tx.sendQuietly(key, CtokenCalls.apply(symbol));
        if (!applied.receipt().succeeded()) {
          return tx.print(applied, spec.commandLine().getOut());
        }
        spec.commandLine()
            .getErr()
            .println("applied the pending balance (block " + applied.height() + ")");
      }
      // Another of our own transactions between building and committing moves our balance's
      // version: build again (a few times) rather than fail.
      for (int attempt = 1; ; attempt++) {
        Call call;
        try {
          call = ct.transfer(key, symbol, receiver, amount);
        } catch (IllegalArgumentException e) {
          throw new CliException(e.getMessage());
        }
        if (attempt == 3) {
          return tx.send(call, spec.commandLine().getOut());
        }
        TxStatus t = tx.sendQuietly(key, call);
        if (t.receipt().succeeded() || !"STALE_BALANCE".equals(t.receipt().code())) {
          return tx.print(t, spec.commandLine().getOut());
        }
        spec.commandLine().getErr().println("the balance moved while proving; proving again");
      }
    }
  }

  /** {@code jing ctoken balance}. */
  @Command(name = "balance", description = "Open your encrypted balance with your key.")
  static final class Balance implements Callable<Integer> {
    @Mixin KeyOptions opts;

    @Option(names = "--symbol", required = true, description = "Token symbol.")
    String symbol;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = opts.api.client();
      TokenView t = token(c, symbol);
      KeyPair key = Keys.load(opts.key, opts.passwordFile);
      CtokenClient ct = client(c);
      long units = ct.balance(key, symbol);
      long pending = ct.pending(key, symbol);
      opts.api.print(
          spec.commandLine().getOut(),
          java.util.Map.of(
              "symbol",
              symbol,
              "account",
              key.address().toString(),
              "balance",
              units,
              "pending",
              pending),
          String.format(
              "%s %s (%d units)%s",
              decimal(units + pending, t.decimals()),
              symbol,
              units + pending,
              pending == 0
                  ? ""
                  : String.format(
                      ", of which %s received and applied by your next transfer",
                      decimal(pending, t.decimals()))));
      return 0;
    }
  }

  static String decimal(long units, int decimals) {
    return new java.math.BigDecimal(units).movePointLeft(decimals).toPlainString();
  }

  /** {@code jing ctoken audit}. */
  @Command(
      name = "audit",
      description = "As the token's auditor, open the amount of every transfer.")
  static final class Audit implements Callable<Integer> {
    @Mixin KeyOptions opts;

    @Option(names = "--symbol", required = true, description = "Token symbol.")
    String symbol;

    @Option(
        names = "--from",
        defaultValue = "0",
        description = "First transfer number (default 0).")
    long from;

    @Option(
        names = "--limit",
        defaultValue = "100",
        description = "At most this many (default ${DEFAULT-VALUE}).")
    int limit;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = opts.api.client();
      TokenView t = token(c, symbol);
      KeyPair key = Keys.load(opts.key, opts.passwordFile);
      if (!key.address().toString().equals(t.auditor())) {
        throw new CliException(
            key.address() + " is not " + symbol + "'s auditor (" + t.auditor() + ")");
      }
      List<CtokenClient.Opened> rows = client(c).audit(key, symbol, from, limit);
      StringBuilder s = new StringBuilder();
      for (CtokenClient.Opened o : rows) {
        s.append(
            String.format(
                "%-5d %s -> %s  %s (block %d)%n",
                o.seq(),
                o.from(),
                o.to(),
                o.amount().isPresent()
                    ? decimal(o.amount().getAsLong(), t.decimals()) + " " + symbol
                    : "does not open with this key",
                o.height()));
      }
      if (rows.isEmpty()) {
        s.append("no transfers");
      }
      opts.api.print(spec.commandLine().getOut(), rows, s.toString().stripTrailing());
      return 0;
    }
  }

  /** {@code jing ctoken show}. */
  @Command(name = "show", description = "Show a confidential token's public facts.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--symbol", required = true, description = "Token symbol.")
    String symbol;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      TokenView t = token(api.client(), symbol);
      PrintWriter out = spec.commandLine().getOut();
      api.print(
          out,
          t,
          String.format(
              "token     %s (%d decimals)%nissuer    %s%nauditor   %s%nsupply    %s %s%ntransfers %d (amounts and balances encrypted)",
              t.symbol(),
              t.decimals(),
              t.issuer(),
              t.auditor(),
              decimal(t.supply(), t.decimals()),
              t.symbol(),
              t.transfers()));
      return 0;
    }
  }
}
