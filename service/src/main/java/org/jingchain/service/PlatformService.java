package org.jingchain.service;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxRules;
import org.jingchain.types.Bytes;

/**
 * One platform service (tokens, governance, identity, the data directory, …): everything it adds to
 * the chain and to a node, in one object. Execution-side contributions are deterministic and the
 * same on every node (they are part of consensus); node-side ones ({@link #start}) serve reads and
 * keep indexes. Adding a service is a new module and one line in the platform's service list.
 */
public interface PlatformService {
  /**
   * Its name: lower-case letters, digits and dashes, unique on a node; it names the service's
   * console script ({@code /console/services/<name>.js}) and prefixes its metrics.
   */
  String name();

  /** Its system contracts on {@code chain}. */
  List<SystemContract> contracts(ChainSetup chain);

  /** Rules every transaction passes before its call runs (governance's); none by default. */
  default TxRules txRules() {
    return TxRules.NONE;
  }

  /**
   * Its part of the state of height 0, from the genesis document.
   *
   * @throws IllegalArgumentException when the genesis contradicts itself, with the reason
   */
  default SortedMap<Bytes, Optional<Bytes>> genesisState(ChainSetup chain) {
    return new TreeMap<>();
  }

  /**
   * The chain's rules that consensus reads from state — the validator set and the block and mempool
   * limits. Exactly one service of a chain provides them (governance).
   */
  default Optional<ChainRules> chainRules() {
    return Optional.empty();
  }

  /**
   * The gas a call to one of its contracts declares it may use — its gas limit — counted against
   * the block's gas budget ([GOV-12]); 0 for calls that are not its own or not metered. Pure: it
   * reads only the call.
   */
  default long declaredGas(org.jingchain.types.Call call) {
    return 0;
  }

  /** Pure work on the admission threads for calls to its contracts; nothing by default. */
  default Precheck precheck() {
    return Precheck.NONE;
  }

  /**
   * Starts what it runs in a node: API routes, indexes of committed state, metrics, its console
   * view. Called once the chain is open; {@link NodePart#close} runs when the node stops.
   */
  default NodePart start(NodeContext node) {
    return NodePart.NONE;
  }
}
