package org.jingchain.node.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.VerifyRequest;
import org.jingchain.execution.StateReader;
import org.jingchain.node.BlockPolicy;
import org.jingchain.node.Chain;
import org.jingchain.types.Block;
import org.jingchain.types.Call;
import org.jingchain.types.Transaction;

/**
 * Whether a proposed block is valid on its parent (docs/spec/consensus.md [CONS-VALID-1..3],
 * governance [GOV-12]): within the chain's block limits, every transaction of this chain and suite
 * with a valid signature (checked here only for those this node did not admit itself), and it
 * executes on its parent to the roots its header claims — speculatively, in {@link Chain}.
 */
public final class BlockValidator {
  private final Chain chain;
  private final BlockPolicy policy;
  private final BatchVerifier verifier;
  private final Predicate<Transaction> alreadyVerified;
  private final Consumer<List<Call>> precheck;
  private final String chainId;

  /**
   * @param alreadyVerified whether this node checked exactly this transaction's signature at
   *     admission (the mempool): then it needs no second check
   * @param precheck the services' admission pre-checks, for transactions this node never admitted
   */
  public BlockValidator(
      Chain chain,
      BlockPolicy policy,
      BatchVerifier verifier,
      Predicate<Transaction> alreadyVerified,
      Consumer<List<Call>> precheck,
      String chainId) {
    this.chain = chain;
    this.policy = policy;
    this.verifier = verifier;
    this.alreadyVerified = alreadyVerified;
    this.precheck = precheck;
    this.chainId = chainId;
  }

  /** Empty when valid, otherwise why not; a valid block stays executed in {@link Chain}. */
  public Optional<String> verify(Block block) {
    Optional<StateReader> parent = chain.stateAfter(block.header().parentHash());
    if (parent.isPresent()) { // an unknown parent is refused by execution below, with the reason
      Optional<String> tooBig = policy.check(block, parent.get());
      if (tooBig.isPresent()) {
        return tooBig;
      }
    }
    List<Transaction> toCheck = new ArrayList<>();
    for (Transaction tx : block.transactions()) {
      if (!tx.body().chainId().equals(chainId)) {
        return Optional.of("block carries a transaction for chain " + tx.body().chainId());
      }
      if (tx.body().sender().suite() != verifier.suite().id()) {
        return Optional.of("block carries a transaction of another suite");
      }
      if (!alreadyVerified.test(tx)) {
        toCheck.add(tx);
      }
    }
    List<VerifyRequest> requests = new ArrayList<>(toCheck.size());
    for (Transaction tx : toCheck) {
      requests.add(
          new VerifyRequest(tx.body().sender(), tx.signingBytes(), tx.signature().unsafeArray()));
    }
    if (!requests.isEmpty() && !verifier.allValid(requests)) {
      return Optional.of("block carries a transaction with a bad signature");
    }
    precheck.accept(toCheck.stream().map(tx -> tx.body().call()).toList());
    try {
      chain.execute(block);
      return Optional.empty();
    } catch (Chain.BlockRejectedException e) {
      return Optional.of(e.getMessage());
    }
  }
}
