package org.jingchain.contracts;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jingchain.codec.DecodeException;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.datadir.AccessDecision;
import org.jingchain.datadir.Datadir;
import org.jingchain.evm.Address;
import org.jingchain.evm.Precompiles;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidRecord;
import org.jingchain.identity.StatusListContract;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * What contracts may ask the platform [EVM-PRE-2], at documented addresses, each called through a
 * Solidity interface (evm-tests/contracts/JingPlatform.sol):
 *
 * <ul>
 *   <li>{@code 0x…0a01} JingCrypto — SM3, SM2 verification (GB/T 32918, default user id), Ed25519
 *       verification;
 *   <li>{@code 0x…0a02} JingIdentity — a DID's status and keys, a status-list bit, the trust
 *       registry;
 *   <li>{@code 0x…0a03} JingData — whether the data directory allows a requester an asset.
 * </ul>
 *
 * Reads see the state the transaction runs on (earlier transactions of its block included); a read
 * costs as a cold storage read.
 */
public final class PlatformPrecompiles {
  public static final Address CRYPTO = Address.ofNumber(0x0a01);
  public static final Address IDENTITY = Address.ofNumber(0x0a02);
  public static final Address DATA = Address.ofNumber(0x0a03);

  /** Gas of one state read, as a cold SLOAD. */
  static final long READ = 2100;

  private PlatformPrecompiles() {}

  /**
   * The platform's precompiles over {@code state} for a transaction in a block of time {@code
   * blockMillis}.
   */
  public static Map<Address, Precompiles.Precompile> of(StateReader state, long blockMillis) {
    Map<Address, Precompiles.Precompile> m = new TreeMap<>();
    m.put(CRYPTO, crypto());
    m.put(IDENTITY, identity(state));
    m.put(DATA, data(state, blockMillis));
    return m;
  }

  /** The standard and platform precompiles together. */
  public static Precompiles all(StateReader state, long blockMillis) {
    return Precompiles.standard(of(state, blockMillis));
  }

  static NativeContract crypto() {
    return new NativeContract(
        "JingCrypto",
        List.of(
            NativeContract.fn(
                "sm3(bytes)",
                "bytes32",
                100,
                20,
                a -> List.of(CryptoSuites.sm().hash((byte[]) a.get(0)).toByteArray())),
            NativeContract.fn(
                "sm2Verify(bytes,bytes,bytes)",
                "bool",
                6000,
                20,
                a ->
                    List.of(
                        verify(
                            SuiteId.SM, (byte[]) a.get(0), (byte[]) a.get(1), (byte[]) a.get(2)))),
            NativeContract.fn(
                "ed25519Verify(bytes32,bytes,bytes)",
                "bool",
                3000,
                20,
                a ->
                    List.of(
                        verify(
                            SuiteId.INTL,
                            (byte[]) a.get(0),
                            (byte[]) a.get(1),
                            (byte[]) a.get(2))))));
  }

