package org.jingchain.gov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jingchain.asset.AssetCalls;
import org.jingchain.asset.AssetContract;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.BlockResult;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.StateReader;
import org.jingchain.gov.Gov.Kind;
import org.jingchain.gov.Gov.Status;
import org.jingchain.service.api.Caller;
import org.jingchain.service.api.ReadRule;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;
import org.junit.jupiter.api.Test;

/**
 * Governance through the real executor (docs/spec/governance.md [GOV-1..7]): three organisations a,
 * b, c with one admin each; a runs the validator.
 */
class GovernanceContractTest {
  static final HashFunction SHA256 =
      data -> {
        try {
          return Hash.wrap(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      };
  static final String CHAIN = "test";

  final TreeMap<Bytes, Bytes> committed = new TreeMap<>();
  final StateReader state = k -> Optional.ofNullable(committed.get(k));
  final BlockExecutor executor =
      new BlockExecutor(
          CHAIN,
          SuiteId.INTL,
          SHA256,
          List.of(new AssetContract(SuiteId.INTL), new GovernanceContract(SuiteId.INTL, SHA256)),
          AccessRules.RULES);
  long height = 1;

  static PublicKey key(int n) {
    byte[] k = new byte[32];
    k[0] = (byte) n;
    return new PublicKey(SuiteId.INTL, Bytes.wrap(k));
  }

  static Address addr(int n) {
    return Address.of(key(n), SHA256);
  }

  final PublicKey adminA = key(1);
  final PublicKey adminB = key(2);
  final PublicKey adminC = key(3);
  final PublicKey validator = key(9);
  final PublicKey stranger = key(7);

  void genesis(String permissions, Map<String, String> params) {
    var writes =
        GovernanceGenesis.writes(
            List.of(
                new GovernanceGenesis.OrgSpec(
                    "a", "Hospital A", List.of(addr(1)), List.of(validator), List.of()),
                new GovernanceGenesis.OrgSpec(
                    "b", "University B", List.of(addr(2)), List.of(), List.of()),
                new GovernanceGenesis.OrgSpec(
                    "c", "Bank C", List.of(addr(3)), List.of(), List.of())),
            List.of(validator),
            permissions,
            params,
            SHA256);
    writes.forEach((k, v) -> v.ifPresent(val -> committed.put(k, val)));
  }

  Receipt send(PublicKey sender, Call call) {
    long nonce = Nonces.next(state, Address.of(sender, SHA256));
    Transaction t =
        new Transaction(new TxBody(CHAIN, sender, nonce, 10_000, call), Bytes.wrap(new byte[64]));
    BlockHeader h =
        new BlockHeader(
            CHAIN,
            height,
            height++,
            Hash.ZERO,
            1_000,
            addr(9),
            MerkleRoot.of(List.of(t.hash(SHA256)), SHA256),
            1,
            Hash.ZERO,
            Hash.ZERO);
    BlockResult r = executor.execute(new Block(h, List.of(t)), state);
    r.changes()
        .forEach(
            (k, v) -> v.ifPresentOrElse(val -> committed.put(k, val), () -> committed.remove(k)));
    return r.receipts().getFirst();
  }

  Receipt propose(PublicKey by, Kind kind, byte[] payload, long expiresIn) {
    return send(by, new Call("gov", "propose", Gov.proposeArgs(kind, payload, expiresIn)));
  }

  Receipt vote(PublicKey by, long id, boolean approve) {
    return send(by, new Call("gov", "vote", Gov.voteArgs(id, approve)));
  }

  static byte[] newOrg(String id, int adminKey) {
    return Gov.encode(new Gov.Org(id, "Transit " + id, List.of(addr(adminKey)), Bytes.EMPTY, 0));
  }

  Gov.Proposal proposal(long id) {
    return Gov.proposal(state, id).orElseThrow();
  }

  static List<String> events(Receipt r) {
    List<String> out = new ArrayList<>();
    r.events().forEach(e -> out.add(e.type()));
    return out;
  }

  @Test
  void aMajorityAddsAnOrganisationExactlyOnce() {
    genesis("open", Map.of());
    Receipt p = propose(adminA, Kind.ADD_ORG, newOrg("d", 4), 100);
    assertThat(p.code()).as(p.message()).isEmpty();
    assertThat(events(p)).containsExactly("Proposed", "Voted");
    assertThat(proposal(1).status()).isEqualTo(Status.OPEN);
    assertThat(Gov.org(state, "d")).isEmpty();

    Receipt second = vote(adminB, 1, true);
    assertThat(events(second)).containsExactly("Voted", "Executed");
    assertThat(proposal(1).status()).isEqualTo(Status.EXECUTED);
    assertThat(Gov.orgIds(state)).containsExactly("a", "b", "c", "d");
    assertThat(Gov.roles(state, addr(4)).orElseThrow().has(Gov.ADMIN)).isTrue();

    // Exactly once: a later vote changes nothing.
    Receipt late = vote(adminC, 1, true);
    assertThat(late.code()).isEqualTo("GOV_CLOSED");
    assertThat(proposal(1).votes()).hasSize(2);
  }

  // [GOV-13] an approval records exactly its digest once a majority approved; a service acts on it
  @Test
  void anApprovalRecordsItsDigestOnceTheRuleIsMet() {
    genesis("open", Map.of());
    Hash digest =
        SHA256.hash("recover client c-0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] payload = Gov.encode(new Gov.Approval("xchain-recover", digest));
    assertThat(propose(adminA, Kind.APPROVE, payload, 100).code()).isEmpty();
    assertThat(Gov.approved(state, digest)).as("one organisation of three").isEmpty();
    Receipt second = vote(adminB, 1, true);
    assertThat(events(second)).containsExactly("Voted", "Executed", "Approved");
    assertThat(Gov.approved(state, digest)).contains(1L);
    assertThat(Gov.approved(state, SHA256.hash(new byte[] {1}))).isEmpty();
    assertThat(Gov.describePayload(Kind.APPROVE, Bytes.wrap(payload)))
        .isEqualTo("xchain-recover " + digest.toHex());
    byte[] badPurpose = Gov.encode(new Gov.Approval("Not A Purpose", digest));
    assertThat(propose(adminA, Kind.APPROVE, badPurpose, 100).code()).isEqualTo("GOV_INVALID");
  }

  @Test
  void aProposalShortOfItsThresholdNeverExecutes() {
    genesis("open", Map.of(Params.RULE_PREFIX + "add_org", "all"));
    propose(adminA, Kind.ADD_ORG, newOrg("d", 4), 100);
    assertThat(vote(adminB, 1, true).code()).isEmpty();
    assertThat(proposal(1).status()).isEqualTo(Status.OPEN);
    Receipt no = vote(adminC, 1, false);
    assertThat(events(no)).containsExactly("Voted", "Rejected");
    assertThat(proposal(1).status()).isEqualTo(Status.REJECTED);
    assertThat(Gov.org(state, "d")).isEmpty();
    assertThat(vote(adminC, 1, true).code()).isEqualTo("GOV_CLOSED");
    assertThat(Gov.org(state, "d")).isEmpty();
  }

  @Test
  void anExpiredProposalCannotBeExecuted() {
    genesis("open", Map.of());
    propose(adminA, Kind.ADD_ORG, newOrg("d", 4), 2); // made at height 1, expires at 3
    send(stranger, AssetCalls.create("X", "x", 0)); // height 2
    send(stranger, AssetCalls.create("Y", "y", 0)); // height 3
    Receipt tooLate = vote(adminB, 1, true); // height 4
    assertThat(tooLate.code()).isEqualTo("GOV_EXPIRED");
    assertThat(Gov.org(state, "d")).isEmpty();
    assertThat(proposal(1).status()).isEqualTo(Status.OPEN); // reads as expired by height
  }

  @Test
  void onlyAdminsProposeAndVote() {
    genesis("open", Map.of());
    Map<Bytes, Bytes> before = withoutNonces(committed);
    Receipt r = propose(stranger, Kind.ADD_ORG, newOrg("d", 4), 100);
    assertThat(r.code()).isEqualTo("ROLE_REQUIRED");
    assertThat(withoutNonces(committed)).as("no proposal was made").isEqualTo(before);
    propose(adminA, Kind.ADD_ORG, newOrg("d", 4), 100);
    Map<Bytes, Bytes> proposed = withoutNonces(committed);
    Receipt v = vote(validator, 1, true); // a validator account is not an admin
    assertThat(v.code()).isEqualTo("ROLE_REQUIRED");
    assertThat(withoutNonces(committed)).as("the vote changed nothing").isEqualTo(proposed);
    assertThat(proposal(1).votes()).hasSize(1);
  }

  /** State without the senders' nonces (a failed transaction consumes its nonce, [EXEC-4]). */
  static Map<Bytes, Bytes> withoutNonces(Map<Bytes, Bytes> state) {
    Map<Bytes, Bytes> out = new TreeMap<>(state);
    out.keySet()
        .removeIf(
            k ->
                new String(k.toByteArray(), java.nio.charset.StandardCharsets.UTF_8)
                    .startsWith("sys/nonce/"));
    return out;
  }

  @Test
  void withMembersOnlyAStrangerIsRefusedUntilGrantedTheMemberRole() {
    genesis("members", Map.of());
    Address s = Address.of(stranger, SHA256);
    Map<Bytes, Bytes> before = new TreeMap<>(committed);
    Receipt refused = send(stranger, AssetCalls.create("CNY", "yuan", 2));
    assertThat(refused.code()).isEqualTo("NOT_A_MEMBER");
    assertThat(committed).as("nothing changes, not even the nonce").isEqualTo(before);
    assertThat(Nonces.next(state, s)).isZero();

    byte[] grant = Gov.encode(new Gov.RoleChange(s, "b", Gov.MEMBER));
    propose(adminB, Kind.GRANT_ROLE, grant, 100);
    assertThat(events(vote(adminC, 1, true))).contains("Executed");
    assertThat(send(stranger, AssetCalls.create("CNY", "yuan", 2)).code()).isEmpty();

    // An auditor reads only.
    byte[] audit = Gov.encode(new Gov.RoleChange(addr(5), "c", Gov.AUDITOR));
    propose(adminC, Kind.GRANT_ROLE, audit, 100);
    vote(adminA, 2, true);
    Receipt auditor = send(key(5), AssetCalls.create("USD", "usd", 2));
    assertThat(auditor.code()).isEqualTo("NOT_A_MEMBER");
    assertThat(auditor.message()).contains("auditor");
  }

  @Test
  void parametersRulesAndMethodRules() {
    genesis("open", Map.of());
    byte[] twoOfN =
        Gov.encode(
            new Gov.ParamChange(
                Params.RULE_PREFIX + "set_param",
                Bytes.wrap(Params.encode(Params.RULE_PREFIX + "set_param", "3-of-n"))));
    propose(adminA, Kind.SET_PARAM, twoOfN, 100);
    vote(adminB, 1, true);
    assertThat(Params.rule(state, Kind.SET_PARAM).toString()).isEqualTo("3-of-n");
    // The next set_param needs all three, and the rule was copied into the proposal.
    byte[] admins =
        Gov.encode(
            new Gov.ParamChange(
                Params.DID_REGISTRATION,
                Bytes.wrap(Params.encode(Params.DID_REGISTRATION, "admins"))));
    propose(adminA, Kind.SET_PARAM, admins, 100);
    vote(adminB, 2, true);
    assertThat(proposal(2).status()).isEqualTo(Status.OPEN);
    vote(adminC, 2, true);
    assertThat(Params.didRegistration(state)).isEqualTo("admins");
    assertThat(
            AccessRules.method(
                Address.of(stranger, SHA256), new Call("did", "create", Bytes.EMPTY), state))
        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo("ROLE_REQUIRED"));
    assertThat(AccessRules.method(addr(1), new Call("did", "create", Bytes.EMPTY), state))
        .isEmpty();
  }

  @Test
  void readRulesAreSetByVoteFamilyOverDefaultAndOnlyInTheirCanonicalSpelling() {
    genesis("open", Map.of());
    var rules = GovernanceService.RULES;
    assertThat(rules.readRule(state, "chain")).isEqualTo(ReadRule.PUBLIC);

    byte[] members =
        Gov.encode(
            new Gov.ParamChange(
                Params.API_READ, Bytes.wrap(Params.encode(Params.API_READ, "members"))));
    propose(adminA, Kind.SET_PARAM, members, 100);
    assertThat(rules.readRule(state, "chain")).as("before the vote").isEqualTo(ReadRule.PUBLIC);
    vote(adminB, 1, true);
    // [ACC-1] the default covers every family; an override wins for its own
    assertThat(rules.readRule(state, "chain")).isEqualTo(ReadRule.MEMBERS);
    assertThat(rules.readRule(state, "datadir")).isEqualTo(ReadRule.MEMBERS);
    assertThat(rules.readRule(state, ReadRule.ALWAYS_PUBLIC)).isEqualTo(ReadRule.PUBLIC);
    String name = Params.API_READ_PREFIX + "identity";
    propose(
        adminA,
        Kind.SET_PARAM,
        Gov.encode(new Gov.ParamChange(name, Bytes.wrap(Params.encode(name, "public")))),
        100);
    vote(adminC, 2, true);
    assertThat(rules.readRule(state, "identity")).isEqualTo(ReadRule.PUBLIC);
    assertThat(rules.readRule(state, "chain")).isEqualTo(ReadRule.MEMBERS);

    // roles in any order are stored in one spelling
    assertThat(Params.render(name, Bytes.wrap(Params.encode(name, "auditor,admin"))))
        .isEqualTo("admin,auditor");
    assertThat(
            Params.render(name, Bytes.wrap(Params.encode(name, "auditor,member,validator,admin"))))
        .as("every role is members: one spelling")
        .isEqualTo("members");
    assertThatThrownBy(() -> Params.encode(Params.API_READ_PREFIX + "datadri", "members"))
        .hasMessageContaining("api.read.<family> names one of chain");
    assertThatThrownBy(() -> Params.encode(Params.API_READ, "everyone"))
        .hasMessageContaining("public, members, or roles");
    assertThatThrownBy(() -> Params.encode(Params.API_READ, "admin,admin"))
        .isInstanceOf(IllegalArgumentException.class);
    // a proposal carrying a rule's non-canonical bytes is refused in execution
    byte[] uncanonical =
        Gov.encode(
            new Gov.ParamChange(
                Params.API_READ,
                Bytes.wrap(
                    new org.jingchain.codec.Encoder().string("auditor,admin").toByteArray())));
    assertThat(propose(adminA, Kind.SET_PARAM, uncanonical, 100).code()).isEqualTo("GOV_INVALID");
    assertThat(rules.readRule(state, "chain")).isEqualTo(ReadRule.MEMBERS);

    // [ACC-5] membership: organisation and role names; none for a stranger
    assertThat(rules.membership(state, addr(1)))
        .hasValue(new Caller.Membership("a", List.of("admin")));
    assertThat(rules.membership(state, Address.of(stranger, SHA256))).isEmpty();
  }

  @Test
  void badProposalsAreRefusedAndChangeNothing() {
    genesis("open", Map.of(Params.RULE_PREFIX + "remove_org", "5-of-n"));
    Map<Bytes, Bytes> before = new TreeMap<>(committed);
    assertThat(propose(adminA, Kind.ADD_ORG, new byte[] {1, 2, 3}, 100).code())
        .isEqualTo("GOV_INVALID");
    assertThat(propose(adminA, Kind.REMOVE_ORG, Gov.encodeOrgId("b"), 100).code())
        .as("a rule three organisations cannot meet")
        .isEqualTo("GOV_INVALID");
    assertThat(propose(adminA, Kind.ADD_ORG, newOrg("d", 4), 0).code()).isEqualTo("GOV_INVALID");
    assertThat(propose(adminA, Kind.ADD_ORG, newOrg("d", 4), Params.DEFAULT_MAX_EXPIRY + 1).code())
        .isEqualTo("GOV_INVALID");
    assertThat(propose(adminA, Kind.ADD_ORG, newOrg("Not An Id", 4), 100).code())
        .isEqualTo("GOV_INVALID");
    byte[] validatorRole = Gov.encode(new Gov.RoleChange(addr(6), "a", Gov.VALIDATOR));
    assertThat(propose(adminA, Kind.GRANT_ROLE, validatorRole, 100).code())
        .isEqualTo("GOV_INVALID");
    byte[] unknownParam =
        Gov.encode(new Gov.ParamChange("block.colour", Bytes.wrap(new byte[] {1})));
    assertThat(propose(adminA, Kind.SET_PARAM, unknownParam, 100).code()).isEqualTo("GOV_INVALID");
    assertThat(send(adminA, new Call("gov", "vote", Bytes.wrap(new byte[] {9}))).code())
        .isEqualTo("GOV_INVALID");
    assertThat(vote(adminA, 42, true).code()).isEqualTo("GOV_NOT_FOUND");
    // Only the nonces moved (failures consume the nonce, [EXEC-4]).
    assertThat(withoutNonces(committed)).isEqualTo(withoutNonces(before));
  }

  @Test
  void anOrganisationThatRunsValidatorsOrTheLastAdminCannotBeRemoved() {
    genesis("open", Map.of());
    propose(adminB, Kind.REMOVE_ORG, Gov.encodeOrgId("a"), 100);
    Receipt r = vote(adminC, 1, true);
    assertThat(events(r)).contains("Failed");
    assertThat(proposal(1).status()).isEqualTo(Status.FAILED);
    assertThat(proposal(1).outcome()).contains("runs validators");
    assertThat(Gov.org(state, "a")).isPresent();

    byte[] lastAdmin = Gov.encode(new Gov.RoleChange(addr(2), "b", Gov.ADMIN));
    propose(adminA, Kind.REVOKE_ROLE, lastAdmin, 100);
    vote(adminC, 2, true);
    assertThat(proposal(2).status()).isEqualTo(Status.FAILED);
    assertThat(Gov.roles(state, addr(2)).orElseThrow().has(Gov.ADMIN)).isTrue();

    propose(adminA, Kind.REMOVE_ORG, Gov.encodeOrgId("c"), 100);
    vote(adminB, 3, true);
    assertThat(proposal(3).status()).isEqualTo(Status.EXECUTED);
    assertThat(Gov.orgIds(state)).containsExactly("a", "b");
    assertThat(Gov.roles(state, addr(3))).isEmpty();

    // Its id cannot come back (old member roles name it).
    propose(adminA, Kind.ADD_ORG, newOrg("c", 8), 100);
    vote(adminB, 4, true);
    assertThat(proposal(4).status()).isEqualTo(Status.FAILED);
    assertThat(proposal(4).outcome()).contains("was used before");
  }

  @Test
  void rulesCountOrganisations() {
    assertThat(Rule.MAJORITY.met(2, 3)).isTrue();
    assertThat(Rule.MAJORITY.met(2, 4)).isFalse();
    assertThat(Rule.parse("2/3").met(2, 3)).isTrue();
    assertThat(Rule.parse("2/3").met(2, 4)).isFalse();
    assertThat(Rule.parse("2/3").met(3, 4)).isTrue();
    assertThat(Rule.ALL.met(3, 3)).isTrue();
    assertThat(Rule.ANY.met(1, 10)).isTrue();
    assertThat(Rule.parse("3-of-n").met(3, 2)).isFalse();
    assertThatThrownBy(() -> Rule.parse("most")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rule.parse("4/3")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aGenesisThatContradictsItselfIsRefused() {
    assertThatThrownBy(
            () ->
                GovernanceGenesis.writes(
                    List.of(
                        new GovernanceGenesis.OrgSpec(
                            "a", "A", List.of(addr(1)), List.of(), List.of())),
                    List.of(validator),
                    "open",
                    Map.of(),
                    SHA256))
        .hasMessageContaining("not run by any organisation");
    assertThatThrownBy(
            () ->
                GovernanceGenesis.writes(
                    List.of(
                        new GovernanceGenesis.OrgSpec(
                            "a", "A", List.of(addr(1)), List.of(validator), List.of()),
                        new GovernanceGenesis.OrgSpec(
                            "b", "B", List.of(addr(1)), List.of(), List.of())),
                    List.of(validator),
                    "open",
                    Map.of(),
                    SHA256))
        .hasMessageContaining("two organisations");
    assertThatThrownBy(
            () ->
                GovernanceGenesis.writes(
                    List.of(
                        new GovernanceGenesis.OrgSpec(
                            "a", "A", List.of(addr(1)), List.of(validator), List.of())),
                    List.of(validator),
                    "everyone",
                    Map.of(),
                    SHA256))
        .hasMessageContaining("permissions");
  }
}
