package org.jingchain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.DidOperation.Create;
import org.jingchain.identity.DidOperation.Deactivate;
import org.jingchain.identity.DidOperation.Patch;
import org.jingchain.identity.DidOperation.Recover;
import org.jingchain.identity.DidOperation.Update;
import org.jingchain.identity.DidTestKeys.SigningKey;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The DID registry's rules (docs/spec/did-method.md), applied as the executor applies them. */
class DidContractTest {
  static final String CHAIN = "jing-test";
  final DidContract contract = new DidContract(CHAIN, CryptoSuites.intl());
  final WriteSet state = new WriteSet(k -> Optional.empty());
  long height = 1;

  static List<Supplier<SigningKey>> keyTypes() {
    return List.of(DidTestKeys::ed25519, DidTestKeys::sm2, DidTestKeys::p256);
  }

  TxContext ctx() {
    Address a = new Address(SuiteId.INTL, Bytes.wrap(new byte[20]));
    BlockHeader h =
        new BlockHeader(
            CHAIN,
            height,
            height,
            Hash.ZERO,
            1_700_000_000_000L + height,
            a,
            Hash.ZERO,
            0,
            Hash.ZERO,
            Hash.ZERO);
    height++;
    return new TxContext(a, Hash.ZERO, h);
  }

  List<Event> apply(String method, Bytes args) throws ExecutionFailure {
    WriteSet tx = new WriteSet(state);
    List<Event> events = contract.call(ctx(), method, args, tx);
    tx.mergeInto(state);
    return events;
  }

  String code(String method, Bytes args) {
    try {
      apply(method, args);
      return "applied";
    } catch (ExecutionFailure f) {
      return f.code();
    }
  }

  DidRecord record(String did) {
    return DidCodec.decodeRecord(
        state.get(Did.stateKey(Did.id(did).orElseThrow())).orElseThrow().unsafeArray());
  }

  static VerificationMethod auth(String id, SigningKey k) {
    return new VerificationMethod(id, k.key(), VerificationMethod.AUTHENTICATION);
  }

  String create(SigningKey update, SigningKey recovery) throws ExecutionFailure {
    Create c =
        new Create(CHAIN, update.key(), recovery.key(), List.of(auth("key-1", update)), List.of());
    Event e = apply("create", DidTestKeys.signed(c, update)).getFirst();
    return e.attributes().getFirst().value();
  }

  // [DID-1] [DID-2]
  @ParameterizedTest
  @MethodSource("keyTypes")
  void aDidIsDerivedFromItsKeysAndCreatedByTheirHolder(Supplier<SigningKey> type) throws Exception {
    SigningKey update = type.get();
    SigningKey recovery = type.get();
    String did = create(update, recovery);
    assertThat(did).isEqualTo(Did.derive(update.key(), recovery.key(), CryptoSuites.intl()));
    assertThat(did).matches("did:jing:[0-9a-f]{40}");
    DidRecord r = record(did);
    assertThat(r.version()).isEqualTo(1);
    assertThat(r.methods()).extracting(VerificationMethod::id).containsExactly("key-1");
    Create again = new Create(CHAIN, update.key(), recovery.key(), List.of(), List.of());
    assertThat(code("create", DidTestKeys.signed(again, update))).isEqualTo("DID_EXISTS");
  }

  // [DID-1] [DID-2] nobody can register a DID for keys they do not hold
  @Test
  void aCreateNotSignedByItsUpdateKeyIsRefusedSoIdsCannotBeSquatted() {
    SigningKey victim = DidTestKeys.ed25519();
    SigningKey attacker = DidTestKeys.ed25519();
    Create c = new Create(CHAIN, victim.key(), victim.key(), List.of(), List.of());
    assertThat(code("create", DidTestKeys.signed(c, attacker))).isEqualTo("DID_UNAUTHORIZED");
    assertThat(state.changes()).isEmpty();
  }

  @Test
  void updatesAddAndRemoveKeysAndServicesAndRotateTheUpdateKey() throws Exception {
    SigningKey update = DidTestKeys.ed25519();
    SigningKey recovery = DidTestKeys.sm2();
    String did = create(update, recovery);
    SigningKey p256 = DidTestKeys.p256();
    SigningKey next = DidTestKeys.sm2();
    Update u =
        new Update(
            CHAIN,
            did,
            1,
            List.of(
                new Patch.AddMethod(
                    new VerificationMethod("key-2", p256.key(), VerificationMethod.ASSERTION)),
                new Patch.RemoveMethod("key-1"),
                new Patch.AddService(
                    new DidService("hub", "LinkedDomains", "https://example.org/hub")),
                new Patch.RotateUpdateKey(next.key())));
    assertThat(apply("update", DidTestKeys.signed(u, update)).getFirst().type())
        .isEqualTo("Updated");
    DidRecord r = record(did);
    assertThat(r.version()).isEqualTo(2);
    assertThat(r.methods()).extracting(VerificationMethod::id).containsExactly("key-2");
    assertThat(r.services()).extracting(DidService::id).containsExactly("hub");
    assertThat(r.updateKey()).isEqualTo(next.key());
    assertThat(r.createdHeight()).isLessThan(r.updatedHeight());
  }

