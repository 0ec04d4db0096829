package org.jingchain.sdk;

import java.util.List;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.StatusListContract;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;

/**
 * Calls of the identity contracts, signed by the DID keys that authorise them (the transaction
 * itself is signed by whoever pays: {@link Transactions#sign}).
 */
public final class IdentityCalls {
  private IdentityCalls() {}

  /** A DID to create and the call that creates it. */
  public record NewDid(String did, DidOperation.Create operation, Call call) {}

  /** The DID key of a suite key pair (Ed25519 or SM2). */
  public static DidKey didKey(KeyPair k) {
    return new DidKey(
        k.suite().id() == SuiteId.INTL ? DidKey.Type.ED25519 : DidKey.Type.SM2,
        k.publicKey().bytes());
  }

  /**
   * Creates a DID whose update key is also its first key, {@code key-1}, for authentication and
   * assertion (signing credentials and presentations).
   */
  public static NewDid createDid(String chainId, KeyPair update, KeyPair recovery) {
    DidOperation.Create op =
        new DidOperation.Create(
            chainId,
            didKey(update),
            didKey(recovery),
            List.of(
                new VerificationMethod(
                    "key-1",
                    didKey(update),
                    VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION)),
            List.of());
    byte[] bytes = DidCodec.encode(op);
    Call call =
        new Call(
            DidContract.NAME,
            "create",
            Bytes.wrap(DidCodec.encode(new DidCodec.Signed(bytes, update.sign(bytes)))));
    return new NewDid(Did.derive(op.updateKey(), op.recoveryKey(), update.suite()), op, call);
  }

  /** Creates a status list of {@code issuerDid}, signed by its assertion key {@code keyId}. */
  public static Call createStatusList(
      String chainId,
      String issuerDid,
      String keyId,
      KeyPair key,
      String listId,
      int size,
      StatusListContract.Purpose purpose) {
    byte[] op =
        StatusListContract.encode(
            new StatusListContract.CreateList(chainId, issuerDid, keyId, listId, size, purpose));
    return new Call(StatusListContract.NAME, "createList", signed(op, key));
  }

  /**
   * Sets (revokes, suspends) or clears (lifts a suspension) bits of a list at its current {@code
   * version} (read it from state: {@code StatusListContract.listKey}).
   */
  public static Call setStatus(
      String chainId,
      String issuerDid,
      String keyId,
      KeyPair key,
      String listId,
      long version,
      List<Integer> indexes,
      boolean value) {
    byte[] op =
        StatusListContract.encode(
            new StatusListContract.SetStatus(
                chainId, issuerDid, keyId, listId, version, indexes, value));
    return new Call(StatusListContract.NAME, "setStatus", signed(op, key));
  }

  /** Registers a JSON Schema document (sent by a registrar). */
  public static Call addSchema(String uri, byte[] document) {
    return new Call(
        TrustRegistryContract.NAME, "addSchema", TrustRegistryContract.schemaArgs(uri, document));
  }

  /** Trusts {@code issuerDid} for the schema with {@code digest} (sent by a registrar). */
  public static Call addIssuer(String issuerDid, String digest) {
    return new Call(
        TrustRegistryContract.NAME,
        "addIssuer",
        TrustRegistryContract.issuerArgs(issuerDid, digest));
  }

  private static Bytes signed(byte[] op, KeyPair key) {
    return Bytes.wrap(DidCodec.encode(new DidCodec.Signed(op, key.sign(op))));
  }
}
