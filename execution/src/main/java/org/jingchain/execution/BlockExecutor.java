package org.jingchain.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;

/**
 * Executes a block's transactions in order over a state snapshot, deterministically. Signatures are
 * not checked here: every node verifies a transaction once, at admission (see
 * docs/spec/execution.md). A transaction whose chain, suite, nonce or expiry does not hold when it
 * executes gets a failed receipt and consumes no nonce; any other failure consumes the nonce and
 * discards the call's writes.
 */
public final class BlockExecutor {
  private final String chainId;
  private final SuiteId suite;
  private final HashFunction hash;
  private final Map<String, SystemContract> contracts = new TreeMap<>();
  private final TxRules rules;

  /** An executor without transaction rules: every sender may make every call. */
  public BlockExecutor(
      String chainId, SuiteId suite, HashFunction hash, List<SystemContract> contracts) {
    this(chainId, suite, hash, contracts, TxRules.NONE);
  }

  /**
   * @param rules what every transaction must pass before its call runs (governance's rules)
   */
  public BlockExecutor(
      String chainId,
      SuiteId suite,
      HashFunction hash,
      List<SystemContract> contracts,
      TxRules rules) {
    this.chainId = chainId;
    this.suite = suite;
    this.hash = hash;
    this.rules = rules;
    for (SystemContract c : contracts) {
      if (this.contracts.put(c.name(), c) != null) {
        throw new IllegalArgumentException("two contracts named " + c.name());
      }
    }
  }

  public BlockResult execute(Block block, StateReader committed) {
    WriteSet blockWrites = new WriteSet(committed);
    List<Receipt> receipts = new ArrayList<>(block.transactions().size());
    // read once per block: a change of the rules applies from the next block
    TxRules.BlockRules blockRules = rules.forBlock(committed);
    for (Transaction tx : block.transactions()) {
      receipts.add(executeOne(tx, block, blockWrites, blockRules));
    }
    return new BlockResult(receipts, new TreeMap<>(blockWrites.changes()));
  }

  private Receipt executeOne(
      Transaction tx, Block block, WriteSet blockWrites, TxRules.BlockRules blockRules) {
    Hash id = tx.hash(hash);
    TxBody body = tx.body();
    if (!body.chainId().equals(chainId)) {
      return Receipt.failed(id, "WRONG_CHAIN", "transaction is for chain " + body.chainId());
    }
    if (body.sender().suite() != suite) {
      return Receipt.failed(id, "WRONG_SUITE", "chain uses suite " + suite);
    }
    if (body.expiresAtMillis() < block.header().timestampMillis()) {
      return Receipt.failed(id, "EXPIRED", "transaction expired before its block");
    }
    Address sender = Address.of(body.sender(), hash);
    var refused = blockRules.admit(sender, blockWrites);
    if (refused.isPresent()) { // changes nothing, not even the nonce
      return Receipt.failed(id, refused.get().code(), refused.get().message());
    }
    long expected = Nonces.next(blockWrites, sender);
    if (body.nonce() != expected) {
      return Receipt.failed(
          id, "NONCE_MISMATCH", "nonce " + body.nonce() + " but account expects " + expected);
    }
    Nonces.set(blockWrites, sender, expected + 1);
    var methodRule = blockRules.call(sender, body.call(), blockWrites);
    if (methodRule.isPresent()) { // consumes the nonce
      return Receipt.failed(id, methodRule.get().code(), methodRule.get().message());
    }
    SystemContract contract = contracts.get(body.call().contract());
    if (contract == null) {
      return Receipt.failed(id, "UNKNOWN_CONTRACT", "no contract named " + body.call().contract());
    }
    WriteSet txWrites = new WriteSet(blockWrites);
    try {
      List<Event> events =
          contract.call(
              new TxContext(sender, id, block.header()),
              body.call().method(),
              body.call().args(),
              txWrites);
      txWrites.mergeInto(blockWrites);
      return Receipt.success(id, events);
    } catch (ExecutionFailure f) {
      return Receipt.failed(id, f.code(), f.getMessage());
    }
  }
}
