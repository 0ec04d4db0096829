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

  /**
   * How much: {@code --amount} in the token's smallest unit (a whole number, as the chain counts),
   * or {@code --value} in whole tokens by the token's decimals (1.5 of a 2-decimal token is 150).
   * The two never mix: a decimal point in {@code --amount} is refused with the {@code --value} that
   * was meant, so "1" never silently means a hundredth of "1.0".
   */
  static final class Amount {
    @Option(
        names = "--amount",
        paramLabel = "UNITS",
        description =
            "In the token's smallest unit: a whole number (150 of a 2-decimal token is 1.50).")
    String units;

    @Option(
        names = "--value",
        paramLabel = "TOKENS",
        description =
            "In whole tokens by the token's decimals: 1.5 of a 2-decimal token is 150 units.")
    String value;

    /** The amount in the smallest unit, checked against {@code symbol}'s decimals when needed. */
    long resolve(ApiOptions api, String symbol) {
      if (units != null) {
        try {
          long n = Long.parseLong(units);
          if (n <= 0) {
            throw new CliException("--amount must be at least 1 (the smallest unit)");
          }
          return n;
        } catch (NumberFormatException e) {
          String hint = "";
          try {
            new java.math.BigDecimal(units);
            int decimals = api.client().token(symbol).decimals();
            hint =
                "; for "
                    + units
                    + " "
                    + symbol
                    + " give --value "
                    + units
                    + " ("
                    + symbol
                    + " has "
                    + decimals
                    + " decimals)";
          } catch (NumberFormatException | org.jingchain.sdk.JingApiException notANumber) {
            // no hint
          }
          throw new CliException(
              "--amount is in the token's smallest unit, a whole number, not '"
                  + units
                  + "'"
                  + hint);
        }
      }
      java.math.BigDecimal v;
      try {
        v = new java.math.BigDecimal(value);
      } catch (NumberFormatException e) {
        throw new CliException("--value must be a number of tokens, like 1.5, not '" + value + "'");
      }
      int decimals = api.client().token(symbol).decimals();
      java.math.BigDecimal inUnits = v.movePointRight(decimals);
      if (inUnits.signum() <= 0) {
        throw new CliException("--value must be more than 0");
      }
      try {
        return inUnits.longValueExact();
      } catch (ArithmeticException e) {
        throw new CliException(
            inUnits.stripTrailingZeros().scale() > 0
                ? "--value " + value + " has more decimals than " + symbol + "'s " + decimals
                : "--value " + value + " is too large");
      }
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

    @ArgGroup(exclusive = true, multiplicity = "1")
    Amount amount;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      requireToken(tx.api, symbol);
      return tx.send(
          AssetCalls.mint(symbol, address(to), amount.resolve(tx.api, symbol)),
          spec.commandLine().getOut());
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

    @ArgGroup(exclusive = true, multiplicity = "1")
    Amount amount;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      requireToken(tx.api, symbol);
      return tx.send(
          AssetCalls.transfer(symbol, address(to), amount.resolve(tx.api, symbol)),
          spec.commandLine().getOut());
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

    @Option(
        names = "--caught-up-with",
        paramLabel = "URL",
        converter = NodeUrl.class,
        description =
            "Read once this node has committed every block the node at URL had when asked (up to"
                + " 60 s): a transaction another validator just committed is then in the answer.")
    String caughtUpWith;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      if (caughtUpWith != null) {
        awaitCaughtUp(api.client(), new org.jingchain.sdk.JingClient(caughtUpWith), 60);
      }
      Balances b = api.client().balances(who.resolve());
      if (trust.given()) {
        return certified(b);
      }
      StringBuilder sb = new StringBuilder("account " + b.address());
      if (b.balances().isEmpty()) {
        sb.append("\n(no balances)");
      }
      for (Balances.Balance x : b.balances()) {
        int decimals;
        try {
          decimals = api.client().token(x.symbol()).decimals();
        } catch (org.jingchain.sdk.JingApiException e) {
          decimals = 0; // no token record to say: units only
        }
        sb.append('\n').append(line(x.symbol(), x.amount(), decimals));
      }
      api.print(spec.commandLine().getOut(), b, sb.toString());
      return 0;
    }

    /** Waits until {@code node} has committed the height {@code other} has now. */
    static void awaitCaughtUp(
        org.jingchain.sdk.JingClient node, org.jingchain.sdk.JingClient other, int seconds)
        throws InterruptedException {
      long target = other.status().height();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
      long at = -1;
      while (true) {
        try {
          at = node.status().height();
        } catch (org.jingchain.sdk.JingApiException e) {
          // a node restarting or busy: asked again until the deadline
        }
        if (at >= target) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new CliException(
              (at < 0 ? "the node did not answer" : "the node is at height " + at)
                  + ", behind "
                  + target
                  + " after "
                  + seconds
                  + " s");
        }
        Thread.sleep(100);
      }
    }

    /**
     * "CNY 2500 (25.00 CNY)": the amount in the smallest unit, as the chain and --amount count it,
     * then in whole tokens by the token's decimals, as --value takes them; units alone when the
     * token has none.
     */
    static String line(String symbol, long units, int decimals) {
      return symbol
          + " "
          + units
          + (decimals == 0
              ? ""
              : " ("
                  + java.math.BigDecimal.valueOf(units, decimals).toPlainString()
                  + " "
                  + symbol
                  + ")");
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
      java.util.List<Integer> decimals = new java.util.ArrayList<>();
      org.jingchain.execution.StateReader state = k -> TrustOptions.read(client, pinned, k).value();
      for (Balances.Balance x : listed.balances()) {
        decimals.add(
            org.jingchain.asset.AssetContract.token(state, x.symbol())
                .map(t -> t.decimals())
                .orElse(0));
        org.jingchain.sdk.CertifiedState r =
            TrustOptions.read(
                client,
                pinned,
                org.jingchain.types.Bytes.wrap(
                    org.jingchain.asset.AssetContract.balanceKey(owner, x.symbol())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        long amount =
            r.value().map(v -> java.nio.ByteBuffer.wrap(v.unsafeArray()).getLong()).orElse(0L);
        proven.add(new Balances.Balance(x.symbol(), amount));
      }
      String by = pinned.certifiedBy(trust.genesis);
      StringBuilder sb = new StringBuilder("account " + listed.address());
      if (proven.isEmpty()) {
        sb.append("\n(no balances)");
      }
      for (int i = 0; i < proven.size(); i++) {
        Balances.Balance x = proven.get(i);
        sb.append('\n').append(line(x.symbol(), x.amount(), decimals.get(i)));
      }
      sb.append("\nverified ")
          .append(by)
          .append(", each balance and token's decimals by its Merkle proof");
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
