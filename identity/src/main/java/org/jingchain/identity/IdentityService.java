package org.jingchain.identity;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jingchain.execution.SystemContract;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Precheck;
import org.jingchain.service.Resources;
import org.jingchain.service.ServiceMetrics;
import org.jingchain.service.api.Route;
import org.jingchain.types.Address;
import org.jingchain.types.Event;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Receipt;

/**
 * Trusted identity as a platform service: the DID registry, status lists and trust registry
 * contracts, DID operations' key and signature checks ahead of execution, W3C DID Resolution at
 * {@code GET /api/v1/dids/{did}}, a count of committed DID operations, and the console's DID page.
 */
public final class IdentityService implements PlatformService {
  @Override
  public String name() {
    return "identity";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(
        new DidContract(chain.chainId(), chain.suite()),
        new StatusListContract(chain.chainId()),
        new TrustRegistryContract(registrars(chain)));
  }

  /** The genesis validators' accounts register schemas, as organisation admins do. */
  private static Set<Address> registrars(ChainSetup chain) {
    Set<Address> out = new HashSet<>();
    for (PublicKey k : chain.genesis().validatorKeys()) {
      out.add(Address.of(k, chain.suite()));
    }
    return out;
  }

  @Override
  public Precheck precheck() {
    return DidPrecheck::warmAll;
  }

  @Override
  public NodePart start(NodeContext node) {
    DidResolution resolution = new DidResolution(node.reads());
    ServiceMetrics.Counter operations =
        node.metrics()
            .counter(
                "did_operations",
                "DID operations committed (creations, updates, deactivations, recoveries)");
    node.onCommit(
        block -> {
          for (Receipt r : block.receipts()) {
            for (Event e : r.events()) {
              if (e.contract().equals(DidContract.NAME)) {
                operations.increment();
              }
            }
          }
        });
    return new NodePart() {
      @Override
      public List<Route> routes() {
        return List.of(new Route("GET", "/api/v1/dids/{did}", resolution::resolve));
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(Resources.text(IdentityService.class, "openapi.json"));
      }

      @Override
      public Optional<String> consoleScript() {
        return Optional.of(Resources.text(IdentityService.class, "console.js"));
      }
    };
  }
}
