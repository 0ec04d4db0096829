package org.jingchain.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.DidRecord;
import org.jingchain.identity.StatusListContract;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.Limits;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;

/**
 * A chain's state in memory that only real system contracts change — the identity contracts and
 * those the test hands it — each call a transaction of a block whose height and time the test
 * moves, a refused one changing nothing.
 */
public final class TestChain {
  public static final String CHAIN_ID = "jing-test";

  /** The block time of the first block: 2026-01-01T00:00:00Z. */
  public static final long START_MILLIS = 1_767_225_600_000L;

  public static final long DAY = 24L * 60 * 60 * 1000;

  /** The size of the status lists {@link #createStatusList} makes. */
  public static final int STATUS_LIST_SIZE = 1024;

  /** Makes a contract for a chain of {@code suite}, as a node does at genesis. */
  @FunctionalInterface
  public interface ContractFactory {
    SystemContract create(SuiteId suite, CryptoSuite crypto);
  }

  /** What one call did: its receipt, and the writes it made (kept only when it succeeded). */
  public record Outcome(Receipt receipt, SortedMap<Bytes, Optional<Bytes>> writes) {
    public Outcome {
      writes = Collections.unmodifiableSortedMap(new TreeMap<>(writes));
    }
  }

  private final SuiteId suite;
  private final CryptoSuite crypto;
  private final KeyPair registrar;
  private final Map<String, SystemContract> contracts = new TreeMap<>();
  private final WriteSet state = new WriteSet(k -> Optional.empty());
  private long height = 1;
  private long timeMillis = START_MILLIS;
  private long txCount;

  /** A chain of the {@code intl} suite. */
  public TestChain(ContractFactory... contracts) {
    this(SuiteId.INTL, contracts);
  }

  /** A chain of {@code suite} running the identity contracts and {@code contracts}. */
  public TestChain(SuiteId suite, ContractFactory... contracts) {
    this.suite = suite;
    this.crypto = CryptoSuites.of(suite);
    this.registrar = TestKeys.keyPair("registrar", suite);
    install(new DidContract(CHAIN_ID, crypto));
    install(new StatusListContract(CHAIN_ID));
    install(new TrustRegistryContract(Set.of(registrar.address())));
    for (ContractFactory f : contracts) {
      install(f.create(suite, crypto));
    }
  }

  private void install(SystemContract contract) {
    if (contracts.putIfAbsent(contract.name(), contract) != null) {
      throw new IllegalArgumentException("two contracts named " + contract.name());
    }
  }

  public SuiteId suite() {
    return suite;
  }

  public CryptoSuite crypto() {
    return crypto;
  }

  /** The account the trust registry takes schemas and issuers from. */
  public Address registrar() {
    return registrar.address();
  }

  // ---- block height and time

  public synchronized long height() {
    return height;
  }

  public synchronized long timeMillis() {
    return timeMillis;
  }

  /** Ends the block: the next calls run one height later and {@code millis} later. */
  public synchronized void advance(long millis) {
    timeMillis += millis;
    height++;
  }

  // ---- calls

  /**
   * Runs {@code call} sent by {@code sender} as a transaction of the current block; its writes are
   * kept only when it succeeds.
   */
  public synchronized Outcome execute(Address sender, Call call) {
    return run(sender, call, true);
  }

  /** Runs {@code call} on the current state and keeps nothing, whatever it does. */
  public synchronized Outcome dryRun(Address sender, Call call) {
    return run(sender, call, false);
  }

  /** The events of {@code call}, kept; a refusal is thrown as the contract's failure. */
  public List<Event> apply(Address sender, Call call) throws ExecutionFailure {
    Receipt r = execute(sender, call).receipt();
    if (!r.succeeded()) {
      throw new ExecutionFailure(r.code(), r.message());
    }
    return r.events();
  }

  /** The one event of a call that must succeed. */
  public Event ok(Party as, Call call) {
    return ok(as.address(), call);
  }

  public Event ok(Address sender, Call call) {
    Receipt r = succeed(sender, call);
    if (r.events().size() != 1) {
      throw new AssertionError(call.method() + " gave " + r.events().size() + " events, not one");
    }
    return r.events().getFirst();
  }

  /**
   * The code of a call that must be refused. Also asserts that the contract wrote nothing before it
   * failed, not even what the executor would discard (contracts check before they write, e.g.
   * [DD-17]), and that its message fits a receipt.
   */
  public String refused(Party as, Call call) {
    return refused(as.address(), call);
  }

