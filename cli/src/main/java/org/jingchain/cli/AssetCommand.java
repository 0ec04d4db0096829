package org.jingchain.cli;

import java.util.concurrent.Callable;
import org.jingchain.asset.AssetCalls;
import org.jingchain.sdk.model.Balances;
import org.jingchain.sdk.model.Token;
import org.jingchain.types.Address;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing asset create|mint|transfer|balance|info}. */
@Command(
    name = "asset",
    description =
        "Fungible tokens: create (you become the issuer), mint (issuer only), transfer, balance.",
    subcommands = {
      AssetCommand.Create.class,
      AssetCommand.Mint.class,
      AssetCommand.Transfer.class,
      AssetCommand.Balance.class,
      AssetCommand.TokenInfo.class
    })
final class AssetCommand {
  private AssetCommand() {}

  static Address address(String s) {
    try {
      return Address.parse(s);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  /**
   * A token symbol as the chain takes it ({@link AssetCalls#SYMBOL}), checked before anything is
   * sent: {@code usd} is refused with the upper-case form to use.
   */
  static final class Symbol implements picocli.CommandLine.ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (AssetCalls.SYMBOL.matcher(value).matches()) {
        return value;
      }
      String upper = value.toUpperCase(java.util.Locale.ROOT);
      throw new picocli.CommandLine.TypeConversionException(
          "'"
              + value
              + "' is not a token symbol: 1 to 16 upper-case letters and digits, a letter first"
              + (AssetCalls.SYMBOL.matcher(upper).matches() ? " (" + upper + "?)" : ""));
    }
  }

  /** Refuses, before a transaction is signed, a symbol that names no token of this chain. */
  static void requireToken(ApiOptions api, String symbol) {
    try {
      api.client().token(symbol);
    } catch (org.jingchain.sdk.JingApiException e) {
      if (e.httpStatus() == 404) {
        throw new CliException(
            "no token " + symbol + " on this chain (jing asset create makes one)");
      }
      throw e;
    }
  }

  /** {@code jing asset create}. */
  @Command(name = "create", description = "Create a token; the key's account becomes its issuer.")
  static final class Create implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(
        names = "--symbol",
        required = true,
        converter = AssetCommand.Symbol.class,
        description = "Upper-case symbol, e.g. CNY.")
    String symbol;

    @Option(names = "--name", required = true, description = "Human-readable name.")
    String name;

    @Option(
        names = "--decimals",
        defaultValue = "0",
        description = "Display decimals, 0..18 (default ${DEFAULT-VALUE}).")
    int decimals;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return tx.send(AssetCalls.create(symbol, name, decimals), spec.commandLine().getOut());
    }
  }

  /** {@code jing asset mint}. */
  @Command(name = "mint", description = "Mint new units to an account (the token's issuer only).")
  static final class Mint implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(
        names = "--symbol",
        required = true,
        converter = AssetCommand.Symbol.class,
        description = "Token symbol.")
    String symbol;

    @Option(names = "--to", required = true, description = "Recipient address (ji… or js…).")
    String to;

    @Option(
        names = "--amount",
        required = true,
        description = "Whole units (smallest denomination).")
    long amount;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      requireToken(tx.api, symbol);
      return tx.send(AssetCalls.mint(symbol, address(to), amount), spec.commandLine().getOut());
    }
  }

  /** {@code jing asset transfer}. */
  @Command(name = "transfer", description = "Transfer units from the key's account.")
  static final class Transfer implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(
        names = "--symbol",
        required = true,
        converter = AssetCommand.Symbol.class,
        description = "Token symbol.")
    String symbol;

    @Option(names = "--to", required = true, description = "Recipient address.")
    String to;

    @Option(names = "--amount", required = true, description = "Whole units.")
    long amount;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      requireToken(tx.api, symbol);
      return tx.send(AssetCalls.transfer(symbol, address(to), amount), spec.commandLine().getOut());
    }
  }

  /** Who to look up: an address or a key file. */
  static final class Who {
    @Option(names = "--address", description = "Account address.")
    String address;

    @Option(names = "--key", description = "Key file (its address is used; no password needed).")
    java.nio.file.Path key;

    Address resolve() {
      if (address != null) {
        return address(address);
      }
      var pk = Keys.publicKey(key);
      return org.jingchain.crypto.CryptoSuites.of(pk.suite()).address(pk);
    }
  }

  /** {@code jing asset balance}. */
  @Command(name = "balance", description = "Show an account's token balances.")
  static final class Balance implements Callable<Integer> {
    @Mixin ApiOptions api;

    @ArgGroup(multiplicity = "1")
    Who who;

    @Mixin TrustOptions trust;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Balances b = api.client().balances(who.resolve());
      if (trust.given()) {
        return certified(b);
      }
      StringBuilder sb = new StringBuilder("account " + b.address());
      if (b.balances().isEmpty()) {
        sb.append("\n(no balances)");
      }
      for (Balances.Balance x : b.balances()) {
        sb.append('\n').append(x.symbol()).append(' ').append(x.amount());
      }
      api.print(spec.commandLine().getOut(), b, sb.toString());
      return 0;
    }

    /**
     * Each balance the node lists, read again at the newest certified block and proven against its
     * state root; the node still chooses which tokens to list.
     */
    private int certified(Balances listed) {
      var client = api.client();
      TrustOptions.Pinned pinned = trust.pin(client);
      Address owner = address(listed.address());
      java.util.List<Balances.Balance> proven = new java.util.ArrayList<>();
      for (Balances.Balance x : listed.balances()) {
        org.jingchain.sdk.CertifiedState r;
        try {
          r =
              client.readStateAt(
                  pinned.head(),
                  org.jingchain.asset.AssetContract.balanceKey(owner, x.symbol()),
                  pinned.light());
        } catch (org.jingchain.sdk.JingApiException e) {
          throw new CliException("not verified: " + e.getMessage() + " (" + e.code() + ")");
        }
        long amount =
            r.value().map(v -> java.nio.ByteBuffer.wrap(v.unsafeArray()).getLong()).orElse(0L);
        proven.add(new Balances.Balance(x.symbol(), amount));
      }
      String by = pinned.certifiedBy(trust.genesis);
      StringBuilder sb = new StringBuilder("account " + listed.address());
      if (proven.isEmpty()) {
        sb.append("\n(no balances)");
      }
      for (Balances.Balance x : proven) {
        sb.append('\n').append(x.symbol()).append(' ').append(x.amount());
      }
      sb.append("\nverified ").append(by).append(", each balance by its Merkle proof");
      var doc = ApiOptions.JSON.createObjectNode().put("address", listed.address());
      var arr = doc.putArray("balances");
      for (Balances.Balance x : proven) {
        arr.addObject().put("symbol", x.symbol()).put("amount", x.amount());
      }
      doc.put("height", pinned.head().height()).put("verified", by);
      api.print(spec.commandLine().getOut(), doc, sb.toString());
      return 0;
    }
  }

  /** {@code jing asset info}. */
  @Command(name = "info", description = "Show a token's issuer, decimals and supply.")
  static final class TokenInfo implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(
        names = "--symbol",
        required = true,
        converter = AssetCommand.Symbol.class,
        description = "Token symbol.")
    String symbol;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Token t = api.client().token(symbol);
      api.print(
          spec.commandLine().getOut(),
          t,
          String.format(
              "token    %s (%s)%nissuer   %s%ndecimals %d%nsupply   %d",
              t.symbol(), t.name(), t.issuer(), t.decimals(), t.supply()));
      return 0;
    }
  }
}
