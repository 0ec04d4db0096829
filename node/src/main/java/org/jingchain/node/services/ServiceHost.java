package org.jingchain.node.services;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jingchain.execution.StateReader;
import org.jingchain.node.Chain;
import org.jingchain.node.ServiceSet;
import org.jingchain.node.metrics.NodeMetrics;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.CommittedBlock;
import org.jingchain.service.IndexHandle;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.ServiceMetrics;
import org.jingchain.service.StateIndex;
import org.jingchain.service.StateReads;
import org.jingchain.service.api.Route;

/**
 * Starts each platform service's node part with a {@link NodeContext} of its own, and holds what
 * they contributed: routes, OpenAPI documents, console scripts, indexes. Closes them in reverse.
 */
public final class ServiceHost implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ServiceHost.class.getName());

  private final Map<String, NodePart> parts = new LinkedHashMap<>();
  private final List<IndexRunner> indexes = new ArrayList<>();

  /** Starts every service of {@code services}; if one fails, those started are closed. */
  public ServiceHost(ServiceSet services, Chain chain, Path dataDir, NodeMetrics metrics) {
    this(services, chain, dataDir, metrics, null);
  }

  /**
   * As {@link #ServiceHost(ServiceSet, Chain, Path, NodeMetrics)}, handing services the node's key
   * when it is in memory ({@code null} for a key in a PKCS#11 token).
   */
  public ServiceHost(
      ServiceSet services,
      Chain chain,
      Path dataDir,
      NodeMetrics metrics,
      org.jingchain.crypto.KeyPair nodeKey) {
    ChainReads reads = new ChainReads(chain);
    try {
      for (PlatformService s : services.services()) {
        parts.put(
            s.name(),
            s.start(
                new Context(s.name(), services.chain(), chain, reads, dataDir, metrics, nodeKey)));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Every service's routes, in registration order; a route that names no family is in its service's
   * (docs/spec/api-access.md [ACC-2]).
   */
  public List<Route> routes() {
    List<Route> out = new ArrayList<>();
    parts.forEach((name, p) -> p.routes().forEach(r -> out.add(r.inFamily(name))));
    return out;
  }

  /** Every service's OpenAPI document, by service name. */
  public Map<String, String> openApi() {
    Map<String, String> out = new LinkedHashMap<>();
    parts.forEach((name, p) -> p.openApi().ifPresent(doc -> out.put(name, doc)));
    return out;
  }

  /** Every service's console script, by service name, in registration order. */
  public Map<String, String> consoleScripts() {
    Map<String, String> out = new LinkedHashMap<>();
    parts.forEach((name, p) -> p.consoleScript().ifPresent(js -> out.put(name, js)));
    return out;
  }

  @Override
  public void close() {
    List<String> names = new ArrayList<>(parts.keySet());
    for (int i = names.size() - 1; i >= 0; i--) {
      try {
        parts.get(names.get(i)).close();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "service " + names.get(i) + " failed to stop", e);
      }
    }
    for (int i = indexes.size() - 1; i >= 0; i--) {
      indexes.get(i).close();
    }
  }

  /** What one service sees of the node. */
  private final class Context implements NodeContext {
    private final String name;
    private final ChainSetup setup;
    private final Chain chain;
    private final StateReads reads;
    private final Path dataDir;
    private final ServiceMetrics metrics;
    private final org.jingchain.crypto.KeyPair nodeKey;

    Context(
        String name,
        ChainSetup setup,
        Chain chain,
        StateReads reads,
        Path dataDir,
        NodeMetrics metrics,
        org.jingchain.crypto.KeyPair nodeKey) {
      this.nodeKey = nodeKey;
      this.name = name;
      this.setup = setup;
      this.chain = chain;
      this.reads = reads;
      this.dataDir = dataDir;
      this.metrics = metrics.forService(name);
    }

    @Override
    public ChainSetup chain() {
      return setup;
    }

    @Override
    public java.util.Optional<org.jingchain.crypto.KeyPair> nodeKey() {
      return java.util.Optional.ofNullable(nodeKey);
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
      return dataDir;
    }

    @Override
    public IndexHandle index(StateIndex index) {
      IndexRunner runner =
          new IndexRunner(name, index, chain.store()::latest, () -> chain.head().height());
      indexes.add(runner);
      chain.addListener(runner::committed);
      return runner;
    }

    @Override
    public void onCommit(Consumer<CommittedBlock> listener) {
      chain.addListener(listener);
    }

    @Override
    public ServiceMetrics metrics() {
      return metrics;
    }
  }
}
