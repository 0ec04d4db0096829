package org.jingchain.sdk.datadir;

import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.datadir.DatadirContract;
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
import org.jingchain.vc.ChainView;

/**
 * A chain in memory, changed only by the real identity and data directory contracts, with a block
 * height and time the test moves on. Keys derive from names (P-256 keys excepted), so runs repeat.
 */
final class TestChain {
  static final String CHAIN = "jing-sdk-test";
  static final long START_MILLIS = 1_767_225_600_000L;
  static final long DAY = 24L * 60 * 60 * 1000;

  /** The key types a DID's authentication key can have. */
  enum KeyType {
    ED25519,
    SM2,
    P256
  }

  /**
   * A DID: {@code signer} is its authentication key {@code key-1} of the type asked for; {@code tx}
   * (Ed25519, also an authentication key, {@code key-tx}) sends its transactions; {@code update}
   * and {@code recovery} change and deactivate it.
   */
  record Party(String did, AccessSigner signer, KeyPair tx, KeyPair update, KeyPair recovery) {
    Address address() {
      return tx.address();
    }
  }

  final CryptoSuite crypto = CryptoSuites.intl();
  final DidContract dids = new DidContract(CHAIN, crypto);
  final DatadirContract datadir = new DatadirContract(SuiteId.INTL, crypto);
  final WriteSet state = new WriteSet(k -> Optional.empty());
  long height = 1;
  long timeMillis = START_MILLIS;
  private long txCount;

  /** What a verifier reads: this state, as it is at the time of each read. */
  ChainView view() {
    return key -> state.get(key).map(Bytes::toByteArray);
  }

  ChainSnapshot snapshot() {
    return new ChainSnapshot(CHAIN, height, timeMillis, view());
  }

  void advance(long millis) {
    timeMillis += millis;
    height++;
  }

  KeyPair key(String label, SuiteId suite) {
    byte[] seed = CryptoSuites.intl().hash(label.getBytes(StandardCharsets.UTF_8)).toByteArray();
    return CryptoSuites.of(suite).keyPairFromPrivateKey(seed);
  }

  static DidKey didKey(KeyPair k) {
    return new DidKey(
        k.suite().id() == SuiteId.INTL ? DidKey.Type.ED25519 : DidKey.Type.SM2,
        k.publicKey().bytes());
  }

  Party party(String name) {
    return party(name, KeyType.ED25519);
  }

  Party party(String name, KeyType type) {
    KeyPair update = key(name + "/update", SuiteId.INTL);
    KeyPair recovery = key(name + "/recovery", SuiteId.INTL);
    KeyPair tx = key(name + "/tx", SuiteId.INTL);
    DidKey authKey;
    java.util.function.Function<String, AccessSigner> signer;
    switch (type) {
      case ED25519, SM2 -> {
        KeyPair k = key(name + "/auth", type == KeyType.ED25519 ? SuiteId.INTL : SuiteId.SM);
        authKey = didKey(k);
        signer = kid -> AccessSigner.of(k, kid);
      }
      case P256 -> {
        java.security.KeyPair kp = p256();
        authKey = compressed((ECPublicKey) kp.getPublic());
        signer = kid -> AccessSigner.p256(kp.getPrivate(), kid);
      }
      default -> throw new IllegalArgumentException(type.name());
    }
    DidOperation.Create c =
        new DidOperation.Create(
            CHAIN,
            didKey(update),
            didKey(recovery),
            List.of(
                new VerificationMethod("key-1", authKey, VerificationMethod.AUTHENTICATION),
                new VerificationMethod("key-tx", didKey(tx), VerificationMethod.AUTHENTICATION),
                new VerificationMethod(
                    "key-assert",
                    didKey(key(name + "/assert", SuiteId.INTL)),
                    VerificationMethod.ASSERTION)),
            List.of());
    applyDid("create", c, update);
    String did = Did.derive(c.updateKey(), c.recoveryKey(), crypto);
    return new Party(did, signer.apply(did + "#key-1"), tx, update, recovery);
  }

  DidRecord record(String did) {
    return DidCodec.decodeRecord(
        state.get(Did.stateKey(Did.id(did).orElseThrow())).orElseThrow().unsafeArray());
  }

  /** Replaces {@code p}'s {@code key-1} by {@code next} under the id {@code key-2}. */
  void rotate(Party p, KeyPair next) {
    applyDid(
        "update",
        new DidOperation.Update(
            CHAIN,
            p.did(),
            record(p.did()).version(),
            List.of(
                new DidOperation.Patch.RemoveMethod("key-1"),
                new DidOperation.Patch.AddMethod(
                    new VerificationMethod(
                        "key-2", didKey(next), VerificationMethod.AUTHENTICATION)))),
        p.update());
  }

  void deactivate(Party p) {
    applyDid(
        "deactivate",
        new DidOperation.Deactivate(CHAIN, p.did(), record(p.did()).version()),
        p.recovery());
  }

  private void applyDid(String method, DidOperation op, KeyPair signer) {
    byte[] bytes = DidCodec.encode(op);
    Bytes args = Bytes.wrap(DidCodec.encode(new DidCodec.Signed(bytes, signer.sign(bytes))));
    try {
      WriteSet tx = new WriteSet(state);
      dids.call(ctx(signer.address()), method, args, tx);
      tx.mergeInto(state);
    } catch (ExecutionFailure f) {
      fail("did %s failed: %s %s", method, f.code(), f.getMessage());
    }
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

  /** Runs a data directory call sent by {@code sender}; its writes are kept when it succeeds. */
  List<Event> apply(Address sender, Call call) throws ExecutionFailure {
    WriteSet tx = new WriteSet(state);
    List<Event> events = datadir.call(ctx(sender), call.method(), call.args(), tx);
    tx.mergeInto(state);
    return events;
  }

  /** The one event of a call that must succeed. */
  Event ok(Party as, Call call) {
    try {
      return apply(as.address(), call).getFirst();
    } catch (ExecutionFailure f) {
      return fail("%s failed: %s %s", call.method(), f.code(), f.getMessage());
    }
  }

  static long number(Event e, String attribute) {
    return Long.parseLong(e.attribute(attribute).orElseThrow());
  }

  // ---- P-256

  private static java.security.KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DidKey compressed(ECPublicKey pub) {
    byte[] x = pub.getW().getAffineX().toByteArray();
    byte[] out = new byte[33];
    BigInteger y = pub.getW().getAffineY();
    out[0] = (byte) (y.testBit(0) ? 0x03 : 0x02);
    int n = Math.min(32, x.length);
    System.arraycopy(x, x.length - n, out, 33 - n, n);
    return new DidKey(DidKey.Type.P256, Bytes.wrap(out));
  }
}