  public String refused(Address sender, Call call) {
    Outcome o = execute(sender, call);
    Receipt r = o.receipt();
    if (r.succeeded()) {
      throw new AssertionError(call.method() + " succeeded but should have been refused");
    }
    if (!o.writes().isEmpty()) {
      throw new AssertionError(
          "the refused " + call.method() + " (" + r.code() + ") wrote " + o.writes().keySet());
    }
    if (r.message().getBytes(StandardCharsets.UTF_8).length > Limits.MAX_RECEIPT_MESSAGE_BYTES) {
      throw new AssertionError("a refusal message longer than a receipt holds: " + r.message());
    }
    return r.code();
  }

  /** The number an event's attribute holds, such as the id of a grant. */
  public static long number(Event e, String attribute) {
    return Long.parseLong(e.attribute(attribute).orElseThrow());
  }

  /** The events of a call that must succeed, however many it gives. */
  public List<Event> succeedAll(Address sender, Call call) {
    return succeed(sender, call).events();
  }

  private Receipt succeed(Address sender, Call call) {
    Receipt r = execute(sender, call).receipt();
    if (!r.succeeded()) {
      throw new AssertionError(
          call.contract() + " " + call.method() + " refused: " + r.code() + " " + r.message());
    }
    return r;
  }

  private Outcome run(Address sender, Call call, boolean keep) {
    SystemContract contract = contracts.get(call.contract());
    if (contract == null) {
      throw new IllegalArgumentException(
          "no contract " + call.contract() + " on this chain: hand its factory to the constructor");
    }
    TxContext ctx = context(sender);
    WriteSet tx = new WriteSet(state);
    try {
      List<Event> events = contract.call(ctx, call.method(), call.args(), tx);
      Outcome done = new Outcome(Receipt.success(ctx.txHash(), events), tx.changes());
      if (keep) {
        tx.mergeInto(state);
      }
      return done;
    } catch (ExecutionFailure f) {
      String message = Objects.requireNonNullElse(f.getMessage(), "");
      return new Outcome(Receipt.failed(ctx.txHash(), f.code(), message), tx.changes());
    }
  }

  private TxContext context(Address sender) {
    BlockHeader block =
        new BlockHeader(
            CHAIN_ID,
            height,
            height,
            Hash.ZERO,
            timeMillis,
            sender,
            Hash.ZERO,
            0,
            Hash.ZERO,
            Hash.ZERO);
    Hash id = crypto.hash(("tx-" + txCount++).getBytes(StandardCharsets.UTF_8));
    return new TxContext(sender, id, block);
  }

  // ---- state

  /** The current state, as contracts and the data directory's readers read it. */
  public StateReader state() {
    return this::get;
  }

  /** The current value at {@code key}; as a method reference it is a credential verifier's view. */
  public Optional<byte[]> read(String key) {
    return get(WriteSet.key(key)).map(Bytes::toByteArray);
  }

  /** Every key that holds a value now, with its value. */
  public synchronized SortedMap<Bytes, Bytes> snapshot() {
    TreeMap<Bytes, Bytes> out = new TreeMap<>();
    state.changes().forEach((k, v) -> v.ifPresent(b -> out.put(k, b)));
    return out;
  }

  /** Sets a value no call has written, for a state calls cannot reach in a test's time. */
  public synchronized void put(String key, Bytes value) {
    state.put(key, value);
  }

  private synchronized Optional<Bytes> get(Bytes key) {
    return state.get(key);
  }

  // ---- DIDs

  /** The key pair of the chain's suite named {@code name}. */
  public KeyPair key(String name) {
    return TestKeys.keyPair(name, suite);
  }

  /** A party whose {@code key-1} is of the chain's suite. */
  public Party party(String name) {
    return party(name, suite == SuiteId.INTL ? DidKey.Type.ED25519 : DidKey.Type.SM2);
  }

  /** A party whose {@code key-1} is of {@code type}; its keys derive from {@code name}. */
  public Party party(String name, DidKey.Type type) {
    TestKey key = TestKeys.key(name + "/key-1", type);
    KeyPair tx = key(name + "/tx");
    KeyPair update = key(name + "/update");
    KeyPair recovery = key(name + "/recovery");
    int both = VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION;
    String did =
        createDid(
            update,
            recovery,
            List.of(
                new VerificationMethod(Party.KEY_1, key.didKey(), both),
                new VerificationMethod(
                    Party.KEY_TX, TestKeys.didKey(tx), VerificationMethod.AUTHENTICATION)));
    return new Party(name, did, key, tx, update, recovery);
  }

