package org.jingchain.xchain;

import java.util.List;
import java.util.Optional;
import org.jingchain.execution.SystemContract;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Resources;
import org.jingchain.service.api.Route;

/**
 * Cross-chain as a platform service (docs/spec/xchain.md): the {@code xchain} contract, the {@code
 * /api/v1/xchain} routes relayers and wallets read, and the console's cross-chain page.
 */
public final class XchainService implements PlatformService {
  @Override
  public String name() {
    return "xchain";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(new XchainContract(chain.suite().id(), chain.suite()));
  }

  @Override
  public NodePart start(NodeContext node) {
    XchainApi api =
        new XchainApi(
            node.reads(),
            node.latest(),
            () ->
                node.reads()
                    .header(node.reads().headHeight())
                    .map(h -> h.timestampMillis())
                    .orElse(0L));
    return new NodePart() {
      @Override
      public List<Route> routes() {
        return api.routes();
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(Resources.text(XchainService.class, "openapi.json"));
      }

      @Override
      public Optional<String> consoleScript() {
        return Optional.of(Resources.text(XchainService.class, "console.js"));
      }
    };
  }
}
