package org.jingchain.execution;

import java.util.List;
import java.util.Optional;
import org.jingchain.types.Address;
import org.jingchain.types.Call;

/**
 * Rules every transaction must pass before its call runs, read from the chain's own state (for
 * example governance's membership and role rules, docs/spec/governance.md [GOV-1], [GOV-2]). A
 * platform service contributes them; execution applies them to every transaction, and admission
 * applies {@link BlockRules#admit} early so a refused sender learns at once. Deterministic: rules
 * read only the state they are given.
 */
public interface TxRules {
  /** The rules as of one block, whose transactions execute on {@code parent}. */
  BlockRules forBlock(StateReader parent);

  /** The rules of one block. */
  interface BlockRules {
    /**
     * Whether {@code sender} may transact at all, on {@code state} (the block's writes so far). A
     * refusal changes nothing, not even the sender's nonce.
     */
    Optional<Refusal> admit(Address sender, StateReader state);

    /** Whether {@code sender} may make {@code call}; checked after the nonce, which it consumes. */
    Optional<Refusal> call(Address sender, Call call, StateReader state);
  }

  /** Why a transaction is refused: a stable code and a message for the sender. */
  record Refusal(String code, String message) {}

  /** No rules: every sender may make every call. */
  TxRules NONE =
      parent ->
          new BlockRules() {
            @Override
            public Optional<Refusal> admit(Address sender, StateReader state) {
              return Optional.empty();
            }

            @Override
            public Optional<Refusal> call(Address sender, Call call, StateReader state) {
              return Optional.empty();
            }
          };

  /** All of {@code rules}, in order: the first refusal is the answer. */
  static TxRules all(List<TxRules> rules) {
    List<TxRules> list = List.copyOf(rules);
    if (list.size() == 1) {
      return list.getFirst();
    }
    return parent -> {
      List<BlockRules> each = list.stream().map(r -> r.forBlock(parent)).toList();
      return new BlockRules() {
        @Override
        public Optional<Refusal> admit(Address sender, StateReader state) {
          for (BlockRules r : each) {
            Optional<Refusal> no = r.admit(sender, state);
            if (no.isPresent()) {
              return no;
            }
          }
          return Optional.empty();
        }

        @Override
        public Optional<Refusal> call(Address sender, Call call, StateReader state) {
          for (BlockRules r : each) {
            Optional<Refusal> no = r.call(sender, call, state);
            if (no.isPresent()) {
              return no;
            }
          }
          return Optional.empty();
        }
      };
    };
  }
}
