package org.jingchain.gov;

import java.util.Optional;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.TxRules;
import org.jingchain.gov.Gov.Roles;
import org.jingchain.types.Address;
import org.jingchain.types.Call;

/**
 * Who may send what (docs/spec/governance.md): [GOV-1] admission by role when the chain's {@code
 * permissions} are {@code members}, and [GOV-2] method rules such as who may register DIDs.
 */
public final class AccessRules {
  private AccessRules() {}

  /** A refusal: its code and message. */
  public record Refusal(String code, String message) {}

  /**
   * [GOV-1], [GOV-2] as the rules execution applies to every transaction: the chain's {@code
   * permissions} read once per block, from its parent's state.
   */
  public static final TxRules RULES =
      parent -> {
        boolean membersOnly = Params.permissions(parent).equals("members");
        return new TxRules.BlockRules() {
          @Override
          public Optional<TxRules.Refusal> admit(Address sender, StateReader state) {
            return AccessRules.admit(sender, state, membersOnly).map(AccessRules::refusal);
          }

          @Override
          public Optional<TxRules.Refusal> call(Address sender, Call call, StateReader state) {
            return method(sender, call, state).map(AccessRules::refusal);
          }
        };
      };

  private static TxRules.Refusal refusal(Refusal r) {
    return new TxRules.Refusal(r.code(), r.message());
  }

  /**
   * [GOV-1] Whether {@code sender} may submit transactions at all; checked at admission and, before
   * anything else, in execution (a refused transaction changes nothing).
   */
  public static Optional<Refusal> admit(Address sender, StateReader state) {
    return admit(sender, state, Params.permissions(state).equals("members"));
  }

  /** The same, with the chain's permissions already read ({@code membersOnly}). */
  public static Optional<Refusal> admit(Address sender, StateReader state, boolean membersOnly) {
    if (!membersOnly) {
      return Optional.empty();
    }
    Optional<Roles> r = Gov.roles(state, sender);
    if (r.isEmpty() || Gov.org(state, r.get().org()).isEmpty()) {
      return Optional.of(
          new Refusal(
              "NOT_A_MEMBER",
              sender + " is not a member of any organisation; an admin can propose grant_role"));
    }
    if (!r.get().maySubmit()) {
      return Optional.of(
          new Refusal(
              "NOT_A_MEMBER", sender + " is an auditor of " + r.get().org() + ": read only"));
    }
    return Optional.empty();
  }

  /** [GOV-2] Method rules, checked in execution after the nonce (a refusal consumes it). */
  public static Optional<Refusal> method(Address sender, Call call, StateReader state) {
    if (call.contract().equals("did")
        && (call.method().equals("create") || call.method().equals("createBatch"))) {
      String who = Params.didRegistration(state);
      Optional<Roles> r = Gov.roles(state, sender).filter(x -> Gov.org(state, x.org()).isPresent());
      boolean ok =
          switch (who) {
            case "members" -> r.isPresent() && r.get().maySubmit();
            case "admins" -> r.isPresent() && r.get().has(Gov.ADMIN);
            default -> true;
          };
      if (!ok) {
        return Optional.of(
            new Refusal(
                "ROLE_REQUIRED",
                "did.registration is '" + who + "': " + sender + " may not register DIDs"));
      }
    }
    return Optional.empty();
  }
}
