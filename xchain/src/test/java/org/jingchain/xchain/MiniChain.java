package org.jingchain.xchain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jingchain.asset.AssetContract;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.IndexedSignature;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.VoteData;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.BlockResult;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.gov.AccessRules;
import org.jingchain.gov.GovernanceContract;
import org.jingchain.gov.GovernanceGenesis;
import org.jingchain.gov.Validators;
import org.jingchain.state.InMemoryTreeStore;
import org.jingchain.state.StateTree;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;

/**
 * A chain in memory for cross-chain tests, as its validators would run it: every call is a block
 * executed by the real executor over the asset, governance and xchain contracts and a real state
 * tree; each header carries its parent's state root, and certificates are signed by its validators
 * (changed by {@link #changeValidators}, signing each epoch's bytes [GOV-9]). One organisation,
 * {@code org}, whose admin is {@link #admin}.
 */
final class MiniChain {
  static final long START_MILLIS = 1_767_225_600_000L;

  final String chainId;
  final CryptoSuite suite;
  final KeyPair admin;
  private List<KeyPair> validators;
  private long epoch;
  private final InMemoryTreeStore nodes = new InMemoryTreeStore();
  private final StateTree tree;
  private final TreeMap<Bytes, Bytes> latest = new TreeMap<>();
  private final BlockExecutor executor;
  private final XchainContract xchain;
  private final List<BlockHeader> headers = new ArrayList<>();
  private final Map<Long, Long> epochOf = new HashMap<>();
  private final List<List<KeyPair>> sets = new ArrayList<>();
  private long timeMillis = START_MILLIS;

  MiniChain(String chainId, CryptoSuite suite) {
    this.chainId = chainId;
    this.suite = suite;
    this.admin = TestKeys.keyPair(chainId + "/admin", suite.id());
    this.validators = TestKeys.keyPairs(chainId + "/validator", 4, suite);
    this.tree = new StateTree(nodes, suite);
    this.xchain = new XchainContract(suite.id(), suite);
    this.executor =
        new BlockExecutor(
            chainId,
            suite.id(),
            suite,
            List.of(
                new AssetContract(suite.id()), new GovernanceContract(suite.id(), suite), xchain),
            AccessRules.RULES);
    var genesis =
        GovernanceGenesis.writes(
            List.of(
                new GovernanceGenesis.OrgSpec(
                    "org", "Consortium", List.of(admin.address()), keys(validators), List.of())),
            keys(validators),
            "open",
            Map.of(),
            suite);
    apply(0, genesis);
    sets.add(validators);
    headers.add(header(0, Hash.ZERO, Hash.ZERO));
    epochOf.put(0L, 0L);
  }

  private static List<PublicKey> keys(List<KeyPair> ks) {
    return ks.stream().map(KeyPair::publicKey).toList();
  }

  List<PublicKey> validatorKeys() {
    return keys(validators);
  }

  long epoch() {
    return epoch;
  }

  long height() {
    return headers.size() - 1;
  }

  long time() {
    return timeMillis;
  }

  BlockHeader header(long height) {
    return headers.get((int) height);
  }

  Hash hash(BlockHeader h) {
    return suite.hash(Canonical.encode(h));
  }

  /** The state after block {@code version} (0: genesis). */
  Hash root(long version) {
    return tree.rootHash(version);
  }

  Optional<Bytes> get(String key) {
    return Optional.ofNullable(latest.get(WriteSet.key(key)));
  }

  private void apply(long version, SortedMap<Bytes, Optional<Bytes>> changes) {
    nodes.apply(tree.update(version - 1, version, changes));
    changes.forEach((k, v) -> v.ifPresentOrElse(x -> latest.put(k, x), () -> latest.remove(k)));
  }

  private BlockHeader header(long height, Hash parent, Hash stateRoot) {
    return header(height, parent, stateRoot, Hash.ZERO, 0);
  }

  private BlockHeader header(long height, Hash parent, Hash stateRoot, Hash txRoot, int txs) {
    return new BlockHeader(
        chainId,
        height,
        height,
        parent,
        timeMillis,
        validators.getFirst().address(),
        txRoot,
        txs,
        stateRoot,
        Hash.ZERO);
  }

  /** One block holding {@code call} by {@code sender}, one second after the last. */
  Receipt submit(KeyPair sender, Call call) {
    return block(List.of(tx(sender, call))).getFirst();
  }

  /** What an xchain call did when run on the latest state: its receipt and its writes. */
  record Outcome(Receipt receipt, SortedMap<Bytes, Optional<Bytes>> writes) {}

  /**
   * Runs xchain {@code call} by {@code sender} as the contract would in the next block, on the
   * latest state, and keeps nothing (the fuzz tests' probe).
   */
  Outcome dryRun(Address sender, Call call) {
    long h = height() + 1;
    BlockHeader next =
        new BlockHeader(
            chainId,
            h,
            h,
            hash(header(h - 1)),
            timeMillis + 1000,
            validators.getFirst().address(),
            Hash.ZERO,
            1,
            root(h - 1),
            Hash.ZERO);
    TxContext ctx = new TxContext(sender, suite.hash(Canonical.encode(next)), next);
    WriteSet tx = new WriteSet(k -> Optional.ofNullable(latest.get(k)));
    try {
      List<org.jingchain.types.Event> events = xchain.call(ctx, call.method(), call.args(), tx);
      return new Outcome(Receipt.success(ctx.txHash(), events), tx.changes());
    } catch (ExecutionFailure f) {
      return new Outcome(
          Receipt.failed(ctx.txHash(), f.code(), String.valueOf(f.getMessage())), tx.changes());
    }
  }

