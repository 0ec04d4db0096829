package org.jingchain.gov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.gov.GovernanceContractTest.SHA256;
import static org.jingchain.gov.GovernanceContractTest.addr;
import static org.jingchain.gov.GovernanceContractTest.events;
import static org.jingchain.gov.GovernanceContractTest.key;
import static org.jingchain.gov.GovernanceContractTest.withoutNonces;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jingchain.codec.DecodeException;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.BlockResult;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.StateReader;
import org.jingchain.gov.Gov.Kind;
import org.jingchain.gov.Gov.Status;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;
import org.junit.jupiter.api.Test;

/**
 * {@code add_validator} and {@code remove_validator} through the real executor
 * (docs/spec/governance.md, section 2): organisations a, b, c with one admin each; a runs
 * validators v10 and v9, b runs v11, in the genesis order v10, v9, v11.
 */
class ValidatorProposalsTest {
  static final String CHAIN = "test";

  final TreeMap<Bytes, Bytes> committed = new TreeMap<>();
  final StateReader state = k -> Optional.ofNullable(committed.get(k));
  final BlockExecutor executor =
      new BlockExecutor(
          CHAIN,
          SuiteId.INTL,
          SHA256,
          List.of(new GovernanceContract(SuiteId.INTL, SHA256)),
          AccessRules.RULES);
  long height = 1;

  final PublicKey adminA = key(1);
  final PublicKey adminB = key(2);
  final PublicKey adminC = key(3);
  final PublicKey v9 = key(9);
  final PublicKey v10 = key(10);
  final PublicKey v11 = key(11);
  final PublicKey v12 = key(12);

  void genesis(Map<String, String> params) {
    genesis(List.of(v9, v10), List.of(v10, v9, v11), params);
  }

