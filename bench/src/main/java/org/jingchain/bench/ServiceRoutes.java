package org.jingchain.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.execution.StateReader;
import org.jingchain.node.Chain;
import org.jingchain.node.services.ChainReads;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.CommittedBlock;
import org.jingchain.service.Genesis;
import org.jingchain.service.IndexHandle;
import org.jingchain.service.NodeContext;
import org.jingchain.service.PlatformService;
import org.jingchain.service.ServiceMetrics;
import org.jingchain.service.StateIndex;
import org.jingchain.service.StateReads;
import org.jingchain.service.api.Route;

/**
 * A service's API routes over a chain the benchmark opened itself, without the rest of a node: the
 * handlers are the ones a node serves. Services that keep indexes are not supported here.
 */
final class ServiceRoutes {
  private ServiceRoutes() {}

  static List<Route> of(PlatformService service, Chain chain, Genesis genesis) {
    ChainSetup setup = new ChainSetup(genesis, CryptoSuites.of(genesis.suiteId()));
    ChainReads reads = new ChainReads(chain);
    return service
        .start(
            new NodeContext() {
              @Override
              public ChainSetup chain() {
                return setup;
              }

              @Override
              public StateReader latest() {
                return chain.store()::latest;
              }

              @Override
              public StateReads reads() {
                return reads;
              }

              @Override
              public Path dataDir() {
                throw new UnsupportedOperationException("no data directory in a benchmark");
              }

              @Override
              public IndexHandle index(StateIndex index) {
                throw new UnsupportedOperationException("no indexes in a benchmark");
              }

              @Override
              public void onCommit(Consumer<CommittedBlock> listener) {
                chain.addListener(listener);
              }

              @Override
              public ServiceMetrics metrics() {
                return ServiceMetrics.NONE;
              }
            })
        .routes();
  }
}