  // [DID-2] an update signed by a key that was rotated out is refused
  @Test
  void anUpdateSignedByARemovedKeyIsRejected() throws Exception {
    SigningKey old = DidTestKeys.ed25519();
    String did = create(old, DidTestKeys.ed25519());
    SigningKey next = DidTestKeys.ed25519();
    apply(
        "update",
        DidTestKeys.signed(
            new Update(CHAIN, did, 1, List.of(new Patch.RotateUpdateKey(next.key()))), old));
    Update byOld = new Update(CHAIN, did, 2, List.of(new Patch.RemoveMethod("key-1")));
    assertThat(code("update", DidTestKeys.signed(byOld, old))).isEqualTo("DID_UNAUTHORIZED");
    assertThat(code("update", DidTestKeys.signed(byOld, next))).isEqualTo("applied");
  }

  // [DID-3]
  @Test
  void aReplayedOperationIsRejected() throws Exception {
    SigningKey update = DidTestKeys.ed25519();
    String did = create(update, DidTestKeys.ed25519());
    Bytes op =
        DidTestKeys.signed(
            new Update(
                CHAIN,
                did,
                1,
                List.of(new Patch.AddService(new DidService("s", "t", "https://e")))),
            update);
    assertThat(code("update", op)).isEqualTo("applied");
    assertThat(code("update", op)).isEqualTo("DID_VERSION_MISMATCH");
    assertThat(record(did).services()).hasSize(1);
  }

  @Test
  void anOperationForAnotherChainIsRejected() throws Exception {
    SigningKey update = DidTestKeys.ed25519();
    Create c = new Create("other-chain", update.key(), update.key(), List.of(), List.of());
    assertThat(code("create", DidTestKeys.signed(c, update))).isEqualTo("DID_WRONG_CHAIN");
  }

  // [DID-5]
  @Test
  void recoveryReplacesBothKeysAndLocksOutAStolenUpdateKey() throws Exception {
    SigningKey stolen = DidTestKeys.ed25519();
    SigningKey recovery = DidTestKeys.p256();
    String did = create(stolen, recovery);
    SigningKey fresh = DidTestKeys.ed25519();
    SigningKey freshRecovery = DidTestKeys.p256();
    Recover byThief = new Recover(CHAIN, did, 1, stolen.key(), stolen.key());
    assertThat(code("recover", DidTestKeys.signed(byThief, stolen))).isEqualTo("DID_UNAUTHORIZED");
    Recover rc = new Recover(CHAIN, did, 1, fresh.key(), freshRecovery.key());
    assertThat(apply("recover", DidTestKeys.signed(rc, recovery)).getFirst().type())
        .isEqualTo("Recovered");
    Update byStolen = new Update(CHAIN, did, 2, List.of());
    assertThat(code("update", DidTestKeys.signed(byStolen, stolen))).isEqualTo("DID_UNAUTHORIZED");
    assertThat(record(did).methods()).extracting(VerificationMethod::id).containsExactly("key-1");
  }

  // [DID-4]
  @Test
  void aDeactivatedDidAcceptsNoFurtherOperation() throws Exception {
    SigningKey update = DidTestKeys.sm2();
    SigningKey recovery = DidTestKeys.sm2();
    String did = create(update, recovery);
    assertThat(code("deactivate", DidTestKeys.signed(new Deactivate(CHAIN, did, 1), update)))
        .as("the update key cannot deactivate")
        .isEqualTo("DID_UNAUTHORIZED");
    apply("deactivate", DidTestKeys.signed(new Deactivate(CHAIN, did, 1), recovery));
    assertThat(record(did).deactivated()).isTrue();
    assertThat(code("update", DidTestKeys.signed(new Update(CHAIN, did, 2, List.of()), update)))
        .isEqualTo("DID_DEACTIVATED");
    assertThat(
            code(
                "recover",
                DidTestKeys.signed(
                    new Recover(CHAIN, did, 2, update.key(), update.key()), recovery)))
        .isEqualTo("DID_DEACTIVATED");
  }

