package org.jingchain.testkit;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.IndexedSignature;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.consensus.VoteData;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.gov.Validators;
import org.jingchain.state.InMemoryTreeStore;
import org.jingchain.state.SparseMerkleProof;
import org.jingchain.state.StateTree;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/**
 * Headers of one chain signed into quorum certificates and commit proofs by a fixed set of
 * validators with real keys, as consensus signs them, committing real state-tree roots ({@link
 * #commit}) so that state proofs verify end to end.
 */
public final class HeaderChain {
  private final CryptoSuite suite;
  private final String chainId;
  private final List<KeyPair> keys;
  private final ValidatorSet validators;

  /** Validators 0 to 3 (keys {@code validator/0} ...) of chain {@link TestChain#CHAIN_ID}. */
  public static HeaderChain of(CryptoSuite suite) {
    return new HeaderChain(suite, TestChain.CHAIN_ID, TestKeys.keyPairs("validator", 4, suite));
  }

  public HeaderChain(CryptoSuite suite, String chainId, List<KeyPair> keys) {
    this.suite = suite;
    this.chainId = chainId;
    this.keys = List.copyOf(keys);
    this.validators = new ValidatorSet(this.keys.stream().map(KeyPair::publicKey).toList(), suite);
  }

  public CryptoSuite suite() {
    return suite;
  }

  public String chainId() {
    return chainId;
  }

  /** The validators' keys, in index order. */
  public List<KeyPair> keys() {
    return keys;
  }

  public ValidatorSet validators() {
    return validators;
  }

  public Hash hash(BlockHeader header) {
    return suite.hash(Canonical.encode(header));
  }

  /** A stand-in hash that differs for every label and number. */
  public Hash fakeHash(String label, long n) {
    return suite.hash((label + ":" + n).getBytes(StandardCharsets.UTF_8));
  }

  // ---- headers

  /** A header proposed by the round's leader, one second of block time per height. */
  public BlockHeader header(long height, long round, Hash parent, Hash stateRoot) {
    return new BlockHeader(
        chainId,
        height,
        round,
        parent,
        TestChain.START_MILLIS + height * 1000,
        suite.address(keys.get((int) (round % keys.size())).publicKey()),
        Hash.ZERO,
        0,
        stateRoot,
        Hash.ZERO);
  }

  /** A header at {@code height}, proposed in round {@code height}, with a made-up parent. */
  public BlockHeader header(long height) {
    return header(height, height, fakeHash("parent", height), fakeHash("state", height));
  }

  /** The child proposed one round after {@code parent}: the block whose QC commits the parent. */
  public BlockHeader child(BlockHeader parent, Hash stateRoot) {
    return header(parent.height() + 1, parent.round() + 1, hash(parent), stateRoot);
  }

  public BlockHeader child(BlockHeader parent) {
    return child(parent, fakeHash("state", parent.height() + 1));
  }

  /** {@code h} with one record component (by name) replaced by {@code value}. */
  public static BlockHeader with(BlockHeader h, String component, Object value) {
    RecordComponent[] components = BlockHeader.class.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    boolean found = false;
    try {
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        boolean replaced = components[i].getName().equals(component);
        found |= replaced;
        args[i] = replaced ? value : components[i].getAccessor().invoke(h);
      }
      if (!found) {
        throw new IllegalArgumentException("BlockHeader has no component " + component);
      }
      return BlockHeader.class.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("cannot set " + component, e);
    }
  }

  // ---- certificates

  public VoteData voteData(BlockHeader header) {
    return new VoteData(header.chainId(), header.round(), header.height(), hash(header));
  }

  /** A certificate on {@code header} signed by this chain's validators at {@code signers}. */
  public QuorumCert qc(BlockHeader header, int... signers) {
    return qc(keys, voteData(header), signers);
  }

  /** A certificate on {@code data} where signer {@code i} signs with {@code signingKeys[i]}. */
  public QuorumCert qc(List<KeyPair> signingKeys, VoteData data, int... signers) {
    return qc(signingKeys, 0, data, signers);
  }

  /** The same, signed as votes of {@code epoch} [GOV-9]; an index out of range wraps around. */
  public QuorumCert qc(List<KeyPair> signingKeys, long epoch, VoteData data, int... signers) {
    List<IndexedSignature> signatures = new ArrayList<>();
    byte[] message = data.signingBytes(epoch);
    for (int i : signers) {
      KeyPair key = signingKeys.get(Math.floorMod(i, signingKeys.size()));
      signatures.add(new IndexedSignature(i, Bytes.wrap(key.sign(message))));
    }
    return new QuorumCert(data, signatures);
  }

  /**
   * A certificate on {@code header} by a quorum (the first q) of {@code keys}, as {@code epoch}.
   */
  public QuorumCert quorumQc(List<KeyPair> keys, long epoch, BlockHeader header) {
    int quorum = keys.size() - (keys.size() - 1) / 3;
    return qc(keys, epoch, voteData(header), IntStream.range(0, quorum).toArray());
  }

  /** A valid commit proof for {@code header}: its child, certified by validators 0, 1 and 2. */
  public CommitProof commitProof(BlockHeader header) {
    BlockHeader child = child(header);
    return new CommitProof(child, qc(child, 0, 1, 2));
  }

  // ---- blocks with real state

  /**
   * A block, its direct commit proof and the real state tree after it (version {@code height}): the
   * child header carries the tree's root [LC-4], as a node would serve them.
   */
  public record CommittedBlock(BlockHeader header, CommitProof proof, StateTree state) {
    /** The root of the state after the block, which the child header carries. */
    public Hash root() {
      return state.rootHash(header.height());
    }

    /** The proof of {@code key}'s value, or of its absence, in the state after the block. */
    public SparseMerkleProof prove(Bytes key) {
      return state.prove(header.height(), key).proof();
    }
  }

  /** Block {@code height} in round {@code height}, certified by all of this chain's validators. */
  public CommittedBlock commit(long height, SortedMap<Bytes, Bytes> stateAfter) {
    return commit(height, height, 0, keys, stateAfter);
  }

  /**
   * Block {@code height}, proposed in {@code round} with a made-up parent, whose execution leaves
   * exactly {@code stateAfter}; committed by its child one round later, certified by a quorum of
   * {@code certifiers} signing as {@code epoch}.
   */
  public CommittedBlock commit(
      long height,
      long round,
      long epoch,
      List<KeyPair> certifiers,
      SortedMap<Bytes, Bytes> stateAfter) {
    InMemoryTreeStore store = new InMemoryTreeStore();
    StateTree tree = new StateTree(store, suite);
    TreeMap<Bytes, Optional<Bytes>> changes = new TreeMap<>();
    stateAfter.forEach((k, v) -> changes.put(k, Optional.of(v)));
    store.apply(tree.update(-1, height, changes));
    BlockHeader header =
        header(height, round, fakeHash("parent", height), fakeHash("state", height));
    BlockHeader child = child(header, tree.rootHash(height));
    return new CommittedBlock(
        header, new CommitProof(child, quorumQc(certifiers, epoch, child)), tree);
  }

  /**
   * The value of {@code gov/validators} (governance's own encoding) for {@code keys}, run by
   * organisations {@code org-0}, {@code org-1}, ....
   */
  public static Bytes validatorsValue(List<KeyPair> keys) {
    List<Validators.Entry> entries = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      entries.add(new Validators.Entry(keys.get(i).publicKey(), "org-" + i));
    }
    return Bytes.wrap(Validators.encode(entries));
  }
}