  /** A signature check that answers false for anything that does not verify, malformed included. */
  private static boolean verify(SuiteId suite, byte[] key, byte[] message, byte[] signature) {
    if (key.length != suite.publicKeyLength()) {
      return false;
    }
    try {
      return CryptoSuites.of(suite)
          .verify(new PublicKey(suite, Bytes.wrap(key)), message, signature);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  static NativeContract identity(StateReader state) {
    return new NativeContract(
        "JingIdentity",
        List.of(
            NativeContract.fn(
                "didStatus(string)",
                "bool,bool,uint64",
                READ,
                3,
                a -> {
                  Optional<DidRecord> r = did(state, (String) a.get(0));
                  return List.of(
                      r.isPresent(),
                      r.map(DidRecord::deactivated).orElse(false),
                      BigInteger.valueOf(r.map(DidRecord::version).orElse(0L)));
                }),
            NativeContract.fn(
                "didHasKey(string,uint8,bytes,uint8)",
                "bool",
                READ,
                3,
                a -> {
                  DidKey.Type type = keyType(((BigInteger) a.get(1)).intValue());
                  byte[] key = (byte[]) a.get(2);
                  int relationship = ((BigInteger) a.get(3)).intValue();
                  if (relationship != VerificationMethod.AUTHENTICATION
                      && relationship != VerificationMethod.ASSERTION) {
                    throw new NativeContract.Refusal(
                        "relationship must be 1 (authentication) or 2 (assertionMethod)");
                  }
                  Optional<DidRecord> r = did(state, (String) a.get(0));
                  if (r.isEmpty() || r.get().deactivated()) {
                    return List.of(false);
                  }
                  DidKey wanted;
                  try {
                    wanted = new DidKey(type, Bytes.wrap(key));
                  } catch (IllegalArgumentException wrongLength) {
                    return List.of(false);
                  }
                  boolean has =
                      r.get().methods().stream()
                          .anyMatch(
                              m ->
                                  m.key().equals(wanted)
                                      && (m.relationships() & relationship) != 0);
                  return List.of(has);
                }),
            NativeContract.fn(
                "statusBit(string,string,uint256)",
                "bool,uint8",
                2 * READ,
                3,
                a -> {
                  String issuer = (String) a.get(0);
                  requireDid(issuer);
                  String listId = (String) a.get(1);
                  BigInteger index = (BigInteger) a.get(2);
                  Optional<StatusListContract.ListRecord> list =
                      read(state, StatusListContract.listKey(issuer, listId))
                          .map(b -> StatusListContract.decodeRecord(b.unsafeArray()));
                  if (list.isEmpty()) {
                    throw new NativeContract.Refusal("no status list " + listId + " of " + issuer);
                  }
                  if (index.signum() < 0
                      || index.compareTo(BigInteger.valueOf(list.get().size())) >= 0) {
                    throw new NativeContract.Refusal(
                        "index " + index + " is outside the list's " + list.get().size() + " bits");
                  }
                  int i = index.intValue();
                  boolean set =
                      StatusListContract.isSet(
                          read(
                              state,
                              StatusListContract.pageKey(
                                  issuer, listId, i / StatusListContract.PAGE_BITS)),
                          i);
                  return List.of(set, BigInteger.valueOf(list.get().purpose().ordinal()));
                }),
            NativeContract.fn(
                "trustedIssuer(string,bytes32)",
                "bool",
                2 * READ,
                3,
                a -> {
                  String issuer = (String) a.get(0);
                  requireDid(issuer);
                  String digest = java.util.HexFormat.of().formatHex((byte[]) a.get(1));
                  boolean listed =
                      read(state, TrustRegistryContract.issuerKey(issuer, digest)).isPresent();
                  Optional<DidRecord> r = did(state, issuer);
                  return List.of(listed && r.isPresent() && !r.get().deactivated());
                })));
  }

  static NativeContract data(StateReader state, long blockMillis) {
    return new NativeContract(
        "JingData",
        List.of(
            NativeContract.fn(
                "accessAllowed(string,string,uint64)",
                "bool,string",
                3 * READ,
                3,
                a -> {
                  String requester = (String) a.get(1);
                  requireDid(requester);
                  long grant = ((BigInteger) a.get(2)).longValue();
                  AccessDecision d;
                  try {
                    d = Datadir.decide(state, (String) a.get(0), requester, grant, blockMillis);
                  } catch (DecodeException | IllegalArgumentException e) {
                    throw new NativeContract.Refusal(e.getMessage());
                  }
                  return List.of(d.allowed(), d.allowed() ? "" : d.code());
                })));
  }

  private static Optional<Bytes> read(StateReader state, String key) {
    return state.get(WriteSet.key(key));
  }

  private static void requireDid(String did) throws NativeContract.Refusal {
    if (Did.id(did).isEmpty()) {
      throw new NativeContract.Refusal("'" + did + "' is not a did:jing DID");
    }
  }

  private static Optional<DidRecord> did(StateReader state, String did)
      throws NativeContract.Refusal {
    Optional<String> id = Did.id(did);
    if (id.isEmpty()) {
      throw new NativeContract.Refusal("'" + did + "' is not a did:jing DID");
    }
    return read(state, Did.stateKey(id.get())).map(b -> DidCodec.decodeRecord(b.unsafeArray()));
  }

  private static DidKey.Type keyType(int tag) throws NativeContract.Refusal {
    return switch (tag) {
      case 1 -> DidKey.Type.ED25519;
      case 2 -> DidKey.Type.SM2;
      case 3 -> DidKey.Type.P256;
      default ->
          throw new NativeContract.Refusal("key type must be 1 (Ed25519), 2 (SM2) or 3 (P-256)");
    };
  }
}
