package org.jingchain.light;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.SignatureVerifier;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.state.ProofVerifier;
import org.jingchain.state.SparseMerkleProof;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.HashFunction;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * Verifies one chain's headers, commits and state proofs from its quorum certificates and follows
 * its highest committed header, trusting only {@link TrustedValidators}
 * (docs/spec/light-client.md). Thread-safe.
 */
public final class LightClient {
  /** Committed headers kept to detect conflicts below the latest one [LC-7]. */
  public static final int MAX_HISTORY = 256;

  /** The state key of the validator set [GOV-10]: UTF-8 of {@code gov/validators}. */
  public static final Bytes VALIDATORS_KEY =
      Bytes.wrap("gov/validators".getBytes(StandardCharsets.UTF_8));

  /** Most bytes of a validator's organisation id in {@code gov/validators}. */
  private static final int MAX_ORG_BYTES = 32;

  private final TrustedValidators trusted;
  private final HeaderVerifier verifier;
  private final ValidatorSchedule schedule;
  private final UnaryOperator<byte[]> proofHash;

  /** Committed headers accepted by {@link #advance}, by height; guarded by {@code this}. */
  private final TreeMap<Long, CommittedHeader> history = new TreeMap<>();

  public LightClient(TrustedValidators trusted) {
    this(trusted, new ValidatorSchedule(trusted.validators()));
  }

  private LightClient(TrustedValidators trusted, ValidatorSchedule schedule) {
    this.trusted = Objects.requireNonNull(trusted, "trusted");
    this.verifier = new HeaderVerifier(trusted);
    this.schedule = schedule;
    this.proofHash = data -> trusted.hash().hash(data).toByteArray();
  }

  /**
   * A client that trusts {@code epochs} — consecutive numbers, increasing first heights — rather
   * than a genesis set: epochs it verified before and kept, as a chain's client of another chain
   * keeps them in state [LC-1], [LC-8]. Heights below the first epoch's first height are {@code
   * STALE}.
   *
   * @throws IllegalArgumentException when the epochs are empty, not consecutive, or of mixed suites
   */
  public static LightClient trusting(
      String chainId, HashFunction hash, SignatureVerifier verifier, List<TrustedEpoch> epochs) {
    if (epochs.isEmpty()) {
      throw new IllegalArgumentException("at least one trusted epoch");
    }
    TrustedValidators root =
        new TrustedValidators(chainId, epochs.getFirst().validators(), hash, verifier);
    return new LightClient(root, new ValidatorSchedule(epochs));
  }

  /** The newest epoch this client follows. */
  public TrustedEpoch newestEpoch() {
    ValidatorSchedule.Epoch e = schedule.newest();
    return new TrustedEpoch(e.number(), e.firstHeight(), e.validators());
  }

  public String chainId() {
    return trusted.chainId();
  }

  /**
   * Checks that a quorum of the validators in force at {@code header}'s height certified exactly
   * this header [LC-2]. Does not change the client's state.
   */
  public CertifiedHeader verifyCertified(BlockHeader header, QuorumCert qc)
      throws LightClientException {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(qc, "qc");
    return verifier.certified(header, qc, schedule.at(header.height()));
  }

  /**
   * Checks that {@code proof} commits {@code header} by the two-chain rule [LC-3], directly (a
   * child one round later) or, for an epoch's last block, indirectly (a certified pair of headers
   * above the child), with a certificate of the epoch in force at {@code header}'s height; the
   * result's {@link CommittedHeader#stateRoot()} is the state after {@code header}'s height [LC-4].
   * Does not change the client's state.
   */
  public CommittedHeader verifyCommitted(BlockHeader header, CommitProof proof)
      throws LightClientException {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(proof, "proof");
    return verifier.committed(header, proof, schedule);
  }

