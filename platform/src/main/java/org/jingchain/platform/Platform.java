package org.jingchain.platform;

import java.util.List;
import org.jingchain.asset.AssetService;
import org.jingchain.contracts.ContractsService;
import org.jingchain.datadir.service.DatadirService;
import org.jingchain.gov.GovernanceService;
import org.jingchain.identity.IdentityService;
import org.jingchain.privacy.AggregateService;
import org.jingchain.privacy.CtokenService;
import org.jingchain.privacy.PgroupService;
import org.jingchain.service.PlatformService;
import org.jingchain.store.StoreService;
import org.jingchain.xchain.XchainService;

/**
 * The platform services a Jingchain node runs, in registration order. Every node of a chain must
 * run the same list: the services' contracts and transaction rules are part of consensus. A new
 * service is a module of its own and one line here (docs/architecture.md, decision 0016).
 */
public final class Platform {
  private Platform() {}

  /** A fresh instance of every service. */
  public static List<PlatformService> services() {
    return List.of(
        new GovernanceService(),
        new AssetService(),
        new IdentityService(),
        new DatadirService(),
        new XchainService(),
        new ContractsService(),
        new StoreService(),
        new AggregateService(),
        new CtokenService(),
        new PgroupService());
  }
}
