package org.jingchain.vc;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.StatusListContract;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;

/**
 * A chain's state in memory, changed only by the real system contracts (DID registry, status lists,
 * trust registry); its {@link #view()} is what a verifier reads.
 */
final class TestChain {
  static final String CHAIN = "jing-vc-test";
  static final Address REGISTRAR = new Address(SuiteId.INTL, Bytes.wrap(new byte[20]));
  final WriteSet state = new WriteSet(k -> Optional.empty());
  private final DidContract dids = new DidContract(CHAIN, CryptoSuites.intl());
  private final StatusListContract status = new StatusListContract(CHAIN);
  private final TrustRegistryContract trust = new TrustRegistryContract(Set.of(REGISTRAR));
  private long height = 1;

  ChainView view() {
    return key -> state.get(key).map(Bytes::toByteArray);
  }

  /** Runs a contract call in its own transaction; fails the test if the contract refuses it. */
  void call(SystemContract c, String method, Bytes args) {
    TxContext ctx =
        new TxContext(
            REGISTRAR,
            Hash.ZERO,
            new BlockHeader(
                CHAIN, height, height, Hash.ZERO, height, REGISTRAR, Hash.ZERO, 0, Hash.ZERO,
                Hash.ZERO));
    height++;
    WriteSet tx = new WriteSet(state);
    try {
      c.call(ctx, method, args, tx);
    } catch (ExecutionFailure f) {
      throw new AssertionError(method + " refused: " + f.code() + " " + f.getMessage(), f);
    }
    tx.mergeInto(state);
  }

  /** A party with a DID whose update key is also its key-1 (authentication and assertion). */
  record Party(
      String did, DidKey didKey, CredentialSigner signer, Signing update, Signing recovery) {
    String kid() {
      return did + "#key-1";
    }
  }

  /** Signs DID operations. */
  interface Signing {
    byte[] sign(byte[] m);
  }

  enum KeyType {
    ED25519,
    SM2,
    P256
  }

  Party party(KeyType type) {
    DidKey key;
    Signing sign;
    CredentialSigner signer;
    String[] didHolder = new String[1];
    KeyPair recovery = CryptoSuites.intl().generateKeyPair(new SecureRandom());
    DidKey rk = new DidKey(DidKey.Type.ED25519, recovery.publicKey().bytes());
    switch (type) {
      case ED25519, SM2 -> {
        KeyPair k =
            (type == KeyType.ED25519 ? CryptoSuites.intl() : CryptoSuites.sm())
                .generateKeyPair(new SecureRandom());
        key =
            new DidKey(
                type == KeyType.ED25519 ? DidKey.Type.ED25519 : DidKey.Type.SM2,
                k.publicKey().bytes());
        sign = k::sign;
        String did = Did.derive(key, rk, CryptoSuites.intl());
        create(key, rk, sign);
        signer = CredentialSigner.of(k, did + "#key-1");
        didHolder[0] = did;
      }
      case P256 -> {
        try {
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec("secp256r1"));
          java.security.KeyPair kp = g.generateKeyPair();
          ECPublicKey pub = (ECPublicKey) kp.getPublic();
          byte[] x = pub.getW().getAffineX().toByteArray();
          byte[] compressed = new byte[33];
          compressed[0] = (byte) (pub.getW().getAffineY().testBit(0) ? 0x03 : 0x02);
          int n = Math.min(32, x.length);
          System.arraycopy(x, x.length - n, compressed, 33 - n, n);
          key = new DidKey(DidKey.Type.P256, Bytes.wrap(compressed));
          CredentialSigner raw = CredentialSigner.p256(kp.getPrivate(), "x");
          sign = raw::sign;
          String did = Did.derive(key, rk, CryptoSuites.intl());
          create(key, rk, sign);
          signer = CredentialSigner.p256(kp.getPrivate(), did + "#key-1");
          didHolder[0] = did;
        } catch (java.security.GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      }
      default -> throw new IllegalArgumentException();
    }
    return new Party(didHolder[0], key, signer, sign, recovery::sign);
  }

  private void create(DidKey key, DidKey recovery, Signing sign) {
    var op =
        new DidOperation.Create(
            CHAIN,
            key,
            recovery,
            List.of(
                new VerificationMethod(
                    "key-1",
                    key,
                    VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION)),
            List.of());
    call(dids, "create", signed(op, sign));
  }

  static Bytes signed(DidOperation op, Signing by) {
    byte[] bytes = DidCodec.encode(op);
    return Bytes.wrap(DidCodec.encode(new DidCodec.Signed(bytes, by.sign(bytes))));
  }

  long version(String did) {
    return DidCodec.decodeRecord(
            state.get(Did.stateKey(Did.id(did).orElseThrow())).orElseThrow().toByteArray())
        .version();
  }

  void update(Party p, DidOperation.Patch patch) {
    call(
        dids,
        "update",
        signed(
            new DidOperation.Update(CHAIN, p.did(), version(p.did()), List.of(patch)), p.update()));
  }

  /** Registers {@code document} unless it is registered already. */
  void addSchemaOnce(byte[] document) {
    if (state
        .get(TrustRegistryContract.schemaKey(TrustRegistryContract.schemaDigest(document)))
        .isEmpty()) {
      addSchema(document);
    }
  }

  void addSchema(byte[] document) {
    call(
        trust,
        "addSchema",
        TrustRegistryContract.schemaArgs("https://schemas.example/s.json", document));
  }

  void trust(String issuerDid, byte[] schema, boolean trusted) {
    call(
        trust,
        trusted ? "addIssuer" : "removeIssuer",
        TrustRegistryContract.issuerArgs(issuerDid, TrustRegistryContract.schemaDigest(schema)));
  }

  void createList(Party issuer, String listId, StatusListContract.Purpose purpose) {
    var op = new StatusListContract.CreateList(CHAIN, issuer.did(), "key-1", listId, 1024, purpose);
    byte[] bytes = StatusListContract.encode(op);
    call(
        status,
        "createList",
        Bytes.wrap(DidCodec.encode(new DidCodec.Signed(bytes, issuer.update().sign(bytes)))));
  }

  void setStatus(Party issuer, String listId, int index, boolean value) {
    long version =
        StatusListContract.decodeRecord(
                state
                    .get(StatusListContract.listKey(issuer.did(), listId))
                    .orElseThrow()
                    .toByteArray())
            .version();
    var op =
        new StatusListContract.SetStatus(
            CHAIN, issuer.did(), "key-1", listId, version, List.of(index), value);
    byte[] bytes = StatusListContract.encode(op);
    call(
        status,
        "setStatus",
        Bytes.wrap(DidCodec.encode(new DidCodec.Signed(bytes, issuer.update().sign(bytes)))));
  }

  void deactivate(Party p) {
    call(
        dids,
        "deactivate",
        signed(new DidOperation.Deactivate(CHAIN, p.did(), version(p.did())), p.recovery()));
  }
}