  /** Org a runs {@code ofA}, b runs v11; the set is {@code order}. */
  void genesis(List<PublicKey> ofA, List<PublicKey> order, Map<String, String> params) {
    var writes =
        GovernanceGenesis.writes(
            List.of(
                new GovernanceGenesis.OrgSpec("a", "Hospital A", List.of(addr(1)), ofA, List.of()),
                new GovernanceGenesis.OrgSpec(
                    "b", "University B", List.of(addr(2)), List.of(v11), List.of()),
                new GovernanceGenesis.OrgSpec(
                    "c", "Bank C", List.of(addr(3)), List.of(), List.of())),
            order,
            "open",
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

  Receipt propose(PublicKey by, Kind kind, byte[] payload) {
    return send(by, new Call("gov", "propose", Gov.proposeArgs(kind, payload, 100)));
  }

  Receipt vote(PublicKey by, long id, boolean approve) {
    return send(by, new Call("gov", "vote", Gov.voteArgs(id, approve)));
  }

  static byte[] add(String org, PublicKey key) {
    return Gov.encode(new Gov.NewValidator(org, key));
  }

  static byte[] remove(PublicKey key) {
    return Gov.encodeValidatorKey(key);
  }

  Gov.Proposal proposal(long id) {
    return Gov.proposal(state, id).orElseThrow();
  }

  List<Validators.Entry> validators() {
    return Validators.read(state);
  }

  static Validators.Entry entry(PublicKey key, String org) {
    return new Validators.Entry(key, org);
  }

  static Event event(Receipt r, String type) {
    return r.events().stream().filter(e -> e.type().equals(type)).findFirst().orElseThrow();
  }

  /** An intl key from a number up to 65535. */
  static PublicKey wideKey(int n) {
    byte[] k = new byte[32];
    k[1] = (byte) (n >> 8);
    k[2] = (byte) n;
    k[3] = 1;
    return new PublicKey(SuiteId.INTL, Bytes.wrap(k));
  }

  @Test
  void kindsAreAppendedAndPayloadsAreCanonical() {
    // The kind's code is the first byte of the propose arguments: existing codes stay.
    assertThat(Gov.proposeArgs(Kind.ADD_ORG, new byte[0], 1).toByteArray()[0]).isEqualTo((byte) 0);
    assertThat(Gov.proposeArgs(Kind.SET_PARAM, new byte[0], 1).toByteArray()[0])
        .isEqualTo((byte) 4);
    assertThat(Gov.proposeArgs(Kind.ADD_VALIDATOR, new byte[0], 1).toByteArray()[0])
        .isEqualTo((byte) 5);
    assertThat(Gov.proposeArgs(Kind.REMOVE_VALIDATOR, new byte[0], 1).toByteArray()[0])
        .isEqualTo((byte) 6);
    assertThat(Kind.ADD_VALIDATOR.code()).isEqualTo(5);
    assertThat(Kind.REMOVE_VALIDATOR.code()).isEqualTo(6);
    assertThat(Kind.ofLabel("add_validator")).contains(Kind.ADD_VALIDATOR);
    assertThat(Kind.ofLabel("remove_validator")).contains(Kind.REMOVE_VALIDATOR);

    // add_validator: string org (u32 length, UTF-8), then u8 suite tag and the key's bytes.
    assertThat(Bytes.wrap(add("c", v12)).toHex())
        .isEqualTo("00000001" + "63" + "01" + v12.bytes().toHex());
    assertThat(Gov.decodeNewValidator(add("c", v12))).isEqualTo(new Gov.NewValidator("c", v12));
    // remove_validator: u8 suite tag and the key's bytes.
    assertThat(Bytes.wrap(remove(v12)).toHex()).isEqualTo("01" + v12.bytes().toHex());
    assertThat(Gov.decodeValidatorKey(remove(v12))).isEqualTo(v12);
    PublicKey sm = new PublicKey(SuiteId.SM, Bytes.wrap(new byte[33]));
    assertThat(Gov.decodeValidatorKey(remove(sm))).isEqualTo(sm);

    byte[] trailing = java.util.Arrays.copyOf(remove(v12), 34);
    assertThatThrownBy(() -> Gov.decodeValidatorKey(trailing)).isInstanceOf(DecodeException.class);
    assertThatThrownBy(() -> Gov.decodeNewValidator(java.util.Arrays.copyOf(add("c", v12), 30)))
        .isInstanceOf(DecodeException.class);

    assertThat(Gov.describePayload(Kind.ADD_VALIDATOR, Bytes.wrap(add("c", v12))))
        .isEqualTo("validator " + v12 + " run by org c");
    assertThat(Gov.describePayload(Kind.REMOVE_VALIDATOR, Bytes.wrap(remove(v12))))
        .isEqualTo("validator " + v12);
  }

  @Test
  void aMajorityAppendsAValidatorAndTheOthersKeepTheirOrder() {
    genesis(Map.of());
    assertThat(validators()).containsExactly(entry(v10, "a"), entry(v9, "a"), entry(v11, "b"));
    Receipt p = propose(adminC, Kind.ADD_VALIDATOR, add("c", v12));
    assertThat(p.code()).as(p.message()).isEmpty();
    assertThat(events(p)).containsExactly("Proposed", "Voted");
    assertThat(event(p, "Proposed").attribute("kind")).contains("add_validator");
    assertThat(event(p, "Proposed").attribute("rule")).contains("majority");
    assertThat(validators()).hasSize(3);

    Receipt executed = vote(adminA, 1, true);
    assertThat(events(executed)).containsExactly("Voted", "Executed", "ValidatorsChanged");
    assertThat(event(executed, "ValidatorsChanged").attribute("count")).contains("4");
    assertThat(proposal(1).status()).isEqualTo(Status.EXECUTED);
    assertThat(validators())
        .containsExactly(entry(v10, "a"), entry(v9, "a"), entry(v11, "b"), entry(v12, "c"));
  }

  // the validator role follows the set: an added validator's account gets it in its organisation,
  // a removed one loses it (and keeps any other role)
  @Test
  void theValidatorRoleFollowsTheSet() {
    genesis(Map.of());
    Address a12 = Address.of(v12, SHA256);
    assertThat(Gov.roles(state, a12)).isEmpty();
    propose(adminC, Kind.ADD_VALIDATOR, add("c", v12));
    vote(adminA, 1, true);
    assertThat(Gov.roles(state, a12)).contains(new Gov.Roles("c", Gov.VALIDATOR));

    Address a9 = Address.of(v9, SHA256);
    assertThat(Gov.roles(state, a9).orElseThrow().has(Gov.VALIDATOR)).isTrue();
    propose(adminB, Kind.REMOVE_VALIDATOR, remove(v9));
    vote(adminC, 2, true);
    assertThat(Gov.roles(state, a9)).isEmpty();
  }

  // an account belongs to one organisation: a key whose account is another's cannot be added for c
  @Test
  void aValidatorWhoseAccountBelongsToAnotherOrganisationFailsAndChangesNothing() {
    genesis(Map.of());
    propose(adminC, Kind.ADD_VALIDATOR, add("c", adminA));
    Receipt r = vote(adminB, 1, true);
    assertThat(proposal(1).status()).isEqualTo(Status.FAILED);
    assertThat(r.events().toString()).contains("GOV_CONFLICT");
    assertThat(validators()).hasSize(3);
    assertThat(Gov.roles(state, Address.of(adminA, SHA256)).orElseThrow().org()).isEqualTo("a");
  }

  @Test
  void removalKeepsTheOrderOfTheRest() {
    genesis(Map.of());
    propose(adminB, Kind.REMOVE_VALIDATOR, remove(v9));
    Receipt executed = vote(adminC, 1, true);
    assertThat(events(executed)).containsExactly("Voted", "Executed", "ValidatorsChanged");
    assertThat(event(executed, "ValidatorsChanged").attribute("count")).contains("2");
    assertThat(validators()).containsExactly(entry(v10, "a"), entry(v11, "b"));

    // Once b runs no validator, b can be removed.
    propose(adminA, Kind.REMOVE_VALIDATOR, remove(v11));
    vote(adminC, 2, true);
    assertThat(validators()).containsExactly(entry(v10, "a"));
    propose(adminA, Kind.REMOVE_ORG, Gov.encodeOrgId("b"));
    vote(adminC, 3, true);
    assertThat(proposal(3).status()).isEqualTo(Status.EXECUTED);
  }

  @Test
  void aKeyThatIsAlreadyAValidatorIsRefused() {
    genesis(Map.of());
    propose(adminC, Kind.ADD_VALIDATOR, add("c", v11));
    Receipt r = vote(adminA, 1, true);
    assertThat(r.code()).as("the vote itself succeeds").isEmpty();
    assertThat(events(r)).containsExactly("Voted", "Failed");
    assertThat(proposal(1).status()).isEqualTo(Status.FAILED);
    assertThat(proposal(1).outcome()).startsWith("GOV_EXISTS");
    assertThat(validators()).containsExactly(entry(v10, "a"), entry(v9, "a"), entry(v11, "b"));
  }

  @Test
  void anUnknownOrganisationIsRefused() {
    genesis(Map.of());
    propose(adminC, Kind.ADD_VALIDATOR, add("zz", v12));
    vote(adminA, 1, true);
    assertThat(proposal(1).status()).isEqualTo(Status.FAILED);
    assertThat(proposal(1).outcome()).startsWith("GOV_NOT_FOUND");
    assertThat(validators()).hasSize(3);
  }

  @Test
  void aKeyOfAnotherSuiteOrAMalformedOrgIdIsRefusedWhenProposed() {
    genesis(Map.of());
    Map<Bytes, Bytes> before = withoutNonces(committed);
    PublicKey sm = new PublicKey(SuiteId.SM, Bytes.wrap(new byte[33]));
    Receipt add = propose(adminA, Kind.ADD_VALIDATOR, add("c", sm));
    assertThat(add.code()).isEqualTo("GOV_INVALID");
    assertThat(add.message()).contains("sm");
    assertThat(propose(adminA, Kind.REMOVE_VALIDATOR, remove(sm)).code()).isEqualTo("GOV_INVALID");
    assertThat(propose(adminA, Kind.ADD_VALIDATOR, add("Not An Id", v12)).code())
        .isEqualTo("GOV_INVALID");
    assertThat(withoutNonces(committed)).as("no proposal was made").isEqualTo(before);
    assertThat(Gov.nextProposalId(state)).isEqualTo(1);
  }

  @Test
  void theLastValidatorCannotBeRemoved() {
    genesis(List.of(v9), List.of(v9, v11), Map.of());
    propose(adminA, Kind.REMOVE_VALIDATOR, remove(v11));
    vote(adminB, 1, true);
    assertThat(validators()).containsExactly(entry(v9, "a"));

    propose(adminA, Kind.REMOVE_VALIDATOR, remove(v9));
    Receipt r = vote(adminB, 2, true);
    assertThat(events(r)).containsExactly("Voted", "Failed");
    assertThat(proposal(2).outcome()).startsWith("GOV_CONFLICT");
    assertThat(validators()).containsExactly(entry(v9, "a"));
  }

  @Test
  void anUnknownKeyCannotBeRemoved() {
    genesis(Map.of());
    propose(adminA, Kind.REMOVE_VALIDATOR, remove(v12));
    vote(adminB, 1, true);
    assertThat(proposal(1).status()).isEqualTo(Status.FAILED);
    assertThat(proposal(1).outcome()).startsWith("GOV_NOT_FOUND");
    assertThat(validators()).hasSize(3);
  }

  @Test
  void atMostAThousandValidators() {
    List<PublicKey> many = new ArrayList<>();
    for (int i = 0; i < Validators.MAX - 1; i++) {
      many.add(wideKey(i));
    }
    List<PublicKey> order = new ArrayList<>(many);
    order.add(v11);
    genesis(many, order, Map.of());
    assertThat(validators()).hasSize(Validators.MAX);
    propose(adminC, Kind.ADD_VALIDATOR, add("c", v12));
    vote(adminA, 1, true);
    assertThat(proposal(1).status()).isEqualTo(Status.FAILED);
    assertThat(proposal(1).outcome()).startsWith("GOV_LIMIT");
    assertThat(validators()).hasSize(Validators.MAX);
  }

  @Test
  void shortOfItsThresholdNothingChanges() {
    assertThat(Params.encode(Params.RULE_PREFIX + "remove_validator", "2/3")).isNotEmpty();
    genesis(Map.of(Params.RULE_PREFIX + "add_validator", "all"));
    assertThat(Params.rule(state, Kind.ADD_VALIDATOR)).isEqualTo(Rule.ALL);
    assertThat(Params.rule(state, Kind.REMOVE_VALIDATOR)).isEqualTo(Rule.MAJORITY);
    List<Validators.Entry> before = validators();

    propose(adminC, Kind.ADD_VALIDATOR, add("c", v12));
    Receipt second = vote(adminA, 1, true);
    assertThat(events(second)).containsExactly("Voted");
    assertThat(proposal(1).status()).isEqualTo(Status.OPEN);
    assertThat(validators()).isEqualTo(before);
    Receipt no = vote(adminB, 1, false);
    assertThat(events(no)).containsExactly("Voted", "Rejected");
    assertThat(validators()).isEqualTo(before);

    // remove_validator keeps the default majority: one approval of three is not enough.
    Receipt alone = propose(adminA, Kind.REMOVE_VALIDATOR, remove(v9));
    assertThat(events(alone)).containsExactly("Proposed", "Voted");
    assertThat(proposal(2).status()).isEqualTo(Status.OPEN);
    assertThat(validators()).isEqualTo(before);
  }

  @Test
  void badPayloadBytesAreInvalid() {
    genesis(Map.of());
    Map<Bytes, Bytes> before = withoutNonces(committed);
    byte[] unknownSuite = remove(v12);
    unknownSuite[0] = 9;
    byte[] addUnknownSuite = add("c", v12);
    addUnknownSuite[5] = 9;
    List<byte[]> bad =
        List.of(
            new byte[0],
            new byte[] {1, 2, 3},
            java.util.Arrays.copyOf(remove(v12), 32),
            java.util.Arrays.copyOf(remove(v12), 34),
            unknownSuite);
    for (byte[] b : bad) {
      assertThat(propose(adminA, Kind.REMOVE_VALIDATOR, b).code()).isEqualTo("GOV_INVALID");
    }
    List<byte[]> badAdd =
        List.of(
            new byte[] {1, 2, 3},
            remove(v12),
            java.util.Arrays.copyOf(add("c", v12), 37),
            java.util.Arrays.copyOf(add("c", v12), 39),
            addUnknownSuite);
    for (byte[] b : badAdd) {
      assertThat(propose(adminA, Kind.ADD_VALIDATOR, b).code()).isEqualTo("GOV_INVALID");
    }
    assertThat(withoutNonces(committed)).isEqualTo(before);
  }
}
