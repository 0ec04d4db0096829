package org.jingchain.service.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may read one family of API routes (docs/spec/api-access.md [ACC-1]): {@code public} (anyone),
 * {@code members} (any account holding a role in an organisation of the chain) or a list of roles
 * such as {@code admin,auditor} (an account holding one of them). Governance keeps one per family
 * in state, so every node enforces the same rule from the same height.
 */
public record ReadRule(String text, List<String> roles) {
  /** The roles an organisation gives, in the order rules list them. */
  public static final List<String> ROLES = List.of("admin", "validator", "member", "auditor");

  public static final ReadRule PUBLIC = new ReadRule("public", List.of());
  public static final ReadRule MEMBERS = new ReadRule("members", ROLES);

  /** The family of routes anyone may always read: status, genesis, epochs, certificates. */
  public static final String ALWAYS_PUBLIC = "public";

  /**
   * The families a rule may name [ACC-2]: {@code chain} (the node's own blocks, transactions,
   * receipts, state and accounts) and one per platform service.
   */
  public static final List<String> FAMILIES =
      List.of(
          "chain",
          "asset",
          "governance",
          "identity",
          "datadir",
          "contracts",
          "store",
          "xchain",
          "pgroup",
          "ctoken",
          "aggregate");

  /**
   * The families a route's family names: one, or several joined by {@code +} for a route that
   * serves more than one family's data (the EVM's JSON-RPC answers blocks and receipts too); a
   * caller must satisfy every one of their rules.
   */
  public static List<String> familiesOf(String family) {
    return List.of(family.split("\\+", -1));
  }

  public ReadRule {
    roles = List.copyOf(roles);
  }

  /**
   * Parses a rule's text.
   *
   * @throws IllegalArgumentException with what a rule may be
   */
  public static ReadRule parse(String text) {
    if (text.equals("public")) {
      return PUBLIC;
    }
    if (text.equals("members")) {
      return MEMBERS;
    }
    List<String> roles = new ArrayList<>();
    for (String r : text.split(",", -1)) {
      if (!ROLES.contains(r) || roles.contains(r)) {
        throw new IllegalArgumentException(
            "a read rule is public, members, or roles from "
                + String.join(",", ROLES)
                + " separated by commas, each once; not '"
                + text
                + "'");
      }
      roles.add(r);
    }
    // one spelling per rule: roles in their canonical order, and every role is "members"
    List<String> ordered = ROLES.stream().filter(roles::contains).toList();
    return ordered.equals(ROLES) ? MEMBERS : new ReadRule(String.join(",", ordered), ordered);
  }

  public boolean isPublic() {
    return roles.isEmpty();
  }

  /** Whether a caller with {@code membership} (empty: no role on the chain) may read. */
  public boolean admits(Optional<Caller.Membership> membership) {
    return isPublic()
        || membership.map(m -> m.roles().stream().anyMatch(roles::contains)).orElse(false);
  }

  @Override
  public String toString() {
    return text;
  }
}
