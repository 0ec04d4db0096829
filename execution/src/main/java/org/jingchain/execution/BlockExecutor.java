package org.jingchain.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jingchain.execution.gov.AccessRules;
import org.jingchain.execution.gov.Params;
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

  public BlockExecutor(
      String chainId, SuiteId suite, HashFunction hash, List<SystemContract> contracts) {
    this.chainId = chainId;
    this.suite = suite;
    this.hash = hash;
    for (SystemContract c : contracts) {
      if (this.contracts.put(c.name(), c) != null) {
        throw new IllegalArgumentException("two contracts named " + c.name());
      }
    }
  }

  public BlockResult execute(Block block, StateReader committed) {
    WriteSet blockWrites = new WriteSet(committed);
    List<Receipt> receipts = new ArrayList<>(block.transactions().size());
    // [GOV-1] read once per block: a change of permissions applies from the next block
    boolean membersOnly = Params.permissions(committed).equals("members");
    for (Transaction tx : block.transactions()) {
      receipts.add(executeOne(tx, block, blockWrites, membersOnly));
    }
    return new BlockResult(receipts, new TreeMap<>(blockWrites.changes()));
  }

  private Receipt executeOne(
      Transaction tx, Block block, WriteSet blockWrites, boolean membersOnly) {
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
    var refused = AccessRules.admit(sender, blockWrites, membersOnly);
    if (refused.isPresent()) { // [GOV-1] changes nothing, not even the nonce
      return Receipt.failed(id, refused.get().code(), refused.get().message());
    }
    long expected = Nonces.next(blockWrites, sender);
    if (body.nonce() != expected) {
      return Receipt.failed(
          id, "NONCE_MISMATCH", "nonce " + body.nonce() + " but account expects " + expected);
    }
    Nonces.set(blockWrites, sender, expected + 1);
    var methodRule = AccessRules.method(sender, body.call(), blockWrites);
    if (methodRule.isPresent()) { // [GOV-2]
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
