package org.jingchain.asset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingchain.execution.SystemContract;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Resources;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ApiParams;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;

/**
 * Tokens and collectibles as a platform service: the asset contract, the balance, token and
 * collectible routes, and the console's balances panel and collectible page.
 */
public final class AssetService implements PlatformService {
  private static final String PREFIX = "/api/v1";
  private static final int MAX_BALANCES = 1000;

  @Override
  public String name() {
    return "asset";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(new AssetContract(chain.suite().id()));
  }

  @Override
  public NodePart start(NodeContext node) {
    return new NodePart() {
      @Override
      public List<Route> routes() {
        return List.of(
            new Route("GET", PREFIX + "/accounts/{address}/balances", r -> balances(node, r)),
            new Route("GET", PREFIX + "/assets/{symbol}", r -> token(node, r)),
            new Route("GET", PREFIX + "/nfts/{id}", r -> nft(node, r)));
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(Resources.text(AssetService.class, "openapi.json"));
      }

      @Override
      public Optional<String> consoleScript() {
        return Optional.of(Resources.text(AssetService.class, "console.js"));
      }
    };
  }

  /** One balance of an account. */
  public record Balance(String symbol, long amount) {}

  /** {@code GET /accounts/{address}/balances}. */
  public record Balances(String address, List<Balance> balances) {}

  /** {@code GET /assets/{symbol}}. */
  public record Token(String symbol, String name, String issuer, int decimals, long supply) {}

  /** {@code GET /nfts/{id}}. */
  public record Nft(String id, String owner, String creator, String digest) {}

  private static Response balances(NodeContext node, Request req) throws ApiException {
    Address a = ApiParams.address(req.path("address"));
    String prefix = AssetContract.balancePrefix(a);
    List<Balance> out = new ArrayList<>();
    for (var e :
        node.reads()
            .scanLatest(Bytes.wrap(prefix.getBytes(StandardCharsets.UTF_8)), MAX_BALANCES)) {
      String symbol =
          new String(e.getKey().unsafeArray(), StandardCharsets.UTF_8).substring(prefix.length());
      out.add(new Balance(symbol, ByteBuffer.wrap(e.getValue().unsafeArray()).getLong()));
    }
    return Response.ok(new Balances(a.toString(), out));
  }

  private static Response token(NodeContext node, Request req) throws ApiException {
    String symbol = req.path("symbol");
    var t =
        AssetContract.token(node.latest(), symbol)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no token " + symbol));
    return Response.ok(
        new Token(t.symbol(), t.name(), t.issuer().toString(), t.decimals(), t.supply()));
  }

  private static Response nft(NodeContext node, Request req) throws ApiException {
    String id = req.path("id");
    var n =
        AssetContract.nft(node.latest(), id)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no collectible " + id));
    return Response.ok(
        new Nft(n.id(), n.owner().toString(), n.creator().toString(), n.digest().toHex()));
  }
}
