package org.jingchain.gov;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.gov.Gov.Kind;
import org.jingchain.gov.Gov.Org;
import org.jingchain.gov.Gov.Proposal;
import org.jingchain.gov.Gov.Roles;
import org.jingchain.gov.Gov.Status;
import org.jingchain.gov.Gov.Vote;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * The governance contract {@code gov} (docs/spec/governance.md, section 2): organisation admins
 * propose and vote; the vote that meets the proposal's rule executes it, exactly once.
 */
public final class GovernanceContract implements SystemContract {
  private final SuiteId suite;
  private final org.jingchain.types.HashFunction hash;

  /**
   * @param hash the suite's hash, which turns a validator's key into its account address (the
   *     account that gets the {@code validator} role with the key)
   */
  public GovernanceContract(SuiteId suite, org.jingchain.types.HashFunction hash) {
    this.suite = suite;
    this.hash = hash;
  }

  @Override
  public String name() {
    return Gov.NAME;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    Roles roles = adminRoles(ctx.sender(), state);
    try {
      Decoder d = new Decoder(args.unsafeArray());
      return switch (method) {
        case "propose" -> {
          Kind kind = Gov.kind(d.u8("kind"));
          byte[] payload = d.bytes("payload", 16 * 1024);
          long expiresIn = d.u64("expires in blocks");
          d.finish("propose arguments");
          yield propose(ctx, roles.org(), kind, payload, expiresIn, state);
        }
        case "vote" -> {
          long id = d.u64("proposal id");
          boolean approve = d.bool("approve");
          d.finish("vote arguments");
          yield vote(ctx, roles.org(), id, approve, state);
        }
        default -> throw fail("GOV_INVALID", "no method " + method + "; gov has propose, vote");
      };
    } catch (DecodeException e) {
      throw fail("GOV_INVALID", "malformed arguments: " + e.getMessage());
    }
  }

  /** [GOV-3] Only an admin of an active organisation proposes and votes. */
  private static Roles adminRoles(Address sender, WriteSet state) throws ExecutionFailure {
    Optional<Roles> r = Gov.roles(state, sender);
    if (r.isEmpty() || !r.get().has(Gov.ADMIN) || Gov.org(state, r.get().org()).isEmpty()) {
      throw fail("ROLE_REQUIRED", sender + " is not an admin of an organisation");
    }
    return r.get();
  }

  private List<Event> propose(
      TxContext ctx, String org, Kind kind, byte[] payload, long expiresIn, WriteSet state)
      throws ExecutionFailure {
    long max = Params.maxExpiry(state);
    if (expiresIn < 1 || expiresIn > max) {
      throw fail("GOV_INVALID", "a proposal expires in 1.." + max + " blocks");
    }
    check(kind, payload);
    Rule rule = Params.rule(state, kind);
    int n = Gov.orgIds(state).size();
    if (rule.needed(n) > n) {
      throw fail(
          "GOV_INVALID",
          "rule " + rule + " for " + kind.label() + " cannot be met by " + n + " organisations");
    }
    long id = Gov.nextProposalId(state);
    state.put(Gov.NEXT, Bytes.wrap(new Encoder(8).u64(id + 1).toByteArray()));
    long height = ctx.block().height();
    Proposal p =
        new Proposal(
            id,
            kind,
            Bytes.wrap(payload),
            org,
            height,
            height + expiresIn,
            rule,
            List.of(),
            Status.OPEN,
            "");
    List<Event> events = new ArrayList<>();
    events.add(
        event(
            "Proposed",
            "id",
            Long.toString(id),
            "kind",
            kind.label(),
            "org",
            org,
            "rule",
            rule.toString()));
    // The proposer's organisation approves what it proposes.
    events.addAll(record(ctx, p, org, true, state));
    return events;
  }

