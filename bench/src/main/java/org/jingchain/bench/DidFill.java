package org.jingchain.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidContract;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.DidRecord;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.node.Chain;
import org.jingchain.sdk.Transactions;
import org.jingchain.state.StateTree;
import org.jingchain.state.TreeUpdate;
import org.jingchain.storage.BlockCommit;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.Hash;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;

/**
 * The bulk loader: writes blocks of {@code createBatch} transactions with the state they produce
 * straight into the store, without executing them. Each block goes through the same steps as a
 * node's commit ({@link StateTree#update}, one {@link ChainStore#commit} batch with the block, its
 * receipts, tree nodes and latest state, and pruning every 64 blocks as {@link Chain} does), so the
 * store ends up as a node's would after registering the same DIDs, block bodies included.
 *
 * <p>DID {@code i}'s update and recovery keys are pseudo-random bytes drawn from the seed and
 * {@code i} (not curve points: nothing verifies them here), so any DID can be derived again for
 * resolution without keeping a list. The signatures inside the creates are random bytes of the
 * right length; the transactions themselves are signed for real by one sender account. The DID
 * record is what {@link DidContract} writes for {@code jing did create}: version 1, the two keys,
 * one verification method {@code key-1} (the update key, authentication and assertion), no
 * services.
 */
final class DidFill {
  private static final long EXPIRY_MILLIS = 3_600_000L;

  private final ChainStore store;
  private final CryptoSuite suite;
  private final String chainId;
  private final long seed;
  private final DidKey.Type keyType;
  private final KeyPair sender;
  private final Address senderAddress;
  private final Address proposer;
  private final long retainVersions;
  private final StateTree tree;

  private long height;
  private Hash parentHash;
  private Hash stateRoot;
  private Hash resultsRoot;
  private long parentMillis;
  private long nonce;
  private long filled;
  private long txBytes;
  private long blockBytes;

  DidFill(
      ChainStore store,
      CryptoSuite suite,
      String chainId,
      long seed,
      KeyPair sender,
      Address proposer,
      long retainVersions) {
    this.store = store;
    this.suite = suite;
    this.chainId = chainId;
    this.seed = seed;
    this.keyType = keyType(suite);
    this.sender = sender;
    this.senderAddress = sender.address();
    this.proposer = proposer;
    this.retainVersions = retainVersions;
    this.tree = new StateTree(store, suite);
    this.nonce = Nonces.next(store::latest, senderAddress);
  }

  static DidKey.Type keyType(CryptoSuite suite) {
    return switch (suite.id()) {
      case INTL -> DidKey.Type.ED25519;
      case SM -> DidKey.Type.SM2;
    };
  }

  /** Bulk-loaded DIDs so far. */
  long filled() {
    return filled;
  }

  /** Encoded bytes of the loader's transactions and blocks so far. */
  long txBytes() {
    return txBytes;
  }

  long blockBytes() {
    return blockBytes;
  }

  /** The update and recovery keys of bulk-loaded DID {@code i}, and 64 bytes for its signature. */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed
  private record Material(DidKey update, DidKey recovery, byte[] signature) {}