  /** Creates a DID with these keys and verification methods; returns the DID. */
  public String createDid(KeyPair update, KeyPair recovery, List<VerificationMethod> methods) {
    DidOperation.Create c =
        new DidOperation.Create(
            CHAIN_ID, TestKeys.didKey(update), TestKeys.didKey(recovery), methods, List.of());
    submitSigned(DidContract.NAME, "create", DidCodec.encode(c), update::sign);
    return Did.derive(c.updateKey(), c.recoveryKey(), crypto);
  }

  public DidRecord didRecord(String did) {
    String key = Did.stateKey(Did.id(did).orElseThrow());
    Bytes stored = get(WriteSet.key(key)).orElseThrow(() -> new AssertionError("no " + did));
    return DidCodec.decodeRecord(stored.toByteArray());
  }

  /** Changes {@code p}'s DID document, signed by its update key. */
  public void updateDid(Party p, DidOperation.Patch... patches) {
    long version = didRecord(p.did()).version();
    DidOperation.Update u = new DidOperation.Update(CHAIN_ID, p.did(), version, List.of(patches));
    submitSigned(DidContract.NAME, "update", DidCodec.encode(u), p.update()::sign);
  }

  /** Deactivates {@code p}'s DID for good, signed by its recovery key. */
  public void deactivate(Party p) {
    long version = didRecord(p.did()).version();
    DidOperation.Deactivate d = new DidOperation.Deactivate(CHAIN_ID, p.did(), version);
    submitSigned(DidContract.NAME, "deactivate", DidCodec.encode(d), p.recovery()::sign);
  }

  // ---- the trust registry and status lists

  /** Registers a credential schema, as the registrar; returns its digest. */
  public String addSchema(byte[] document) {
    Bytes args = TrustRegistryContract.schemaArgs("https://schemas.example/s.json", document);
    succeed(registrar(), new Call(TrustRegistryContract.NAME, "addSchema", args));
    return TrustRegistryContract.schemaDigest(document);
  }

  /** Trusts {@code issuerDid} to issue credentials of {@code schema}, as the registrar. */
  public void addIssuer(String issuerDid, byte[] schema) {
    succeed(registrar(), issuerCall("addIssuer", issuerDid, schema));
  }

  public void removeIssuer(String issuerDid, byte[] schema) {
    succeed(registrar(), issuerCall("removeIssuer", issuerDid, schema));
  }

  private static Call issuerCall(String method, String issuerDid, byte[] schema) {
    String digest = TrustRegistryContract.schemaDigest(schema);
    return new Call(
        TrustRegistryContract.NAME, method, TrustRegistryContract.issuerArgs(issuerDid, digest));
  }

  /** Creates {@code issuer}'s status list {@code listId}, signed by its {@code key-1}. */
  public void createStatusList(Party issuer, String listId, StatusListContract.Purpose purpose) {
    var op =
        new StatusListContract.CreateList(
            CHAIN_ID, issuer.did(), Party.KEY_1, listId, STATUS_LIST_SIZE, purpose);
    submitSigned(
        StatusListContract.NAME, "createList", StatusListContract.encode(op), issuer.key()::sign);
  }

  /** Sets or clears bit {@code index} of {@code issuer}'s list, signed by its {@code key-1}. */
  public void setStatus(Party issuer, String listId, int index, boolean value) {
    byte[] list = read(StatusListContract.listKey(issuer.did(), listId)).orElseThrow();
    long version = StatusListContract.decodeRecord(list).version();
    var op =
        new StatusListContract.SetStatus(
            CHAIN_ID, issuer.did(), Party.KEY_1, listId, version, List.of(index), value);
    submitSigned(
        StatusListContract.NAME, "setStatus", StatusListContract.encode(op), issuer.key()::sign);
  }

  /** Identity contracts check the operation's signature, not the sender: the registrar sends. */
  private void submitSigned(
      String contract, String method, byte[] operation, UnaryOperator<byte[]> signer) {
    byte[] signed = DidCodec.encode(new DidCodec.Signed(operation, signer.apply(operation)));
    succeed(registrar(), new Call(contract, method, Bytes.wrap(signed)));
  }
}
