package org.jingchain.node.api;

import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jingchain.crypto.ApiToken;
import org.jingchain.crypto.BoundedCache;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.execution.StateReader;
import org.jingchain.service.ChainRules;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.Caller;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.ReadRule;
import org.jingchain.types.Address;

/**
 * Who may read what through the API (docs/spec/api-access.md): checks a request's bearer token
 * [ACC-4], finds its account's organisation and roles in the latest committed state [ACC-5], and
 * applies the read rule governance set for the route's family in that same state [ACC-1], [ACC-6].
 * Tokens that verified are remembered (bounded), so a client's steady requests cost a map lookup,
 * not a signature check; their expiry is checked on every request.
 */
public final class ReadAccess implements ApiServer.Guard {
  /** Verified tokens remembered. */
  static final int CACHE_ENTRIES = 10_000;

  private final CryptoSuite suite;
  private final String chainId;
  private final ChainRules rules;
  private final java.util.function.Supplier<Snapshot> latest;
  private final LongSupplier clock;
  private final BoundedCache<String, ApiToken> verified = new BoundedCache<>(CACHE_ENTRIES);

  /** The state of one committed height, read whole: a request's rule and roles come from one. */
  public record Snapshot(long height, StateReader state) {}

  /**
   * @param latest the state of the latest committed block, with its height
   * @param clock the wall clock in milliseconds (token expiry only; nothing here is consensus)
   */
  public ReadAccess(
      CryptoSuite suite,
      String chainId,
      ChainRules rules,
      java.util.function.Supplier<Snapshot> latest,
      LongSupplier clock) {
    this.suite = suite;
    this.chainId = chainId;
    this.rules = rules;
    this.latest = latest;
    this.clock = clock;
  }

  @Override
  public Optional<Caller> admit(String family, String authorization) throws ApiException {
    StateReader state = latest.get().state();
    Optional<Caller> caller = caller(authorization, state);
    for (String f : ReadRule.familiesOf(family == null ? "chain" : family)) {
      ReadRule rule = rules.readRule(state, f);
      if (rule.isPublic()) {
        continue;
      }
      if (caller.isEmpty()) {
        throw new ApiException(
            ErrorCode.AUTH_REQUIRED,
            "this chain lets "
                + describe(rule)
                + " read its "
                + f
                + " routes; send a token (Authorization: Bearer; jing auth token --key KEY)");
      }
      if (!rule.admits(caller.get().membership())) {
        throw new ApiException(
            ErrorCode.ACCESS_DENIED,
            caller.get().account()
                + caller
                    .get()
                    .membership()
                    .map(m -> " holds " + String.join(",", m.roles()) + " in " + m.org())
                    .orElse(" holds no role on this chain")
                + "; its "
                + f
                + " routes are for "
                + describe(rule));
      }
    }
    return caller;
  }

  @Override
  public boolean seesOnlyPublic(Optional<Caller> caller) {
    return !caller.map(Caller::isMember).orElse(false) && rules.membersOnly(latest.get().state());
  }

  /** The caller a request's {@code Authorization} header proves, if it carries one [ACC-4]. */
  Optional<Caller> caller(String authorization, StateReader state) throws ApiException {
    if (authorization == null) {
      return Optional.empty();
    }
    String a = authorization.strip();
    if (a.length() < 7 || !a.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      throw new ApiException(
          ErrorCode.TOKEN_INVALID, "the Authorization header is 'Bearer <token>'");
    }
    String text = a.substring(7).strip();
    ApiToken.Refused[] refused = {null};
    ApiToken token =
        verified.get(
            text,
            t -> {
              try {
                return ApiToken.verify(t, suite, chainId, clock.getAsLong());
              } catch (ApiToken.Refused e) {
                refused[0] = e; // never cached: a refused token cannot evict good ones
                return null;
              }
            });
    if (token == null) {
      throw new ApiException(ErrorCode.valueOf(refused[0].code()), refused[0].getMessage());
    }
    long now = clock.getAsLong();
    if (token.expiresAtMillis() + ApiToken.CLOCK_SKEW.toMillis() <= now) {
      throw new ApiException(
          ErrorCode.TOKEN_EXPIRED, "the token expired; make a new one (jing auth token)");
    }
    Address account = token.holderAddress();
    return Optional.of(new Caller(account, rules.membership(state, account)));
  }

  /** The rules of every family in the latest committed state, and {@code caller} [ACC-8]. */
  Views.AccessView view(Optional<Caller> caller) {
    Snapshot snap = latest.get();
    java.util.Map<String, String> families = new java.util.LinkedHashMap<>();
    for (String f : ReadRule.FAMILIES) {
      families.put(f, rules.readRule(snap.state(), f).text());
    }
    return new Views.AccessView(
        snap.height(), families, caller.map(ReadAccess::callerView).orElse(null));
  }

  static Views.CallerView callerView(Caller c) {
    return new Views.CallerView(
        c.account().toString(),
        c.membership().map(Caller.Membership::org).orElse(null),
        c.membership().map(Caller.Membership::roles).orElse(java.util.List.of()));
  }

  private static String describe(ReadRule rule) {
    return rule.equals(ReadRule.MEMBERS)
        ? "members of its organisations"
        : "accounts with the role " + String.join(" or ", rule.roles());
  }
}
