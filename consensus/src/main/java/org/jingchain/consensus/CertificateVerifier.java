package org.jingchain.consensus;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jingchain.consensus.ConsensusMessage.Proposal;
import org.jingchain.consensus.ConsensusMessage.Timeout;
import org.jingchain.consensus.ConsensusMessage.Vote;
import org.jingchain.types.Hash;

/**
 * Checks certificates and signed messages against the validator set. Remembers recently verified
 * QCs (insertion-ordered, bounded) so a QC carried by many messages is verified once.
 */
final class CertificateVerifier {
  private static final int CACHE_SIZE = 256;

  private final ConsensusConfig config;
  private final Epoch epoch;
  private final ValidatorSet validators;
  private final SignatureVerifier verifier;
  private final Map<QuorumCert, Boolean> verifiedQcs =
      new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<QuorumCert, Boolean> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  CertificateVerifier(
      ConsensusConfig config, Epoch epoch, ValidatorSet validators, SignatureVerifier verifier) {
    this.config = config;
    this.epoch = epoch;
    this.validators = validators;
    this.verifier = verifier;
  }

  /** Null when valid, otherwise why not. */
  String checkQc(QuorumCert qc) {
    if (!qc.data().chainId().equals(config.chainId())) {
      return "qc for another chain";
    }
    if (qc.isUnsigned()) {
      // the epoch's root needs no signatures: genesis, or a block the previous epoch committed
      boolean root =
          qc.blockHash().equals(epoch.rootHash())
              && qc.height() == epoch.rootHeight()
              && qc.round() == epoch.rootRound();
      if (root) {
        return null;
      }
      return qc.isGenesis() ? "genesis qc for another block" : "qc below quorum";
    }
    if (qc.round() == 0 || qc.height() == 0) {
      return "qc at round or height 0 with signatures";
    }
    if (verifiedQcs.containsKey(qc)) {
      return null;
    }
    if (qc.signatures().size() < validators.quorum()) {
      return "qc below quorum";
    }
    byte[] msg = qc.data().signingBytes(epoch.number());
    int last = -1;
    for (IndexedSignature s : qc.signatures()) {
      if (s.index() <= last || !validators.isValidIndex(s.index())) {
        return "qc signer indices not strictly increasing validator indices";
      }
      last = s.index();
      if (!verifier.verify(validators.key(s.index()), msg, s.signature().unsafeArray())) {
        return "bad qc signature by validator " + s.index();
      }
    }
    verifiedQcs.put(qc, Boolean.TRUE);
    return null;
  }

  String checkTc(TimeoutCert tc) {
    if (!tc.chainId().equals(config.chainId())) {
      return "tc for another chain";
    }
    if (tc.round() == 0 || tc.signatures().size() < validators.quorum()) {
      return "tc below quorum";
    }
    int last = -1;
    long e = epoch.number();
    for (TimeoutSignature s : tc.signatures()) {
      if (s.index() <= last || !validators.isValidIndex(s.index())) {
        return "tc signer indices not strictly increasing validator indices";
      }
      last = s.index();
      if (s.highQcRound() >= tc.round()) {
        return "tc high qc round not below its round";
      }
      byte[] msg = new TimeoutData(tc.chainId(), tc.round(), s.highQcRound()).signingBytes(e);
      if (!verifier.verify(validators.key(s.index()), msg, s.signature().unsafeArray())) {
        return "bad tc signature by validator " + s.index();
      }
    }
    return null;
  }

  String checkVote(Vote v) {
    if (!validators.isValidIndex(v.voter())) {
      return "vote by unknown validator";
    }
    if (!v.data().chainId().equals(config.chainId())) {
      return "vote for another chain";
    }
    boolean ok =
        verifier.verify(
            validators.key(v.voter()),
            v.data().signingBytes(epoch.number()),
            v.signature().unsafeArray());
    return ok ? null : "bad vote signature";
  }

  String checkTimeout(Timeout t) {
    if (!validators.isValidIndex(t.sender())) {
      return "timeout by unknown validator";
    }
    if (t.highQc().round() >= t.round()) {
      return "timeout high qc not below its round";
    }
    byte[] msg =
        new TimeoutData(config.chainId(), t.round(), t.highQc().round())
            .signingBytes(epoch.number());
    if (!verifier.verify(validators.key(t.sender()), msg, t.signature().unsafeArray())) {
      return "bad timeout signature";
    }
    String why = checkQc(t.highQc());
    if (why == null && t.lastTc() != null) {
      why = checkTc(t.lastTc());
    }
    return why;
  }

  /**
   * Checks a commit proof for {@code header} [GOV-8]: the child and the headers above it form a
   * chain, the certified header is one round after its parent, and {@code childQc} is a valid QC of
   * this epoch on it. Null when valid, otherwise why not.
   */
  String checkCommitProof(
      org.jingchain.types.BlockHeader header,
      Hash hash,
      CommitProof p,
      org.jingchain.types.HashFunction hashFn) {
    org.jingchain.types.BlockHeader parent = header;
    Hash parentHash = hash;
    org.jingchain.types.BlockHeader prev = null;
    java.util.List<org.jingchain.types.BlockHeader> chain = new java.util.ArrayList<>();
    chain.add(p.childHeader());
    chain.addAll(p.above());
    Hash last = null;
    for (org.jingchain.types.BlockHeader h : chain) {
      if (!h.parentHash().equals(parentHash) || h.height() != parent.height() + 1) {
        return "commit proof headers do not form a chain";
      }
      prev = parent;
      parent = h;
      parentHash = hashFn.hash(org.jingchain.codec.Canonical.encode(h));
      last = parentHash;
    }
    if (parent.round() != prev.round() + 1) {
      return "commit proof's certified block is not one round after its parent";
    }
    QuorumCert qc = p.childQc();
    if (!qc.blockHash().equals(last)
        || qc.round() != parent.round()
        || qc.height() != parent.height()
        || qc.isUnsigned()) {
      return "commit proof's qc is not for its certified block";
    }
    return checkQc(qc);
  }

  String checkProposalSignature(Proposal p, Hash blockHash) {
    if (!validators.isValidIndex(p.proposer())) {
      return "proposal by unknown validator";
    }
    byte[] msg = Proposal.signingBytes(config.chainId(), epoch.number(), p.round(), blockHash);
    boolean ok = verifier.verify(validators.key(p.proposer()), msg, p.signature().unsafeArray());
    return ok ? null : "bad proposal signature";
  }
}
