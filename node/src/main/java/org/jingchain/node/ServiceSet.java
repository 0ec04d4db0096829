package org.jingchain.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxRules;
import org.jingchain.service.ChainRules;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Precheck;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * The platform services a chain runs, composed: one executor over all their contracts and
 * transaction rules, the state of height 0, the chain rules, the admission pre-checks. Order is the
 * registration order, and it matters only where services overlap (the first refusal of a
 * transaction rule wins), so every node of a chain must run the same list.
 */
public final class ServiceSet {
  private final List<PlatformService> services;
  private final ChainSetup chain;
  private final ChainRules chainRules;
  private final TxRules txRules;
  private final List<Precheck> prechecks;

  /**
   * @throws IllegalArgumentException when two services share a name, a name is malformed, or not
   *     exactly one service provides the chain rules
   */
  public ServiceSet(List<PlatformService> services, ChainSetup chain) {
    this.services = List.copyOf(services);
    this.chain = chain;
    Set<String> names = new HashSet<>();
    List<ChainRules> rules = new ArrayList<>();
    for (PlatformService s : this.services) {
      if (!s.name().matches("[a-z][a-z0-9-]{0,31}")) {
        throw new IllegalArgumentException(
            "service name '" + s.name() + "' must be 1..32 of a-z, 0-9 and '-'");
      }
      if (s.name().equals(org.jingchain.service.api.ReadRule.ALWAYS_PUBLIC)
          || s.name().equals("chain")) {
        // its routes would join the always-public family or the ledger's (api-access.md [ACC-2])
        throw new IllegalArgumentException("service name '" + s.name() + "' is reserved");
      }
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("two services are named " + s.name());
      }
      s.chainRules().ifPresent(rules::add);
    }
    if (rules.size() != 1) {
      throw new IllegalArgumentException(
          "exactly one service must provide the chain rules (validators, limits); "
              + rules.size()
              + " of "
              + names
              + " do");
    }
    this.chainRules = rules.getFirst();
    this.txRules = TxRules.all(this.services.stream().map(PlatformService::txRules).toList());
    this.prechecks = this.services.stream().map(PlatformService::precheck).toList();
  }

  public List<PlatformService> services() {
    return services;
  }

  public ChainSetup chain() {
    return chain;
  }

  public ChainRules chainRules() {
    return chainRules;
  }

  public TxRules txRules() {
    return txRules;
  }

  /** An executor over every service's contracts and transaction rules. */
  public BlockExecutor executor() {
    List<SystemContract> contracts = new ArrayList<>();
    for (PlatformService s : services) {
      contracts.addAll(s.contracts(chain));
    }
    return new BlockExecutor(
        chain.chainId(), chain.suite().id(), chain.suite(), contracts, txRules);
  }

  /**
   * The state of height 0: every service's genesis writes.
   *
   * @throws IllegalArgumentException when the genesis contradicts itself or two services write one
   *     key
   */
  public SortedMap<Bytes, Optional<Bytes>> genesisState() {
    SortedMap<Bytes, Optional<Bytes>> all = new TreeMap<>();
    for (PlatformService s : services) {
      for (var e : s.genesisState(chain).entrySet()) {
        if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
          throw new IllegalArgumentException(
              "two services write genesis key " + e.getKey().toHex() + " (" + s.name() + ")");
        }
      }
    }
    return all;
  }

  /** Runs every service's admission pre-check on {@code calls}. */
  /** The gas {@code call} declares, by the service whose contract it calls (0 if unmetered). */
  public long declaredGas(Call call) {
    long g = 0;
    for (PlatformService s : services) {
      g = Math.max(g, s.declaredGas(call));
    }
    return g;
  }

  public void precheck(List<Call> calls) {
    if (calls.isEmpty()) {
      return;
    }
    for (Precheck p : prechecks) {
      p.warm(calls);
    }
  }
}
