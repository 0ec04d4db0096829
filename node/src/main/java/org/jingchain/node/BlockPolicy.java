package org.jingchain.node;

import java.util.Optional;
import org.jingchain.codec.Canonical;
import org.jingchain.execution.StateReader;
import org.jingchain.service.ChainRules;
import org.jingchain.types.Block;
import org.jingchain.types.Transaction;

/**
 * The one block-limits policy (docs/spec/governance.md [GOV-12]): the limits governance set in the
 * state a block builds on — its parent's — apply to builders and voters alike; where governance set
 * none, a builder keeps to its own configuration and a voter to the protocol's caps. Mempool limits
 * follow the committed head.
 */
public final class BlockPolicy {
  /** The protocol's cap on a block's encoded transactions when governance set none. */
  public static final long MAX_BLOCK_BYTES = 64L * 1024 * 1024;

  /**
   * What a block may hold and when a builder makes it.
   *
   * @param intervalMillis least time between a block and its parent
   * @param emptyIntervalMillis how long a leader waits before it builds an empty block
   */
  public record Limits(long intervalMillis, long emptyIntervalMillis, int maxTxs, long maxBytes) {}

  /** The mempool's bounds. */
  public record MempoolLimits(int maxTxs, long maxBytes) {}

  /**
   * The protocol's cap on the gas a block's transactions declare together ([GOV-12]), unless the
   * block carries a single transaction: it bounds the work of executing a block. Governance may
   * raise it with {@code block.maxGas}.
   */
  public static final long MAX_BLOCK_GAS = 30_000_000;

  private final ChainRules rules;
  private final java.util.function.ToLongFunction<org.jingchain.types.Call> declaredGas;
  private final Limits configured;
  private final MempoolLimits configuredMempool;

  /**
   * @param configured this node's own block limits (its configuration)
   * @param configuredMempool this node's own mempool limits
   */
  public BlockPolicy(ChainRules rules, Limits configured, MempoolLimits configuredMempool) {
    this(rules, c -> 0, configured, configuredMempool);
  }

  /**
   * @param declaredGas the gas a call declares (the services' {@code declaredGas})
   */
  public BlockPolicy(
      ChainRules rules,
      java.util.function.ToLongFunction<org.jingchain.types.Call> declaredGas,
      Limits configured,
      MempoolLimits configuredMempool) {
    this.rules = rules;
    this.declaredGas = declaredGas;
    this.configured = configured;
    this.configuredMempool = configuredMempool;
  }

  /** The gas {@code tx} declares (its contract call's gas limit; 0 for unmetered calls). */
  public long gasOf(Transaction tx) {
    return declaredGas.applyAsLong(tx.body().call());
  }

  /**
   * The most gas a block built on {@code parent} may declare (beyond a single transaction): the
   * chain's {@code block.maxGas}, else the protocol's cap.
   */
  public long maxGas(StateReader parent) {
    return rules.parameters(parent).blockMaxGas().orElse(MAX_BLOCK_GAS);
  }

  /** The limits for building on {@code parent}: governance's where set, within this node's own. */
  public Limits forBuilding(StateReader parent) {
    ChainRules.Parameters p = rules.parameters(parent);
    return new Limits(
        p.blockIntervalMillis().orElse(configured.intervalMillis()),
        configured.emptyIntervalMillis(),
        (int) Math.min(configured.maxTxs(), p.blockMaxTxs().orElse(Long.MAX_VALUE)),
        Math.min(configured.maxBytes(), p.blockMaxBytes().orElse(Long.MAX_VALUE)));
  }

  /**
   * A voter's check of a proposal on {@code parent}: at most governance's {@code block.maxTxs}
   * transactions (the protocol's cap where unset), and at most its {@code block.maxBytes} of
   * encoded transactions unless the block carries a single one. Empty when within limits.
   */
  public Optional<String> check(Block block, StateReader parent) {
    ChainRules.Parameters p = rules.parameters(parent);
    int n = block.transactions().size();
    long maxTxs = p.blockMaxTxs().orElse(org.jingchain.types.Limits.MAX_BLOCK_TXS);
    if (n > maxTxs) {
      return Optional.of(
          "block carries "
              + n
              + " transactions; the chain's block.maxTxs is "
              + maxTxs
              + (p.blockMaxTxs().isPresent() ? "" : " (the protocol's cap)"));
    }
    if (n > 1) {
      long maxBytes = p.blockMaxBytes().orElse(MAX_BLOCK_BYTES);
      long bytes = 0;
      for (Transaction tx : block.transactions()) {
        bytes += Canonical.encode(tx).length;
      }
      if (bytes > maxBytes) {
        return Optional.of(
            "block carries "
                + bytes
                + " bytes of transactions; the chain's block.maxBytes is "
                + maxBytes
                + (p.blockMaxBytes().isPresent() ? "" : " (the protocol's cap)"));
      }
      long maxGas = maxGas(parent);
      long gas = 0;
      for (Transaction tx : block.transactions()) {
        gas += Math.min(gasOf(tx), maxGas + 1);
        if (gas > maxGas) {
          return Optional.of(
              "block's transactions declare more than "
                  + maxGas
                  + " gas, the most a block of several may declare");
        }
      }
    }
    return Optional.empty();
  }

  /** The mempool's limits after the committed head {@code head}. */
  public MempoolLimits mempool(StateReader head) {
    ChainRules.Parameters p = rules.parameters(head);
    return new MempoolLimits(
        (int) p.mempoolMaxTxs().orElse(configuredMempool.maxTxs()),
        p.mempoolMaxBytes().orElse(configuredMempool.maxBytes()));
  }
}
