package org.jingchain.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.SystemContract;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Resources;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;
import org.jingchain.types.Address;

/**
 * Confidential tokens as a platform service: the {@code ctoken} system contract, the routes that
 * read tokens, keys, encrypted balances and the transfer log, and the console's view
 * (docs/spec/privacy.md section 5, docs/privacy.md).
 */
public final class CtokenService implements PlatformService {
  private static final String PREFIX = "/api/v1/ctoken";

  @Override
  public String name() {
    return "ctoken";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(
        new CtokenContract(EcGroup.of(chain.suite().id(), chain.suite()), chain.chainId()));
  }

  /** A call's declared gas for its curve work ([PRIV-18]). */
  @Override
  public long declaredGas(org.jingchain.types.Call call) {
    return CtokenCalls.CONTRACT.equals(call.contract()) ? CtokenCalls.gas(call) : 0;
  }

  @Override
  public NodePart start(NodeContext node) {
    return new NodePart() {
      @Override
      public List<Route> routes() {
        return List.of(
            new Route("GET", PREFIX + "/tokens/{symbol}", r -> Response.ok(token(node, r))),
            new Route(
                "GET", PREFIX + "/tokens/{symbol}/transfers", r -> Response.ok(transfers(node, r))),
            new Route("GET", PREFIX + "/keys/{address}", r -> Response.ok(key(node, r))),
            new Route(
                "GET",
                PREFIX + "/balances/{symbol}/{address}",
                r -> Response.ok(balance(node, r))));
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(Resources.text(CtokenService.class, "ctoken-openapi.json"));
      }

      @Override
      public Optional<String> consoleScript() {
        return Optional.of(Resources.text(CtokenService.class, "ctoken-console.js"));
      }
    };
  }

  /** {@code GET /ctoken/tokens/{symbol}}: the supply is public, balances and amounts are not. */
  public record TokenView(
      String symbol, String issuer, int decimals, String auditor, long supply, long transfers) {}

  /** {@code GET /ctoken/keys/{address}}: the account's encryption key P, hex. */
  public record KeyView(String address, String key) {}

  /**
   * {@code GET /ctoken/balances/{symbol}/{address}}: the available balance's ciphertext (C, D) and
   * version, and the pending balance's (PC, PD), hex; only the account's key opens them.
   */
  public record BalanceView(
      String symbol, String address, String c, String d, long version, String pc, String pd) {
    public CtokenState.Balance toBalance() {
      return new CtokenState.Balance(
          org.jingchain.types.Bytes.fromHex(c),
          org.jingchain.types.Bytes.fromHex(d),
          version,
          org.jingchain.types.Bytes.fromHex(pc),
          org.jingchain.types.Bytes.fromHex(pd));
    }
  }

  /** One transfer: the amount's commitment and the auditor's handle, hex; never the amount. */
  public record TransferView(
      long seq, String from, String to, String amount, String auditorHandle, long height) {}

  /** {@code GET /ctoken/tokens/{symbol}/transfers?from=&limit=}: oldest first. */
  public record TransferPage(long count, List<TransferView> items, long next) {}

  private static String symbol(Request r) throws ApiException {
    String s = r.path("symbol");
    if (!CtokenCalls.SYMBOL.matcher(s).matches()) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "a symbol is 1 to 16 upper-case letters and digits");
    }
    return s;
  }

  private static Address address(Request r) throws ApiException {
    try {
      return Address.parse(r.path("address"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "address: " + e.getMessage());
    }
  }

  private static CtokenState.Token found(StateReader s, String symbol) throws ApiException {
    return CtokenState.token(s, symbol)
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no token " + symbol));
  }

  private static TokenView token(NodeContext node, Request r) throws ApiException {
    CtokenState.Token t = found(node.latest(), symbol(r));
    return new TokenView(
        t.symbol(),
        t.issuer().toString(),
        t.decimals(),
        t.auditor().toString(),
        t.supply(),
        t.transfers());
  }

  private static KeyView key(NodeContext node, Request r) throws ApiException {
    Address a = address(r);
    return CtokenState.key(node.latest(), a)
        .map(k -> new KeyView(a.toString(), k.toHex()))
        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, a + " has registered no key"));
  }

  private static BalanceView balance(NodeContext node, Request r) throws ApiException {
    String symbol = symbol(r);
    Address a = address(r);
    StateReader s = node.latest();
    found(s, symbol);
    EcGroup g = EcGroup.of(node.chain().suite().id(), node.chain().suite());
    CtokenState.Balance b = CtokenState.balance(s, g, symbol, a);
    return new BalanceView(
        symbol,
        a.toString(),
        b.c().toHex(),
        b.d().toHex(),
        b.version(),
        b.pc().toHex(),
        b.pd().toHex());
  }

  private static TransferPage transfers(NodeContext node, Request r) throws ApiException {
    String symbol = symbol(r);
    long from;
    int limit;
    try {
      from = Long.parseLong(r.query("from").orElse("0"));
      limit = Integer.parseInt(r.query("limit").orElse("100"));
    } catch (NumberFormatException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "from and limit are numbers");
    }
    if (from < 0 || limit < 1 || limit > 1000) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "from >= 0 and limit 1..1000");
    }
    StateReader s = node.latest();
    CtokenState.Token t = found(s, symbol);
    List<TransferView> items = new ArrayList<>();
    long seq = from;
    for (; seq < t.transfers() && items.size() < limit; seq++) {
      CtokenState.transfer(s, symbol, seq)
          .ifPresent(
              x ->
                  items.add(
                      new TransferView(
                          x.seq(),
                          x.from().toString(),
                          x.to().toString(),
                          x.amount().toHex(),
                          x.auditorHandle().toHex(),
                          x.height())));
    }
    return new TransferPage(t.transfers(), items, seq);
  }
}