  /**
   * Checks a state proof against the committed state root of {@code committed}'s height [LC-5]:
   * that {@code key} maps to {@code valueOrNull}, or is absent when it is {@code null}.
   */
  public void verifyState(
      CommittedHeader committed, Bytes key, Bytes valueOrNull, SparseMerkleProof proof)
      throws LightClientException {
    Objects.requireNonNull(committed, "committed");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(proof, "proof");
    if (!committed.chainId().equals(trusted.chainId())) {
      throw new LightClientException(
          Reason.WRONG_CHAIN,
          "committed header is for chain '" + committed.chainId() + "', not '" + chainId() + "'");
    }
    byte[] value = valueOrNull == null ? null : valueOrNull.unsafeArray();
    byte[] root = committed.stateRoot().toByteArray();
    if (!ProofVerifier.verify(proofHash, root, key.unsafeArray(), value, proof.encode())) {
      throw new LightClientException(
          Reason.BAD_STATE_PROOF,
          "the proof does not show key "
              + key
              + (valueOrNull == null ? " absent" : " = " + valueOrNull)
              + " in state root "
              + committed.stateRoot()
              + " of height "
              + committed.height());
    }
  }

  /**
   * Verifies a commit and, if it is above the latest committed header, makes it the latest [LC-6].
   * A header at the latest height with the same hash is accepted again unchanged.
   *
   * @throws ConflictingHeadersException if it cannot be on the same chain as a committed header
   *     already accepted [LC-7]
   * @throws LightClientException with {@link Reason#STALE} if it is below the latest height
   */
  public synchronized CommittedHeader advance(BlockHeader header, CommitProof proof)
      throws LightClientException {
    CommittedHeader next = verifyCommitted(header, proof);
    checkConsistent(next);
    Map.Entry<Long, CommittedHeader> top = history.lastEntry();
    if (top != null && next.height() < top.getKey()) {
      throw new LightClientException(
          Reason.STALE,
          "height " + next.height() + " is below the latest committed height " + top.getKey());
    }
    if (top != null && next.height() == top.getKey()) {
      return top.getValue();
    }
    history.put(next.height(), next);
    while (history.size() > MAX_HISTORY) {
      history.pollFirstEntry();
    }
    return next;
  }

  /** The highest committed header accepted by {@link #advance}, if any. */
  public synchronized Optional<CommittedHeader> latest() {
    Map.Entry<Long, CommittedHeader> top = history.lastEntry();
    return top == null ? Optional.empty() : Optional.of(top.getValue());
  }

  /**
   * The validator set whose certificates count at {@code height} [LC-8].
   *
   * @throws LightClientException with {@link Reason#STALE} below the oldest epoch kept
   */
  public ValidatorSet validatorsAt(long height) throws LightClientException {
    return schedule.at(height).validators();
  }

  /**
   * The number of the epoch in force at {@code height}: 0 from genesis, then one more per epoch
   * change followed [LC-8]; certificates of that height sign {@code
   * VoteData.signingBytes(epochAt(height))}.
   *
   * @throws LightClientException with {@link Reason#STALE} below the oldest epoch kept
   */
  public long epochAt(long height) throws LightClientException {
    return schedule.at(height).number();
  }

  /**
   * Follows an epoch change [LC-8], [GOV-10]: {@code lastOfEpoch} is a block whose execution
   * changed {@code gov/validators}, {@code validatorsValue} that key's value in the state after it,
   * and {@code proof} the state proof of that value against {@code lastOfEpoch.stateRoot()}. The
   * new set then certifies heights from {@code lastOfEpoch.height() + 1} on as the next epoch.
   * Needs nothing but the chain: the commit is re-verified under the current schedule and the set
   * is proven against the committed state.
   *
   * @throws ConflictingHeadersException if {@code lastOfEpoch} conflicts with a committed header
   *     held [LC-7]
   * @throws LightClientException with {@link Reason#STALE} if it is below the newest epoch's first
   *     height or the client holds a committed header above it, {@link Reason#BAD_STATE_PROOF} if
   *     the proof fails, {@link Reason#BAD_VALIDATOR_CHANGE} if the value is not a validator set of
   *     the chain's suite or is the set already in force (the block ended no epoch); the client is
   *     then unchanged
   */
  public synchronized void followEpoch(
      CommittedHeader lastOfEpoch, Bytes validatorsValue, SparseMerkleProof proof)
      throws LightClientException {
    Objects.requireNonNull(lastOfEpoch, "lastOfEpoch");
    Objects.requireNonNull(validatorsValue, "validatorsValue");
    Objects.requireNonNull(proof, "proof");
    // Re-checked under the current schedule: it may predate an earlier change.
    CommittedHeader end = verifyCommitted(lastOfEpoch.header(), lastOfEpoch.proof());
    checkConsistent(end);
    ValidatorSchedule.Epoch newest = schedule.newest();
    if (end.height() < newest.firstHeight()) {
      throw new LightClientException(
          Reason.STALE,
          "height "
              + end.height()
              + " is below the first height "
              + newest.firstHeight()
              + " of the newest epoch "
              + newest.number()
              + "; epoch changes are followed in order");
    }
    if (!history.isEmpty() && history.lastKey() > end.height()) {
      throw new LightClientException(
          Reason.STALE,
          "the client already holds committed height "
              + history.lastKey()
              + ", above the epoch's last block at height "
              + end.height());
    }
    verifyState(end, VALIDATORS_KEY, validatorsValue, proof);
    ValidatorSet next = validatorSet(decodeValidators(validatorsValue));
    ValidatorSet current = newest.validators();
    if (next.keys().equals(current.keys())) {
      throw new LightClientException(
          Reason.BAD_VALIDATOR_CHANGE,
          "the state after height "
              + end.height()
              + " holds the validators of epoch "
              + newest.number()
              + " unchanged, so that block did not end the epoch");
    }
    schedule.add(end.height() + 1, next);
  }

