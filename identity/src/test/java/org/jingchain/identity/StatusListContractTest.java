package org.jingchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.DidTestKeys.SigningKey;
import org.jingchain.identity.StatusListContract.CreateList;
import org.jingchain.identity.StatusListContract.Purpose;
import org.jingchain.identity.StatusListContract.SetStatus;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status lists (docs/spec/status-list.md): only the issuer flips bits; revocation is final. */
class StatusListContractTest {
  static final String CHAIN = "jing-test";
  final WriteSet state = new WriteSet(k -> Optional.empty());
  final DidContract dids = new DidContract(CHAIN, CryptoSuites.intl());
  final StatusListContract lists = new StatusListContract(CHAIN);
  SigningKey update;
  SigningKey assertion;
  SigningKey recovery;
  String issuer;

  TxContext ctx() {
    Address a = new Address(SuiteId.INTL, Bytes.wrap(new byte[20]));
    return new TxContext(
        a,
        Hash.ZERO,
        new BlockHeader(CHAIN, 1, 1, Hash.ZERO, 1, a, Hash.ZERO, 0, Hash.ZERO, Hash.ZERO));
  }

  String code(org.jingchain.execution.SystemContract c, String method, Bytes args) {
    WriteSet tx = new WriteSet(state);
    try {
      c.call(ctx(), method, args, tx);
      tx.mergeInto(state);
      return "applied";
    } catch (ExecutionFailure f) {
      return f.code();
    }
  }

  static Bytes signed(byte[] op, SigningKey by) {
    return Bytes.wrap(DidCodec.encode(new DidCodec.Signed(op, by.sign(op))));
  }

  @BeforeEach
  void anIssuerDidWithAnAssertionKey() {
    update = DidTestKeys.ed25519();
    assertion = DidTestKeys.p256();
    recovery = DidTestKeys.sm2();
    var create =
        new DidOperation.Create(
            CHAIN,
            update.key(),
            recovery.key(),
            List.of(new VerificationMethod("issue", assertion.key(), VerificationMethod.ASSERTION)),
            List.of());
    assertThat(code(dids, "create", DidTestKeys.signed(create, update))).isEqualTo("applied");
    issuer = Did.derive(update.key(), recovery.key(), CryptoSuites.intl());
  }

  boolean bit(String listId, int index) {
    return StatusListContract.isSet(
        state.get(StatusListContract.pageKey(issuer, listId, index / 1024)), index);
  }

  String create(String listId, Purpose p, SigningKey by, String keyId) {
    return code(
        lists,
        "createList",
        signed(
            StatusListContract.encode(new CreateList(CHAIN, issuer, keyId, listId, 131_072, p)),
            by));
  }

  String set(String listId, long version, List<Integer> idx, boolean value, SigningKey by) {
    return code(
        lists,
        "setStatus",
        signed(
            StatusListContract.encode(
                new SetStatus(CHAIN, issuer, "issue", listId, version, idx, value)),
            by));
  }

  @Test
  void anIssuerRevokesWithOneSmallTransactionAndRevocationIsFinal() {
    assertThat(create("rev-1", Purpose.REVOCATION, assertion, "issue")).isEqualTo("applied");
    assertThat(bit("rev-1", 94_567)).isFalse();
    assertThat(set("rev-1", 1, List.of(94_567), true, assertion)).isEqualTo("applied");
    assertThat(bit("rev-1", 94_567)).isTrue();
    assertThat(bit("rev-1", 94_566)).isFalse();
    assertThat(set("rev-1", 2, List.of(94_567), false, assertion)).isEqualTo("STATUS_FINAL");
    assertThat(bit("rev-1", 94_567)).isTrue();
  }

  @Test
  void aSuspensionCanBeLifted() {
    create("sus-1", Purpose.SUSPENSION, update, "");
    assertThat(set("sus-1", 1, List.of(7, 8), true, assertion)).isEqualTo("applied");
    assertThat(set("sus-1", 2, List.of(7), false, assertion)).isEqualTo("applied");
    assertThat(bit("sus-1", 7)).isFalse();
    assertThat(bit("sus-1", 8)).isTrue();
  }

  @Test
  void onlyTheIssuersAssertionOrUpdateKeyMayChangeAListAndNothingIsReplayed() {
    create("rev-2", Purpose.REVOCATION, assertion, "issue");
    SigningKey stranger = DidTestKeys.p256();
    assertThat(set("rev-2", 1, List.of(1), true, stranger)).isEqualTo("STATUS_UNAUTHORIZED");
    assertThat(set("rev-2", 1, List.of(1), true, recovery))
        .as("recovery key is not an assertion key")
        .isEqualTo("STATUS_UNAUTHORIZED");
    byte[] op =
        StatusListContract.encode(
            new SetStatus(CHAIN, issuer, "issue", "rev-2", 1, List.of(1), true));
    assertThat(code(lists, "setStatus", signed(op, assertion))).isEqualTo("applied");
    assertThat(code(lists, "setStatus", signed(op, assertion)))
        .isEqualTo("STATUS_VERSION_MISMATCH");
    assertThat(set("rev-2", 2, List.of(131_072), true, assertion)).isEqualTo("STATUS_INVALID");
    assertThat(create("rev-2", Purpose.REVOCATION, assertion, "issue")).isEqualTo("STATUS_EXISTS");
  }

  @Test
  void aDeactivatedIssuerCanChangeNothing() {
    create("rev-3", Purpose.REVOCATION, assertion, "issue");
    assertThat(
            code(
                dids,
                "deactivate",
                DidTestKeys.signed(new DidOperation.Deactivate(CHAIN, issuer, 1), recovery)))
        .isEqualTo("applied");
    assertThat(set("rev-3", 1, List.of(5), true, assertion)).isEqualTo("STATUS_UNAUTHORIZED");
    assertThat(bit("rev-3", 5)).isFalse();
  }

  @Test
  void malformedOperationsAreInvalid() {
    assertThat(code(lists, "setStatus", Bytes.wrap(new byte[] {9}))).isEqualTo("STATUS_INVALID");
    byte[] createOp =
        StatusListContract.encode(
            new CreateList(CHAIN, issuer, "issue", "x", 1000, Purpose.REVOCATION));
    assertThat(code(lists, "createList", signed(createOp, assertion)))
        .as("size not a multiple of 1024")
        .isEqualTo("STATUS_INVALID");
    byte[] ok =
        StatusListContract.encode(
            new CreateList(CHAIN, issuer, "issue", "y", 1024, Purpose.REVOCATION));
    assertThat(code(lists, "setStatus", signed(ok, assertion)))
        .as("method mismatch")
        .isEqualTo("STATUS_INVALID");
  }
}
