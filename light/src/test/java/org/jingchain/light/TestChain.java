package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jingchain.codec.Canonical;
import org.jingchain.codec.Encoder;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.IndexedSignature;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.consensus.VoteData;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.state.InMemoryTreeStore;
import org.jingchain.state.SparseMerkleProof;
import org.jingchain.state.StateTree;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/**
 * Headers and certificates of one chain built by hand with real keys of one suite, as the
 * validators would sign them, for the light-client tests.
 */
final class TestChain {
  static final String CHAIN = "jing-light-test";
  static final long GENESIS_MILLIS = 1_700_000_000_000L;

  final CryptoSuite suite;
  final String chainId;
  final List<KeyPair> keys;
  final ValidatorSet validators;

  TestChain(CryptoSuite suite) {
    this(suite, CHAIN, keyPairs(suite, 4, 7L));
  }

  TestChain(CryptoSuite suite, String chainId, List<KeyPair> keys) {
    this.suite = suite;
    this.chainId = chainId;
    this.keys = List.copyOf(keys);
    this.validators = validatorSet(suite, keys);
  }

  static Stream<CryptoSuite> suites() {
    return Stream.of(CryptoSuites.intl(), CryptoSuites.sm());
  }

  /** {@code n} key pairs that depend only on {@code seed}. */
  static List<KeyPair> keyPairs(CryptoSuite suite, int n, long seed) {
    SecureRandom random;
    try {
      random = SecureRandom.getInstance("SHA1PRNG");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    random.setSeed(seed);
    List<KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(suite.generateKeyPair(random));
    }
    return out;
  }

  static ValidatorSet validatorSet(CryptoSuite suite, List<KeyPair> keys) {
    return new ValidatorSet(keys.stream().map(KeyPair::publicKey).toList(), suite);
  }

  LightClient client() {
    return new LightClient(new TrustedValidators(chainId, validators, suite, suite::verify));
  }

  Hash hash(BlockHeader header) {
    return suite.hash(Canonical.encode(header));
  }

  BlockHeader header(long height, long round, Hash parent, Hash stateRoot) {
    return new BlockHeader(
        chainId,
        height,
        round,
        parent,
        GENESIS_MILLIS + height * 1000,
        suite.address(keys.get((int) (round % keys.size())).publicKey()),
        Hash.ZERO,
        0,
        stateRoot,
        Hash.ZERO);
  }

  /** A header at {@code height}, proposed in round {@code height}, with a made-up parent. */
  BlockHeader header(long height) {
    return header(height, height, fakeHash("parent", height), fakeHash("state", height));
  }

  /** The child proposed one round after {@code parent}: the block whose QC commits the parent. */
  BlockHeader child(BlockHeader parent, Hash stateRoot) {
    return header(parent.height() + 1, parent.round() + 1, hash(parent), stateRoot);
  }

  BlockHeader child(BlockHeader parent) {
    return child(parent, fakeHash("state", parent.height() + 1));
  }

  /** A valid commit proof for {@code header}: its child, certified by validators 0, 1 and 2. */
  CommitProof commitProof(BlockHeader header) {
    BlockHeader child = child(header);
    return new CommitProof(child, qc(child, 0, 1, 2));
  }

  VoteData voteData(BlockHeader header) {
    return new VoteData(header.chainId(), header.round(), header.height(), hash(header));
  }

  /** A certificate on {@code header} signed by this chain's validators at {@code signers}. */
  QuorumCert qc(BlockHeader header, int... signers) {
    return qc(keys, voteData(header), signers);
  }

  /** A certificate on {@code data} where signer {@code i} signs with {@code signingKeys[i]}. */
  QuorumCert qc(List<KeyPair> signingKeys, VoteData data, int... signers) {
    return qc(signingKeys, 0, data, signers);
  }

  /** The same, signed as votes of {@code epoch} [GOV-9]. */
  QuorumCert qc(List<KeyPair> signingKeys, long epoch, VoteData data, int... signers) {
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
  QuorumCert quorumQc(List<KeyPair> keys, long epoch, BlockHeader header) {
    int quorum = keys.size() - (keys.size() - 1) / 3;
    return qc(keys, epoch, voteData(header), IntStream.range(0, quorum).toArray());
  }

  /** The value of {@code gov/validators} for {@code keys}, run by organisations "org-0", .... */
  static Bytes validatorsValue(List<KeyPair> keys) {
    Encoder e = new Encoder().u32(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      e.publicKey(keys.get(i).publicKey()).string("org-" + i);
    }
    return Bytes.wrap(e.toByteArray());
  }

  /** Another state key the state after an epoch's last block holds, with the same value. */
  static final Bytes OTHER_KEY = utf8("gov/validators-copy");

  /**
   * The last block of an epoch with its direct commit proof, and the real state tree after it
   * (version {@code height}), which holds {@code gov/validators} = {@code value}: what a node
   * serves a light client that follows the epoch change [GOV-10].
   */
  record EpochEnd(BlockHeader header, CommitProof proof, StateTree state, Bytes value) {
    /** The root of the state after the block: the child's {@code stateRoot} [LC-4]. */
    Hash root() {
      return state.rootHash(header.height());
    }

    SparseMerkleProof prove(Bytes key) {
      return state.prove(header.height(), key).proof();
    }

    /** The proof of {@code gov/validators} in the state after the block. */
    SparseMerkleProof validatorsProof() {
      return prove(LightClient.VALIDATORS_KEY);
    }
  }

  /**
   * A real state tree whose version {@code version} holds {@code gov/validators} = {@code value}.
   */
  StateTree stateWithValidators(long version, Bytes value) {
    InMemoryTreeStore store = new InMemoryTreeStore();
    StateTree tree = new StateTree(store, suite);
    TreeMap<Bytes, Optional<Bytes>> changes = new TreeMap<>();
    changes.put(LightClient.VALIDATORS_KEY, Optional.of(value));
    changes.put(OTHER_KEY, Optional.of(value));
    changes.put(utf8("alice"), Optional.of(utf8("100")));
    store.apply(tree.update(-1, version, changes));
    return tree;
  }

  /**
   * Block {@code height}, proposed in {@code round}, whose execution leaves {@code gov/validators}
   * = {@code value}, committed by its child one round later, which carries the state root and is
   * certified by a quorum of {@code certifiers} (the validators of the ending epoch) signing as
   * {@code epoch}.
   */
  EpochEnd epochEnd(long height, long round, long epoch, List<KeyPair> certifiers, Bytes value) {
    StateTree state = stateWithValidators(height, value);
    BlockHeader header =
        header(height, round, fakeHash("parent", height), fakeHash("state", height));
    BlockHeader child = child(header, state.rootHash(height));
    return new EpochEnd(
        header, new CommitProof(child, quorumQc(certifiers, epoch, child)), state, value);
  }

  static Bytes utf8(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  Hash fakeHash(String label, long n) {
    return suite.hash((label + ":" + n).getBytes(StandardCharsets.UTF_8));
  }

  /** Asserts {@code call} fails with a {@link LightClientException} for {@code reason}. */
  static void assertRefused(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(LightClientException.class)
        .satisfies(e -> assertThat(((LightClientException) e).reason()).isEqualTo(reason))
        .hasMessageStartingWith(reason + ": ");
  }

  /** {@code h} with one record component (by name) replaced by {@code value}. */
  static BlockHeader with(BlockHeader h, String component, Object value) {
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
        throw new AssertionError("BlockHeader has no component " + component);
      }
      return BlockHeader.class.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("cannot set " + component, e);
    }
  }
}
