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
  private final ValidatorSet validators;
  private final SignatureVerifier verifier;
  private final Map<QuorumCert, Boolean> verifiedQcs =
      new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<QuorumCert, Boolean> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  CertificateVerifier(ConsensusConfig config, ValidatorSet validators, SignatureVerifier verifier) {
    this.config = config;
    this.validators = validators;
    this.verifier = verifier;
  }

  /** Null when valid, otherwise why not. */
  String checkQc(QuorumCert qc) {
    if (!qc.data().chainId().equals(config.chainId())) {
      return "qc for another chain";
    }
    if (qc.isGenesis()) {
      return qc.blockHash().equals(config.genesisHash()) ? null : "genesis qc for another block";
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
    byte[] msg = qc.data().signingBytes();
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
    for (TimeoutSignature s : tc.signatures()) {
      if (s.index() <= last || !validators.isValidIndex(s.index())) {
        return "tc signer indices not strictly increasing validator indices";
      }
      last = s.index();
      if (s.highQcRound() >= tc.round()) {
        return "tc high qc round not below its round";
      }
      byte[] msg = new TimeoutData(tc.chainId(), tc.round(), s.highQcRound()).signingBytes();
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
            validators.key(v.voter()), v.data().signingBytes(), v.signature().unsafeArray());
    return ok ? null : "bad vote signature";
  }

  String checkTimeout(Timeout t) {
    if (!validators.isValidIndex(t.sender())) {
      return "timeout by unknown validator";
    }
    if (t.highQc().round() >= t.round()) {
      return "timeout high qc not below its round";
    }
    byte[] msg = new TimeoutData(config.chainId(), t.round(), t.highQc().round()).signingBytes();
    if (!verifier.verify(validators.key(t.sender()), msg, t.signature().unsafeArray())) {
      return "bad timeout signature";
    }
    String why = checkQc(t.highQc());
    if (why == null && t.lastTc() != null) {
      why = checkTc(t.lastTc());
    }
    return why;
  }

  String checkProposalSignature(Proposal p, Hash blockHash) {
    if (!validators.isValidIndex(p.proposer())) {
      return "proposal by unknown validator";
    }
    byte[] msg = Proposal.signingBytes(config.chainId(), p.round(), blockHash);
    boolean ok = verifier.verify(validators.key(p.proposer()), msg, p.signature().unsafeArray());
    return ok ? null : "bad proposal signature";
  }
}
