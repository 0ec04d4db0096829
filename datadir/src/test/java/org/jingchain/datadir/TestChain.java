package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.DidRecord;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;

/**
 * A chain in memory for the data directory's tests: real DIDs made by the identity module's {@link
 * DidContract}, the contract under test, and block height and time the test moves on. Keys derive
 * from fixed names, so every run is the same.
 */
final class TestChain {
  static final String CHAIN = "jing-test";
  static final long START_MILLIS = 1_700_000_000_000L;
  static final long DAY = 24L * 60 * 60 * 1000;

  /** A DID and the keys that act for it; {@code address} is its authentication key's account. */
  record Party(String name, String did, KeyPair auth, KeyPair recovery) {
    Address address() {
      return auth.address();
    }
  }

  final SuiteId suite;
  final CryptoSuite crypto;
  final DidContract dids;
  final DatadirContract datadir;
  final WriteSet state = new WriteSet(k -> Optional.empty());
  long height = 1;
  long timeMillis = START_MILLIS;
  private long txCount;

  TestChain() {
    this(SuiteId.INTL);
  }

  TestChain(SuiteId suite) {
    this.suite = suite;
    this.crypto = CryptoSuites.of(suite);
    this.dids = new DidContract(CHAIN, crypto);
    this.datadir = new DatadirContract(suite, crypto);
  }

  // ---- time

  /** Moves block time on by {@code millis} (and the height by one). */
  void advance(long millis) {
    timeMillis += millis;
    height++;
  }

  TxContext ctx(Address sender) {
    BlockHeader h =
        new BlockHeader(
            CHAIN,
            height,
            height,
            Hash.ZERO,
            timeMillis,
            sender,
            Hash.ZERO,
            0,
            Hash.ZERO,
            Hash.ZERO);
    byte[] id = crypto.hash(("tx-" + txCount++).getBytes(StandardCharsets.UTF_8)).toByteArray();
    return new TxContext(sender, Hash.wrap(id), h);
  }

  // ---- DIDs

  KeyPair key(String label) {
    byte[] seed = CryptoSuites.intl().hash(label.getBytes(StandardCharsets.UTF_8)).toByteArray();
    return crypto.keyPairFromPrivateKey(seed);
  }

  DidKey didKey(KeyPair k) {
    return new DidKey(
        k.suite().id() == SuiteId.INTL ? DidKey.Type.ED25519 : DidKey.Type.SM2,
        k.publicKey().bytes());
  }

  /** The DID {@link #party} makes for {@code name}, without making it. */
  String didOf(String name) {
    return Did.derive(didKey(key(name + "/auth")), didKey(key(name + "/recovery")), crypto);
  }

  /** A DID whose update key is also its authentication key {@code key-1}. */
  Party party(String name) {
    KeyPair auth = key(name + "/auth");
    KeyPair recovery = key(name + "/recovery");
    String did =
        createDid(
            auth,
            recovery,
            List.of(
                new VerificationMethod(
                    "key-1",
                    didKey(auth),
                    VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION)));
    return new Party(name, did, auth, recovery);
  }

  String createDid(KeyPair update, KeyPair recovery, List<VerificationMethod> methods) {
    DidOperation.Create c =
        new DidOperation.Create(CHAIN, didKey(update), didKey(recovery), methods, List.of());
    applyDid("create", c, update);
    return Did.derive(c.updateKey(), c.recoveryKey(), crypto);
  }

  DidRecord record(String did) {
    return DidCodec.decodeRecord(
        state.get(Did.stateKey(Did.id(did).orElseThrow())).orElseThrow().unsafeArray());
  }

  void deactivate(Party p) {
    applyDid(
        "deactivate",
        new DidOperation.Deactivate(CHAIN, p.did(), record(p.did()).version()),
        p.recovery());
  }

  /** Replaces {@code p}'s authentication key {@code key-1} by {@code next}'s key. */
  void rotateAuthKey(Party p, KeyPair next) {
    DidOperation.Update u =
        new DidOperation.Update(
            CHAIN,
            p.did(),
            record(p.did()).version(),
            List.of(
                new DidOperation.Patch.RemoveMethod("key-1"),
                new DidOperation.Patch.AddMethod(
                    new VerificationMethod(
                        "key-2", didKey(next), VerificationMethod.AUTHENTICATION))));
    applyDid("update", u, p.auth());
  }

  /** A compressed P-256 public key: {@code k}·G. */
  static DidKey p256(long k) {
    var curve = CustomNamedCurves.getByName("secp256r1");
    byte[] point = curve.getG().multiply(BigInteger.valueOf(k)).normalize().getEncoded(true);
    return new DidKey(DidKey.Type.P256, Bytes.wrap(point));
  }

  private void applyDid(String method, DidOperation op, KeyPair signer) {
    byte[] bytes = DidCodec.encode(op);
    Bytes args = Bytes.wrap(DidCodec.encode(new DidCodec.Signed(bytes, signer.sign(bytes))));
    try {
      WriteSet tx = new WriteSet(state);
      dids.call(ctx(signer.address()), method, args, tx);
      tx.mergeInto(state);
    } catch (ExecutionFailure f) {
      throw new AssertionError("did " + method + " failed: " + f.code() + " " + f.getMessage(), f);
    }
  }

  // ---- the contract under test

  /** Runs {@code call} sent by {@code sender}; its writes are kept only when it succeeds. */
  List<Event> apply(Address sender, Call call) throws ExecutionFailure {
    assertThat(call.contract()).isEqualTo(DatadirContract.NAME);
    WriteSet tx = new WriteSet(state);
    List<Event> events = datadir.call(ctx(sender), call.method(), call.args(), tx);
    tx.mergeInto(state);
    return events;
  }

  /** The one event of a call that must succeed. */
  Event ok(Party as, Call call) {
    return ok(as.address(), call);
  }

  Event ok(Address sender, Call call) {
    try {
      List<Event> events = apply(sender, call);
      assertThat(events).hasSize(1);
      return events.getFirst();
    } catch (ExecutionFailure f) {
      return fail("%s failed: %s %s", call.method(), f.code(), f.getMessage());
    }
  }

  /**
   * The code of a call that must fail; asserts [DD-17]: the contract wrote nothing, and state is as
   * it was.
   */
  String refused(Party as, Call call) {
    return refused(as.address(), call);
  }

  String refused(Address sender, Call call) {
    TreeMap<Bytes, Optional<Bytes>> before = new TreeMap<>(state.changes());
    WriteSet tx = new WriteSet(state);
    try {
      datadir.call(ctx(sender), call.method(), call.args(), tx);
    } catch (ExecutionFailure f) {
      assertThat(tx.changes()).as("writes of a failed %s", call.method()).isEmpty();
      assertThat(state.changes()).isEqualTo(before);
      assertThat(f.getMessage().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
      return f.code();
    }
    return fail("%s succeeded but should have failed", call.method());
  }

  /** A snapshot of all state, to compare before and after. */
  SortedMap<Bytes, Optional<Bytes>> snapshot() {
    return new TreeMap<>(state.changes());
  }

  // ---- readers

  DataAsset asset(String id) {
    return Datadir.asset(state, id).orElseThrow();
  }

  Grant grant(long id) {
    return Datadir.grant(state, id).orElseThrow();
  }

  AccessRequest request(long id) {
    return Datadir.request(state, id).orElseThrow();
  }

  static long number(Event e, String attribute) {
    return Long.parseLong(e.attribute(attribute).orElseThrow());
  }
}