  // [DID-6] [DID-7]
  @Test
  void malformedOperationsBadKeysAndBrokenLimitsAreInvalidAndChangeNothing() throws Exception {
    assertThat(code("create", Bytes.wrap(new byte[] {1, 2, 3}))).isEqualTo("DID_INVALID");
    SigningKey update = DidTestKeys.ed25519();
    byte[] offCurve = new byte[33];
    offCurve[0] = 0x02;
    java.util.Arrays.fill(offCurve, 1, 33, (byte) 0xff);
    DidKey bad = new DidKey(DidKey.Type.P256, Bytes.wrap(offCurve));
    Create withBadKey =
        new Create(
            CHAIN,
            update.key(),
            update.key(),
            List.of(new VerificationMethod("k", bad, 1)),
            List.of());
    assertThat(code("create", DidTestKeys.signed(withBadKey, update))).isEqualTo("DID_INVALID");
    Create repeated =
        new Create(
            CHAIN,
            update.key(),
            update.key(),
            List.of(auth("k", update), auth("k", update)),
            List.of());
    assertThat(code("create", DidTestKeys.signed(repeated, update))).isEqualTo("DID_INVALID");
    Create wrongMethod = new Create(CHAIN, update.key(), update.key(), List.of(), List.of());
    assertThat(code("update", DidTestKeys.signed(wrongMethod, update))).isEqualTo("DID_INVALID");
    assertThat(
            code(
                "update",
                DidTestKeys.signed(new Update(CHAIN, "did:jing:xyz", 1, List.of()), update)))
        .isEqualTo("DID_INVALID");
    assertThat(
            code(
                "update",
                DidTestKeys.signed(
                    new Update(CHAIN, "did:jing:" + "0".repeat(40), 1, List.of()), update)))
        .isEqualTo("DID_NOT_FOUND");
    assertThat(state.changes()).isEmpty();
  }

  @Test
  void operationsAndRecordsRoundTripThroughTheCodec() throws Exception {
    SigningKey k = DidTestKeys.p256();
    Update u =
        new Update(
            CHAIN,
            "did:jing:" + "a".repeat(40),
            3,
            List.of(
                new Patch.AddMethod(auth("x", k)),
                new Patch.RemoveService("s"),
                new Patch.RotateUpdateKey(k.key())));
    assertThat(DidCodec.decodeOperation(DidCodec.encode(u))).isEqualTo(u);
    String did = create(DidTestKeys.sm2(), DidTestKeys.ed25519());
    DidRecord r = record(did);
    assertThat(DidCodec.decodeRecord(DidCodec.encode(r))).isEqualTo(r);
    assertThatThrownBy(() -> DidCodec.decodeOperation(new byte[] {0x41}))
        .isInstanceOf(org.jingchain.codec.DecodeException.class);
  }

  // [DID-10]
  @Test
  void aBatchOfSelfSignedCreatesIsAppliedAllOrNothing() throws Exception {
    java.util.List<DidCodec.Signed> batch = new java.util.ArrayList<>();
    java.util.List<String> dids = new java.util.ArrayList<>();
    for (int i = 0; i < DidCodec.MAX_BATCH; i++) {
      SigningKey k = i % 2 == 0 ? DidTestKeys.ed25519() : DidTestKeys.sm2();
      Create c = new Create(CHAIN, k.key(), k.key(), List.of(auth("key-1", k)), List.of());
      byte[] bytes = DidCodec.encode(c);
      batch.add(new DidCodec.Signed(bytes, k.sign(bytes)));
      dids.add(Did.derive(k.key(), k.key(), CryptoSuites.intl()));
    }
    Bytes args = Bytes.wrap(DidCodec.encodeBatch(batch));
    assertThat(args.length()).isLessThanOrEqualTo(org.jingchain.types.Limits.MAX_ARGS_BYTES);
    List<Event> events = apply("createBatch", args);
    assertThat(events.getFirst().attributes().getFirst().value())
        .isEqualTo(Integer.toString(DidCodec.MAX_BATCH));
    for (String did : dids) {
      assertThat(record(did).version()).isEqualTo(1);
    }

    // one forged item spoils the whole batch: nothing of it is written
    SigningKey a = DidTestKeys.ed25519();
    SigningKey b = DidTestKeys.ed25519();
    Create good = new Create(CHAIN, a.key(), a.key(), List.of(), List.of());
    Create forged = new Create(CHAIN, b.key(), b.key(), List.of(), List.of());
    byte[] g = DidCodec.encode(good);
    byte[] f = DidCodec.encode(forged);
    Bytes mixed =
        Bytes.wrap(
            DidCodec.encodeBatch(
                List.of(new DidCodec.Signed(g, a.sign(g)), new DidCodec.Signed(f, a.sign(f)))));
    int before = state.changes().size();
    assertThat(code("createBatch", mixed)).isEqualTo("DID_UNAUTHORIZED");
    assertThat(state.changes()).hasSize(before);
  }
}
