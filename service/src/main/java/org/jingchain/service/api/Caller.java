package org.jingchain.service.api;

import java.util.List;
import java.util.Optional;
import org.jingchain.types.Address;

/**
 * Who sent a request, once the node has checked how they proved it (docs/spec/api-access.md
 * [ACC-5]): the account of a valid bearer token, and its organisation and roles in the state the
 * request was judged against.
 *
 * @param account the token's account
 * @param membership its organisation and roles; empty when it holds none
 */
public record Caller(Address account, Optional<Membership> membership) {
  /** An account's organisation and the names of its roles there. */
  public record Membership(String org, List<String> roles) {
    public Membership {
      roles = List.copyOf(roles);
    }
  }

  /** Whether the caller holds any role in an organisation of the chain. */
  public boolean isMember() {
    return membership.isPresent();
  }
}
