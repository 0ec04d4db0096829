package org.jingchain.datadir.service;

import java.util.List;
import java.util.Optional;
import org.jingchain.datadir.DatadirContract;
import org.jingchain.datadir.search.CatalogueIndex;
import org.jingchain.execution.SystemContract;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.IndexHandle;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Resources;
import org.jingchain.service.api.Route;

/**
 * The data directory as a platform service (docs/spec/datadir.md): the catalogue, consent and
 * access contract; the catalogue search index in {@code <data dir>/search}, kept from committed
 * blocks; the {@code /api/v1/datadir} routes; and the console's catalogue and lineage pages.
 */
public final class DatadirService implements PlatformService {
  /** How long a search waits for the index to apply the committed head (then answers anyway). */
  static final long SEARCH_WAIT_MILLIS = 5_000;

  @Override
  public String name() {
    return "datadir";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(new DatadirContract(chain.suite().id(), chain.suite()));
  }

  @Override
  public NodePart start(NodeContext node) {
    CatalogueIndex catalogue = CatalogueIndex.open(node.dataDir().resolve("search"));
    IndexHandle progress = node.index(new CatalogueStateIndex(catalogue));
    node.metrics()
        .gauge(
            "catalogue_lag_blocks",
            "committed blocks the catalogue search index has not applied yet",
            () -> Math.max(0, node.reads().headHeight() - progress.appliedHeight()));
    DatadirApi api =
        new DatadirApi(
            node.latest(),
            catalogue,
            key -> node.reads().read(key, node.reads().headHeight(), true),
            () -> progress.awaitHead(SEARCH_WAIT_MILLIS));
    return new NodePart() {
      @Override
      public List<Route> routes() {
        return api.routes();
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(Resources.text(DatadirService.class, "openapi.json"));
      }

      @Override
      public Optional<String> consoleScript() {
        return Optional.of(Resources.text(DatadirService.class, "console.js"));
      }
    };
  }
}
