package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jingchain.consensus.CommitProof;
import org.jingchain.crypto.KeyPair;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.state.SparseMerkleProof;
import org.jingchain.state.StateTree;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/**
 * What the light client's tests add to the shared {@link HeaderChain}: a client that trusts its
 * validators, the end of an epoch as a node serves it, and refusals with their reason.
 */
final class LightFixtures {
  /** Another state key the state after an epoch's last block holds, with the same value. */
  static final Bytes OTHER_KEY = utf8("gov/validators-copy");

  private LightFixtures() {}

  /** A client whose trusted genesis validators are {@code chain}'s. */
  static LightClient client(HeaderChain chain) {
    return new LightClient(
        new TrustedValidators(
            chain.chainId(), chain.validators(), chain.suite(), chain.suite()::verify));
  }

  /**
   * The last block of an epoch with its direct commit proof, and the real state tree after it,
   * which holds {@code gov/validators} = {@code value}: what a node serves a light client that
   * follows the epoch change [GOV-10].
   */
  record EpochEnd(HeaderChain.CommittedBlock block, Bytes value) {
    BlockHeader header() {
      return block.header();
    }

    CommitProof proof() {
      return block.proof();
    }

    StateTree state() {
      return block.state();
    }

    /** The root of the state after the block: the child's {@code stateRoot} [LC-4]. */
    Hash root() {
      return block.root();
    }

    SparseMerkleProof prove(Bytes key) {
      return block.prove(key);
    }

    /** The proof of {@code gov/validators} in the state after the block. */
    SparseMerkleProof validatorsProof() {
      return prove(LightClient.VALIDATORS_KEY);
    }
  }

  /**
   * Block {@code height}, proposed in {@code round}, whose execution leaves {@code gov/validators}
   * = {@code value}, committed by its child one round later, which carries the state root and is
   * certified by a quorum of {@code certifiers} (the validators of the ending epoch) signing as
   * {@code epoch}.
   */
  static EpochEnd epochEnd(
      HeaderChain chain,
      long height,
      long round,
      long epoch,
      List<KeyPair> certifiers,
      Bytes value) {
    TreeMap<Bytes, Bytes> state = new TreeMap<>();
    state.put(LightClient.VALIDATORS_KEY, value);
    state.put(OTHER_KEY, value);
    state.put(utf8("alice"), utf8("100"));
    return new EpochEnd(chain.commit(height, round, epoch, certifiers, state), value);
  }

  static Bytes utf8(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Asserts {@code call} fails with a {@link LightClientException} for {@code reason}. */
  static void assertRefused(ThrowingCallable call, Reason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(LightClientException.class)
        .satisfies(e -> assertThat(((LightClientException) e).reason()).isEqualTo(reason))
        .hasMessageStartingWith(reason + ": ");
  }
}