  /**
   * Decodes the value of {@code gov/validators} (docs/spec/governance.md section 3): a u32 count
   * (1..{@link ValidatorSet#MAX_VALIDATORS}), then each validator's public key and organisation id
   * (at most 32 bytes), in the set's index order. Returns the keys in that order.
   *
   * @throws LightClientException with {@link Reason#BAD_VALIDATOR_CHANGE} if it does not decode
   */
  public static List<PublicKey> decodeValidators(Bytes value) throws LightClientException {
    Objects.requireNonNull(value, "value");
    try {
      Decoder d = new Decoder(value.unsafeArray());
      int n = d.count("validators", ValidatorSet.MAX_VALIDATORS);
      if (n == 0) {
        throw new DecodeException("an empty validator set");
      }
      List<PublicKey> keys = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        keys.add(d.publicKey("validator key"));
        d.string("validator org", MAX_ORG_BYTES);
      }
      d.finish("validator set");
      return keys;
    } catch (DecodeException e) {
      throw new LightClientException(
          Reason.BAD_VALIDATOR_CHANGE, "gov/validators does not decode: " + e.getMessage());
    }
  }

  /** A set of the chain's suite from decoded keys, or {@link Reason#BAD_VALIDATOR_CHANGE}. */
  private ValidatorSet validatorSet(List<PublicKey> keys) throws LightClientException {
    SuiteId suite = trusted.validators().key(0).suite();
    for (PublicKey key : keys) {
      if (key.suite() != suite) {
        throw new LightClientException(
            Reason.BAD_VALIDATOR_CHANGE,
            "new validator " + key + " is not of the chain's suite " + suite);
      }
    }
    try {
      return new ValidatorSet(keys, trusted.hash());
    } catch (IllegalArgumentException e) {
      throw new LightClientException(
          Reason.BAD_VALIDATOR_CHANGE, "not a validator set: " + e.getMessage());
    }
  }

  /** Fails if {@code c} cannot be on one chain with the committed headers held [LC-7]. */
  private void checkConsistent(CommittedHeader c) throws ConflictingHeadersException {
    long h = c.height();
    CommittedHeader same = history.get(h);
    if (same != null && !same.hash().equals(c.hash())) {
      throw new ConflictingHeadersException(
          same, c, "two committed headers at height " + h + ": " + same.hash() + ", " + c.hash());
    }
    CommittedHeader below = h > 0 ? history.get(h - 1) : null;
    if (below != null && !c.header().parentHash().equals(below.hash())) {
      throw new ConflictingHeadersException(below, c, notExtending(c, below));
    }
    CommittedHeader above = h < Long.MAX_VALUE ? history.get(h + 1) : null;
    if (above != null && !above.header().parentHash().equals(c.hash())) {
      throw new ConflictingHeadersException(above, c, notExtending(above, c));
    }
  }

  private static String notExtending(CommittedHeader child, CommittedHeader parent) {
    return "committed header "
        + child.hash()
        + " at height "
        + child.height()
        + " does not extend committed header "
        + parent.hash()
        + " at height "
        + parent.height();
  }
}