  private List<Event> vote(TxContext ctx, String org, long id, boolean approve, WriteSet state)
      throws ExecutionFailure {
    Proposal p =
        Gov.proposal(state, id).orElseThrow(() -> fail("GOV_NOT_FOUND", "no proposal " + id));
    if (p.status() != Status.OPEN) {
      throw fail(
          "GOV_CLOSED",
          "proposal " + id + " is " + p.status().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (ctx.block().height() > p.expiresHeight()) {
      throw fail("GOV_EXPIRED", "proposal " + id + " expired at height " + p.expiresHeight());
    }
    return record(ctx, p, org, approve, state);
  }

  /** Records {@code org}'s vote, then executes or rejects the proposal when the rule decides. */
  private List<Event> record(
      TxContext ctx, Proposal p, String org, boolean approve, WriteSet state) {
    List<Vote> votes = new ArrayList<>();
    for (Vote v : p.votes()) {
      if (!v.org().equals(org)) {
        votes.add(v);
      }
    }
    votes.add(new Vote(org, approve));
    List<String> active = Gov.orgIds(state);
    votes.removeIf(v -> !active.contains(v.org()));
    int n = active.size();
    int approvals = (int) votes.stream().filter(Vote::approve).count();
    List<Event> events = new ArrayList<>();
    events.add(
        event(
            "Voted",
            "id",
            Long.toString(p.id()),
            "org",
            org,
            "approve",
            Boolean.toString(approve)));
    Status status = Status.OPEN;
    String outcome = "";
    if (p.rule().met(approvals, n)) {
      WriteSet effect = new WriteSet(state);
      try {
        List<Event> effects = apply(ctx, p.id(), p.kind(), p.payload().unsafeArray(), effect);
        effect.mergeInto(state);
        status = Status.EXECUTED;
        events.add(event("Executed", "id", Long.toString(p.id()), "kind", p.kind().label()));
        events.addAll(effects);
      } catch (ExecutionFailure f) {
        status = Status.FAILED;
        outcome = f.code() + ": " + f.getMessage();
        if (outcome.length() > 500) {
          outcome = outcome.substring(0, 500) + "…";
        }
        events.add(event("Failed", "id", Long.toString(p.id()), "reason", outcome));
      }
    } else if (approvals + (n - votes.size()) < p.rule().needed(n)) {
      status = Status.REJECTED;
      events.add(event("Rejected", "id", Long.toString(p.id())));
    }
    Proposal next =
        new Proposal(
            p.id(),
            p.kind(),
            p.payload(),
            p.proposerOrg(),
            p.createdHeight(),
            p.expiresHeight(),
            p.rule(),
            votes,
            status,
            outcome);
    state.put(Gov.proposalKey(p.id()), Bytes.wrap(Gov.encode(next)));
    return events;
  }

  /** [GOV-7] The payload must decode (and a parameter be valid) when the proposal is made. */
  private void check(Kind kind, byte[] payload) throws ExecutionFailure {
    try {
      switch (kind) {
        case ADD_ORG -> checkOrg(Gov.decodeOrg(payload));
        case REMOVE_ORG -> Gov.decodeOrgId(payload);
        case GRANT_ROLE, REVOKE_ROLE -> checkRoleChange(Gov.decodeRoleChange(payload));
        case SET_PARAM -> {
          Gov.ParamChange pc = Gov.decodeParamChange(payload);
          Params.render(pc.name(), pc.value());
        }
        case ADD_VALIDATOR -> {
          Gov.NewValidator v = Gov.decodeNewValidator(payload);
          if (!v.org().matches(Gov.ORG_ID)) {
            throw fail("GOV_INVALID", "an organisation id is " + Gov.ORG_ID);
          }
          checkValidatorKey(v.key());
        }
        case REMOVE_VALIDATOR -> checkValidatorKey(Gov.decodeValidatorKey(payload));
        case APPROVE -> {
          Gov.Approval a = Gov.decodeApproval(payload);
          if (!a.purpose().matches("[a-z0-9-]{1,64}")) {
            throw fail("GOV_INVALID", "an approval's purpose is [a-z0-9-]{1,64}");
          }
        }
      }
    } catch (DecodeException e) {
      throw fail("GOV_INVALID", kind.label() + ": " + e.getMessage());
    }
  }

  private void checkOrg(Org o) throws ExecutionFailure {
    if (!o.id().matches(Gov.ORG_ID) || o.name().isBlank()) {
      throw fail("GOV_INVALID", "an organisation id is " + Gov.ORG_ID + " and it needs a name");
    }
    if (o.admins().isEmpty() || new TreeSet<>(o.admins()).size() != o.admins().size()) {
      throw fail("GOV_INVALID", "an organisation needs 1.." + Gov.MAX_ADMINS + " distinct admins");
    }
    for (Address a : o.admins()) {
      if (a.suite() != suite) {
        throw fail("GOV_INVALID", "admin " + a + " is not an address of this chain's suite");
      }
    }
  }

  private void checkValidatorKey(PublicKey key) throws ExecutionFailure {
    if (key.suite() != suite) {
      throw fail(
          "GOV_INVALID",
          "validator key " + key + " is a " + key.suite() + " key; this chain uses " + suite);
    }
  }

  private void checkRoleChange(Gov.RoleChange r) throws ExecutionFailure {
    if (r.account().suite() != suite) {
      throw fail("GOV_INVALID", r.account() + " is not an address of this chain's suite");
    }
    int allowed = Gov.ADMIN | Gov.MEMBER | Gov.AUDITOR;
    if (r.roles() == 0 || (r.roles() & ~allowed) != 0) {
      throw fail(
          "GOV_INVALID",
          "grant or revoke admin, member or auditor (validators come by add_validator)");
    }
  }

  // ---- effects [GOV §2]

  /** Applies an approved proposal to {@code state}; returns the events of its effect. */
  private List<Event> apply(TxContext ctx, long id, Kind kind, byte[] payload, WriteSet state)
      throws ExecutionFailure {
    switch (kind) {
      case ADD_ORG -> addOrg(ctx, Gov.decodeOrg(payload), state);
      case REMOVE_ORG -> removeOrg(Gov.decodeOrgId(payload), state);
      case GRANT_ROLE -> changeRoles(Gov.decodeRoleChange(payload), true, state);
      case REVOKE_ROLE -> changeRoles(Gov.decodeRoleChange(payload), false, state);
      case SET_PARAM -> {
        Gov.ParamChange pc = Gov.decodeParamChange(payload);
        state.put(Gov.paramKey(pc.name()), pc.value());
      }
      case ADD_VALIDATOR -> {
        return List.of(addValidator(Gov.decodeNewValidator(payload), state));
      }
      case REMOVE_VALIDATOR -> {
        return List.of(removeValidator(Gov.decodeValidatorKey(payload), state));
      }
      case APPROVE -> {
        Gov.Approval a = Gov.decodeApproval(payload);
        state.put(
            Gov.approvedKey(a.digest()),
            Bytes.wrap(java.nio.ByteBuffer.allocate(8).putLong(id).array()));
        return List.of(
            new Event(
                Gov.NAME,
                "Approved",
                List.of(
                    new EventAttribute("purpose", a.purpose()),
                    new EventAttribute("digest", a.digest().toHex()))));
      }
    }
    return List.of();
  }

  /** Appends the validator: the others keep their order and indices (section 3). */
  private Event addValidator(Gov.NewValidator v, WriteSet state) throws ExecutionFailure {
    if (Gov.org(state, v.org()).isEmpty()) {
      throw fail("GOV_NOT_FOUND", "no organisation " + v.org());
    }
    List<Validators.Entry> set = new ArrayList<>(Validators.read(state));
    for (Validators.Entry e : set) {
      if (e.key().equals(v.key())) {
        throw fail("GOV_EXISTS", v.key() + " is already a validator, run by " + e.org());
      }
    }
    if (set.size() >= Validators.MAX) {
      throw fail("GOV_LIMIT", "at most " + Validators.MAX + " validators");
    }
    set.add(new Validators.Entry(v.key(), v.org()));
    // the validator's account gets the validator role in its organisation
    Address account = Address.of(v.key(), hash);
    Optional<Roles> r = Gov.roles(state, account);
    if (r.isPresent()
        && !r.get().org().equals(v.org())
        && Gov.org(state, r.get().org()).isPresent()) {
      throw fail(
          "GOV_CONFLICT",
          "the validator's account " + account + " belongs to organisation " + r.get().org());
    }
    int bits = r.filter(x -> x.org().equals(v.org())).map(Roles::bits).orElse(0) | Gov.VALIDATOR;
    state.put(Gov.roleKey(account), Bytes.wrap(Gov.encode(new Roles(v.org(), bits))));
    return writeValidators(set, state);
  }

  /** Removes the validator: the others keep their order. */
  private Event removeValidator(PublicKey key, WriteSet state) throws ExecutionFailure {
    List<Validators.Entry> set = new ArrayList<>(Validators.read(state));
    if (!set.removeIf(e -> e.key().equals(key))) {
      throw fail("GOV_NOT_FOUND", key + " is not a validator");
    }
    if (set.isEmpty()) {
      throw fail("GOV_CONFLICT", "the last validator cannot be removed");
    }
    // the account keeps its other roles; with none left it has no role
    Address account = Address.of(key, hash);
    Optional<Roles> r = Gov.roles(state, account);
    if (r.isPresent() && r.get().has(Gov.VALIDATOR)) {
      int bits = r.get().bits() & ~Gov.VALIDATOR;
      if (bits == 0) {
        state.delete(WriteSet.key(Gov.roleKey(account)));
      } else {
        state.put(Gov.roleKey(account), Bytes.wrap(Gov.encode(new Roles(r.get().org(), bits))));
      }
    }
    return writeValidators(set, state);
  }

  private static Event writeValidators(List<Validators.Entry> set, WriteSet state) {
    state.put(Validators.KEY, Bytes.wrap(Validators.encode(set)));
    return event("ValidatorsChanged", "count", Integer.toString(set.size()));
  }

  static void addOrg(TxContext ctx, Org o, WriteSet state) throws ExecutionFailure {
    List<String> ids = new ArrayList<>(Gov.orgIds(state));
    if (ids.contains(o.id()) || Gov.org(state, o.id()).isPresent()) {
      throw fail("GOV_EXISTS", "organisation " + o.id() + " exists");
    }
    if (state.get(Gov.removedKey(o.id())).isPresent()) {
      // Roles still name the old organisation: reusing its id would revive them.
      throw fail("GOV_EXISTS", "organisation id " + o.id() + " was used before; choose another");
    }
    if (ids.size() >= Gov.MAX_ORGS) {
      throw fail("GOV_LIMIT", "at most " + Gov.MAX_ORGS + " organisations");
    }
    for (Address a : o.admins()) {
      Optional<Roles> r = Gov.roles(state, a);
      if (r.isPresent() && Gov.org(state, r.get().org()).isPresent()) {
        throw fail("GOV_CONFLICT", a + " already belongs to organisation " + r.get().org());
      }
    }
    Org stored = new Org(o.id(), o.name(), o.admins(), o.caCert(), ctx.block().height());
    state.put(Gov.orgKey(o.id()), Bytes.wrap(Gov.encode(stored)));
    ids.add(o.id());
    ids.sort(null);
    state.put(Gov.ORGS, Bytes.wrap(Gov.encodeIds(ids)));
    for (Address a : o.admins()) {
      state.put(Gov.roleKey(a), Bytes.wrap(Gov.encode(new Roles(o.id(), Gov.ADMIN))));
    }
  }

  private static void removeOrg(String id, WriteSet state) throws ExecutionFailure {
    Org o = Gov.org(state, id).orElseThrow(() -> fail("GOV_NOT_FOUND", "no organisation " + id));
    List<String> ids = new ArrayList<>(Gov.orgIds(state));
    if (ids.size() == 1) {
      throw fail("GOV_CONFLICT", "the last organisation cannot be removed");
    }
    if (Validators.orgs(state).contains(id)) {
      throw fail("GOV_CONFLICT", id + " runs validators; remove them first");
    }
    for (Address a : o.admins()) {
      state.delete(WriteSet.key(Gov.roleKey(a)));
    }
    state.delete(WriteSet.key(Gov.orgKey(id)));
    state.put(Gov.removedKey(id), Bytes.wrap(new Encoder(8).u64(1).toByteArray()));
    ids.remove(id);
    state.put(Gov.ORGS, Bytes.wrap(Gov.encodeIds(ids)));
  }

  private static void changeRoles(Gov.RoleChange c, boolean grant, WriteSet state)
      throws ExecutionFailure {
    Org o =
        Gov.org(state, c.org())
            .orElseThrow(() -> fail("GOV_NOT_FOUND", "no organisation " + c.org()));
    Optional<Roles> current = Gov.roles(state, c.account());
    if (current.isPresent()
        && !current.get().org().equals(c.org())
        && Gov.org(state, current.get().org()).isPresent()) {
      throw fail("GOV_CONFLICT", c.account() + " belongs to organisation " + current.get().org());
    }
    int before = current.filter(r -> r.org().equals(c.org())).map(Roles::bits).orElse(0);
    int after = grant ? before | c.roles() : before & ~c.roles();
    List<Address> admins = new ArrayList<>(o.admins());
    if ((after & Gov.ADMIN) != 0 && !admins.contains(c.account())) {
      if (admins.size() >= Gov.MAX_ADMINS) {
        throw fail("GOV_LIMIT", c.org() + " has " + Gov.MAX_ADMINS + " admins");
      }
      admins.add(c.account());
    } else if ((after & Gov.ADMIN) == 0 && admins.contains(c.account())) {
      if (admins.size() == 1) {
        throw fail("GOV_CONFLICT", c.account() + " is the last admin of " + c.org());
      }
      admins.remove(c.account());
    }
    state.put(
        Gov.orgKey(o.id()),
        Bytes.wrap(Gov.encode(new Org(o.id(), o.name(), admins, o.caCert(), o.since()))));
    if (after == 0) {
      state.delete(WriteSet.key(Gov.roleKey(c.account())));
    } else {
      state.put(Gov.roleKey(c.account()), Bytes.wrap(Gov.encode(new Roles(c.org(), after))));
    }
  }

  private static Event event(String type, String... kv) {
    List<EventAttribute> attrs = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      attrs.add(new EventAttribute(kv[i], kv[i + 1]));
    }
    return new Event(Gov.NAME, type, attrs);
  }

  private static ExecutionFailure fail(String code, String message) {
    return new ExecutionFailure(code, message);
  }
}