  private Material material(long i) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    return new Material(key(r), key(r), bytes(r, 64));
  }

  private DidKey key(SplittableRandom r) {
    byte[] k = bytes(r, keyType == DidKey.Type.ED25519 ? 32 : 33);
    if (keyType != DidKey.Type.ED25519) {
      k[0] = (byte) (2 + (k[0] & 1)); // the prefix of a compressed point
    }
    return new DidKey(keyType, Bytes.wrap(k));
  }

  private static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  /** The DID of bulk-loaded DID {@code i} (any {@code i} below {@link #filled()} exists). */
  String did(long i) {
    Material m = material(i);
    return Did.derive(m.update(), m.recovery(), suite);
  }

  /**
   * Loads {@code n} more DIDs on top of the store's head, {@code batch} per block, reporting
   * progress to {@code progress}.
   */
  void fill(long n, int batch, Progress progress) {
    resume();
    long end = filled + n;
    while (filled < end) {
      int b = (int) Math.min(batch, end - filled);
      commitBlock(b);
      progress.loaded(filled, b);
    }
  }

  /** Told after every block. */
  @FunctionalInterface
  interface Progress {
    void loaded(long filledSoFar, int inThisBlock);
  }

  /** Picks up the head the chain left: registration blocks may have been committed since. */
  private void resume() {
    height = store.headHeight().orElseThrow();
    BlockHeader h = store.header(height).orElseThrow();
    parentHash = suite.hash(Canonical.encode(h));
    stateRoot = tree.rootHash(height);
    List<Hash> leaves = new ArrayList<>();
    for (Receipt r : store.receipts(height)) {
      leaves.add(suite.hash(Canonical.encode(r)));
    }
    resultsRoot = MerkleRoot.of(leaves, suite);
    parentMillis = h.timestampMillis();
  }

  private void commitBlock(int n) {
    long h = height + 1;
    long millis = Math.max(System.currentTimeMillis(), parentMillis);
    TreeMap<Bytes, Optional<Bytes>> changes = new TreeMap<>();
    List<Transaction> txs = new ArrayList<>(n / DidCodec.MAX_BATCH + 1);
    List<Hash> ids = new ArrayList<>(n / DidCodec.MAX_BATCH + 1);
    List<Receipt> receipts = new ArrayList<>(n / DidCodec.MAX_BATCH + 1);
    for (int done = 0; done < n; ) {
      int k = Math.min(DidCodec.MAX_BATCH, n - done);
      List<DidCodec.Signed> items = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        Material m = material(filled + done + j);
        List<VerificationMethod> methods =
            List.of(
                new VerificationMethod(
                    "key-1",
                    m.update(),
                    VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION));
        DidOperation.Create c =
            new DidOperation.Create(chainId, m.update(), m.recovery(), methods, List.of());
        items.add(new DidCodec.Signed(DidCodec.encode(c), m.signature()));
        String did = Did.derive(m.update(), m.recovery(), suite);
        DidRecord r =
            new DidRecord(
                1, m.update(), m.recovery(), methods, List.of(), false, h, millis, h, millis);
        changes.put(
            WriteSet.key(Did.stateKey(Did.id(did).orElseThrow())),
            Optional.of(Bytes.wrap(DidCodec.encode(r))));
      }
      Transaction tx =
          Transactions.sign(
              sender,
              chainId,
              nonce++,
              millis + EXPIRY_MILLIS,
              new Call(DidContract.NAME, "createBatch", Bytes.wrap(DidCodec.encodeBatch(items))));
      Hash id = tx.hash(suite);
      txs.add(tx);
      ids.add(id);
      txBytes += Canonical.encode(tx).length;
      receipts.add(
          Receipt.success(
              id,
              List.of(
                  new Event(
                      DidContract.NAME,
                      "BatchCreated",
                      List.of(new EventAttribute("count", Integer.toString(k)))))));
      done += k;
    }
    changes.put(
        Nonces.key(senderAddress),
        Optional.of(Bytes.wrap(ByteBuffer.allocate(8).putLong(nonce).array())));
    BlockHeader header =
        new BlockHeader(
            chainId,
            h,
            0,
            parentHash,
            millis,
            proposer,
            MerkleRoot.of(ids, suite),
            txs.size(),
            stateRoot,
            resultsRoot);
    Block block = new Block(header, txs);
    blockBytes += Canonical.encode(block).length;
    Hash hash = suite.hash(Canonical.encode(header));
    TreeUpdate u = tree.update(height, h, changes);
    store.commit(new BlockCommit(block, hash, ids, receipts, u, changes));
    tree.cacheWritten(u);
    List<Hash> leaves = new ArrayList<>(receipts.size());
    for (Receipt r : receipts) {
      leaves.add(suite.hash(Canonical.encode(r)));
    }
    height = h;
    parentHash = hash;
    stateRoot = u.rootHash();
    resultsRoot = MerkleRoot.of(leaves, suite);
    parentMillis = millis;
    filled += n;
    // as Chain.maybePrune does after each commit
    if (retainVersions > 0 && h % 64 == 0 && h > retainVersions) {
      store.pruneBelow(h - retainVersions);
    }
  }
}
