package org.jingchain.xchain;

import java.util.List;
import java.util.Optional;
import org.jingchain.execution.SystemContract;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Resources;
import org.jingchain.service.ServiceMetrics;
import org.jingchain.service.api.Route;
import org.jingchain.types.Event;
import org.jingchain.types.Receipt;

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

  /** The service's counters, fed by committed blocks (docs/metrics.md). */
  static final class Counters {
    final ServiceMetrics.Counter sent;
    final ServiceMetrics.Counter received;
    final ServiceMetrics.Counter acknowledged;
    final ServiceMetrics.Counter timedOut;
    final ServiceMetrics.Counter updates;
    final ServiceMetrics.Counter noops;
    final ServiceMetrics.Counter frozen;

    Counters(ServiceMetrics m) {
      sent = m.counter("packets_sent", "Packets sent to other chains");
      received = m.counter("packets_received", "Packets from other chains received");
      acknowledged =
          m.counter("packets_acknowledged", "Sent packets settled by an acknowledgement");
      timedOut = m.counter("packets_timed_out", "Sent packets refunded after their timeout");
      updates = m.counter("client_updates", "Client updates and epoch changes accepted");
      noops = m.counter("relay_noops", "Relayed messages that were already done (racing relayers)");
      frozen = m.counter("clients_frozen", "Clients frozen on evidence of misbehaviour");
    }

    /** Counts one committed receipt's events; a relay's summary stands for its messages. */
    void count(List<Event> events) {
      Optional<Event> relayed =
          events.stream()
              .filter(e -> e.contract().equals(XchainContract.NAME) && e.type().equals("Relayed"))
              .findFirst();
      if (relayed.isPresent()) {
        Event r = relayed.get();
        received.increment(number(r, "received"));
        acknowledged.increment(number(r, "acknowledged"));
        timedOut.increment(number(r, "timedOut"));
        updates.increment(number(r, "updates"));
        noops.increment(number(r, "noops"));
      }
      for (Event e : events) {
        if (!e.contract().equals(XchainContract.NAME)) {
          continue;
        }
        switch (e.type()) {
          case "PacketSent" -> sent.increment();
          case "ClientFrozen" -> frozen.increment();
          default -> {
            if (relayed.isEmpty()) {
              switch (e.type()) {
                case "PacketReceived" -> received.increment();
                case "PacketAcknowledged" -> acknowledged.increment();
                case "PacketTimedOut" -> timedOut.increment();
                case "ClientUpdated", "EpochFollowed" -> updates.increment();
                case "PacketAlreadyReceived", "PacketAlreadySettled", "ClientAlreadyAtHeight" ->
                    noops.increment();
                default -> {}
              }
            }
          }
        }
      }
    }

    private static long number(Event e, String attribute) {
      return e.attribute(attribute).map(Long::parseLong).orElse(0L);
    }
  }

  @Override
  public NodePart start(NodeContext node) {
    Counters counters = new Counters(node.metrics());
    node.onCommit(
        block -> {
          for (Receipt r : block.receipts()) {
            counters.count(r.events());
          }
        });
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
