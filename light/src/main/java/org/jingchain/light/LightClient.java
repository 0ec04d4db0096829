package org.jingchain.light;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.state.ProofVerifier;
import org.jingchain.state.SparseMerkleProof;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;

/**
 * Verifies one chain's headers, commits and state proofs from its quorum certificates and follows
 * its highest committed header, trusting only {@link TrustedValidators}
 * (docs/spec/light-client.md). Thread-safe.
 */
public final class LightClient {
  /** Committed headers kept to detect conflicts below the latest one [LC-7]. */
  public static final int MAX_HISTORY = 256;

  private final TrustedValidators trusted;
  private final HeaderVerifier verifier;
  private final ValidatorSchedule schedule;
  private final UnaryOperator<byte[]> proofHash;

  /** Committed headers accepted by {@link #advance}, by height; guarded by {@code this}. */
  private final TreeMap<Long, CommittedHeader> history = new TreeMap<>();

  public LightClient(TrustedValidators trusted) {
    this.trusted = Objects.requireNonNull(trusted, "trusted");
    this.verifier = new HeaderVerifier(trusted);
    this.schedule = new ValidatorSchedule(trusted.validators());
    this.proofHash = data -> trusted.hash().hash(data).toByteArray();
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
   * Checks that {@code proof} commits {@code header} by the two-chain rule [LC-3]; the result's
   * {@link CommittedHeader#stateRoot()} is the state after {@code header}'s height [LC-4]. Does not
   * change the client's state.
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

  /** The validator set whose certificates count at {@code height} [LC-8]. */
  public ValidatorSet validatorsAt(long height) throws LightClientException {
    return schedule.at(height);
  }

  /**
   * Makes {@code next} the validator set for certificates of heights {@code >= effectiveHeight}
   * [LC-8]. The header does not commit to validator sets yet, so the caller must take {@code next}
   * from a source it trusts; {@code announcedIn} pins where the chain announced the change.
   */
  public synchronized void updateValidators(
      ValidatorSet next, long effectiveHeight, CommittedHeader announcedIn)
      throws LightClientException {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(announcedIn, "announcedIn");
    // Re-checked under the current schedule: it may predate an earlier change.
    CommittedHeader announced = verifyCommitted(announcedIn.header(), announcedIn.proof());
    checkConsistent(announced);
    ValidatorChanges.check(next, effectiveHeight, announced, schedule, trusted.validators());
    long certifiedUpTo = history.isEmpty() ? 0 : history.lastKey() + 1;
    if (effectiveHeight <= certifiedUpTo) {
      throw new LightClientException(
          Reason.STALE,
          "the client already accepted certificates up to height "
              + certifiedUpTo
              + " under the current set, so a change cannot take effect at "
              + effectiveHeight);
    }
    schedule.add(effectiveHeight, next);
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