  /** A block without transactions (a chain moving on). */
  void tick() {
    block(List.of());
  }

  /** Moves this chain's clock on without a block (blocks take their time from it). */
  void passTime(long millis) {
    timeMillis += millis;
  }

  private Transaction tx(KeyPair sender, Call call) {
    long nonce = Nonces.next(k -> Optional.ofNullable(latest.get(k)), sender.address());
    TxBody body = new TxBody(chainId, sender.publicKey(), nonce, Long.MAX_VALUE / 2, call);
    Transaction unsigned = new Transaction(body, Bytes.EMPTY);
    return new Transaction(body, Bytes.wrap(sender.sign(unsigned.signingBytes())));
  }

  private List<Receipt> block(List<Transaction> txs) {
    timeMillis += 1000;
    long h = height() + 1;
    List<Hash> ids = txs.stream().map(t -> t.hash(suite)).toList();
    BlockHeader header =
        header(h, hash(header(h - 1)), root(h - 1), MerkleRoot.of(ids, suite), txs.size());
    BlockResult r =
        executor.execute(new Block(header, txs), k -> Optional.ofNullable(latest.get(k)));
    apply(h, new TreeMap<>(r.changes()));
    headers.add(header);
    epochOf.put(h, epoch);
    return r.receipts();
  }

  /**
   * [GOV-8] Block {@code E} that changes the validators (as governance would: a write of {@code
   * gov/validators}); the blocks after it are certified by {@code next} as the next epoch.
   */
  long changeValidators(List<KeyPair> next) {
    timeMillis += 1000;
    long h = height() + 1;
    BlockHeader header = header(h, hash(header(h - 1)), root(h - 1));
    SortedMap<Bytes, Optional<Bytes>> w = new TreeMap<>();
    List<Validators.Entry> entries = new ArrayList<>();
    for (KeyPair k : next) {
      entries.add(new Validators.Entry(k.publicKey(), "org"));
    }
    w.put(WriteSet.key("gov/validators"), Optional.of(Bytes.wrap(Validators.encode(entries))));
    apply(h, w);
    headers.add(header);
    epochOf.put(h, epoch);
    validators = List.copyOf(next);
    sets.add(validators);
    epoch++;
    return h;
  }

  /**
   * The proof that block {@code height} is committed: the next block (made empty if there is none
   * yet) one round later, certified by a quorum of the validators of {@code height}'s epoch.
   */
  CommitProof commitProof(long height) {
    if (height() == height) {
      tick();
    }
    BlockHeader child = header(height + 1);
    long e = epochOf.get(height);
    List<KeyPair> signers = validatorsOfEpoch(e);
    return new CommitProof(child, quorumQc(signers, e, child));
  }

  List<KeyPair> validatorsOfEpoch(long e) {
    return sets.get((int) e);
  }

  QuorumCert quorumQc(List<KeyPair> keys, long epochNumber, BlockHeader header) {
    int quorum = keys.size() - (keys.size() - 1) / 3;
    VoteData data = new VoteData(chainId, header.round(), header.height(), hash(header));
    List<IndexedSignature> sigs = new ArrayList<>();
    byte[] msg = data.signingBytes(epochNumber);
    IntStream.range(0, quorum)
        .forEach(i -> sigs.add(new IndexedSignature(i, Bytes.wrap(keys.get(i).sign(msg)))));
    return new QuorumCert(data, sigs);
  }

  /** The proof of {@code key}'s value (or absence) in the state after {@code version}. */
  Bytes prove(String key, long version) {
    return Bytes.wrap(
        tree.prove(version, Bytes.wrap(key.getBytes(StandardCharsets.UTF_8))).proof().encode());
  }

  Bytes valueAt(String key, long version) {
    return tree.get(version, Bytes.wrap(key.getBytes(StandardCharsets.UTF_8))).orElse(null);
  }

  /** An update of a client of this chain to committed height {@code height} [XC-2]. */
  XchainCalls.UpdateClient update(String client, long height) {
    CommitProof proof = commitProof(height);
    return new XchainCalls.UpdateClient(
        client,
        header(height),
        proof,
        valueAt("gov/validators", height - 1),
        prove("gov/validators", height - 1));
  }

  /** The change of validators at block {@code end} for a client of this chain [XC-3]. */
  XchainCalls.FollowEpoch follow(String client, long end) {
    return new XchainCalls.FollowEpoch(
        client,
        header(end),
        commitProof(end),
        valueAt("gov/validators", end),
        prove("gov/validators", end));
  }

  /** What an admin of another chain uses to create a client of this one, from genesis [XC-1]. */
  XchainCalls.CreateClient createFromGenesis(long trustingPeriodMillis) {
    return new XchainCalls.CreateClient(
        chainId, suite.id(), trustingPeriodMillis, 0, 0, keys(sets.getFirst()));
  }

  /** Balance of a native token. */
  long balance(Address a, String symbol) {
    return AssetContract.balance(k -> Optional.ofNullable(latest.get(k)), a, symbol);
  }

  /** A StateReader of the latest state. */
  org.jingchain.execution.StateReader state() {
    return k -> Optional.ofNullable(latest.get(k));
  }
}
