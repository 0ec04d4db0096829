package org.jingchain.light;

import java.util.List;
import org.jingchain.codec.Canonical;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.IndexedSignature;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;

/**
 * The stateless checks of a light client: a header against its certificate [LC-2] and the two-chain
 * commit rule [LC-3]. Cheap structural checks run before any signature is verified.
 */
final class HeaderVerifier {
  private final TrustedValidators trusted;

  HeaderVerifier(TrustedValidators trusted) {
    this.trusted = trusted;
  }

  /** The block hash: the suite hash of the header's canonical encoding. */
  Hash hashOf(BlockHeader header) {
    return trusted.hash().hash(Canonical.encode(header));
  }

  CertifiedHeader certified(BlockHeader header, QuorumCert qc, ValidatorSet validators)
      throws LightClientException {
    checkChain("header", header.chainId());
    checkChain("certificate", qc.data().chainId());
    if (qc.height() != header.height()) {
      throw fail(
          Reason.HEIGHT_MISMATCH,
          "certificate is for height " + qc.height() + ", header is at " + header.height());
    }
    if (qc.round() != header.round()) {
      throw fail(
          Reason.ROUND_MISMATCH,
          "certificate is for round " + qc.round() + ", header is of round " + header.round());
    }
    Hash hash = hashOf(header);
    if (!qc.blockHash().equals(hash)) {
      throw fail(
          Reason.HASH_MISMATCH,
          "certificate is for block " + qc.blockHash() + ", the header hashes to " + hash);
    }
    checkQuorum(qc, validators);
    return new CertifiedHeader(header, hash, qc);
  }

  CommittedHeader committed(BlockHeader header, CommitProof proof, ValidatorSchedule schedule)
      throws LightClientException {
    BlockHeader child = proof.childHeader();
    checkChain("header", header.chainId());
    checkChain("child header", child.chainId());
    Hash hash = hashOf(header);
    if (!child.parentHash().equals(hash)) {
      throw fail(
          Reason.NOT_A_CHILD,
          "the child's parent is " + child.parentHash() + ", the header hashes to " + hash);
    }
    if (child.height() != header.height() + 1) {
      throw fail(
          Reason.NOT_A_CHILD,
          "the child is at height " + child.height() + ", not " + header.height() + " + 1");
    }
    if (child.round() != header.round() + 1) {
      throw fail(
          Reason.NOT_CONSECUTIVE,
          "the child is of round "
              + child.round()
              + ", not "
              + header.round()
              + " + 1, so its certificate does not commit the header");
    }
    certified(child, proof.childQc(), schedule.at(child.height()));
    return new CommittedHeader(header, hash, proof);
  }

  private void checkChain(String what, String chainId) throws LightClientException {
    if (!chainId.equals(trusted.chainId())) {
      throw fail(
          Reason.WRONG_CHAIN,
          what + " is for chain '" + chainId + "', not '" + trusted.chainId() + "'");
    }
  }

  private void checkQuorum(QuorumCert qc, ValidatorSet validators) throws LightClientException {
    checkSigners(qc.signatures(), validators);
    if (qc.signatures().size() < validators.quorum()) {
      throw fail(
          Reason.BELOW_QUORUM,
          qc.signatures().size()
              + " of "
              + validators.size()
              + " validators signed, a quorum is "
              + validators.quorum());
    }
    byte[] message = qc.data().signingBytes();
    for (IndexedSignature s : qc.signatures()) {
      byte[] signature = s.signature().unsafeArray();
      if (!trusted.verifier().verify(validators.key(s.index()), message, signature)) {
        throw fail(
            Reason.BAD_SIGNATURE, "the signature of validator " + s.index() + " does not verify");
      }
    }
  }

  /** Indices must name validators in strictly increasing order, so no one counts twice. */
  private static void checkSigners(List<IndexedSignature> signatures, ValidatorSet validators)
      throws LightClientException {
    int last = -1;
    for (IndexedSignature s : signatures) {
      int index = s.index();
      if (!validators.isValidIndex(index)) {
        throw fail(
            Reason.UNKNOWN_SIGNER,
            "signer index " + index + " is not one of the " + validators.size() + " validators");
      }
      if (index == last) {
        throw fail(Reason.DUPLICATE_SIGNER, "validator " + index + " signed twice");
      }
      if (index < last) {
        throw fail(
            Reason.UNORDERED_SIGNERS,
            "signer index " + index + " follows " + last + "; indices must strictly increase");
      }
      last = index;
    }
  }

  private static LightClientException fail(Reason reason, String message) {
    return new LightClientException(reason, message);
  }
}
