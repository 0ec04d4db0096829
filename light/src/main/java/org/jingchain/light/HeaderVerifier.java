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
 * commit rule [LC-3], each certificate under the epoch in force [LC-8]. Cheap structural checks run
 * before any signature is verified.
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

  CertifiedHeader certified(BlockHeader header, QuorumCert qc, ValidatorSchedule.Epoch epoch)
      throws LightClientException {
    checkChain("header", header.chainId());
    checkChain("certificate", qc.data().chainId());
    Hash hash = checkCertifies(header, qc);
    checkQuorum(qc, epoch);
    return new CertifiedHeader(header, hash, qc);
  }

  /**
   * [LC-3] Checks that {@code proof} commits {@code header}: the chain from the child to the
   * certified header (the child itself, or the last of {@code above}) links up, the certified
   * header is one round after its parent, and a quorum of the epoch in force at {@code header}'s
   * height certified it. That epoch, not the one at the child's height: the child of an epoch's
   * last block is still certified by the epoch it ends [GOV-8].
   */
  CommittedHeader committed(BlockHeader header, CommitProof proof, ValidatorSchedule schedule)
      throws LightClientException {
    BlockHeader child = proof.childHeader();
    List<BlockHeader> above = proof.above();
    checkChain("header", header.chainId());
    checkChain("child header", child.chainId());
    for (BlockHeader h : above) {
      checkChain("header above the child", h.chainId());
    }
    Hash hash = hashOf(header);
    checkLink("the child", header, hash, child);
    BlockHeader parent = header;
    BlockHeader previous = child;
    for (int i = 0; i < above.size(); i++) {
      BlockHeader next = above.get(i);
      checkLink("header " + i + " above the child", previous, hashOf(previous), next);
      parent = previous;
      previous = next;
    }
    BlockHeader certified = proof.certifiedHeader();
    if (certified.round() != parent.round() + 1) {
      throw fail(
          Reason.NOT_CONSECUTIVE,
          (above.isEmpty() ? "the child" : "the certified header at height " + certified.height())
              + " is of round "
              + certified.round()
              + ", not "
              + parent.round()
              + " + 1, so its certificate does not commit "
              + (above.isEmpty() ? "the header" : "its parent"));
    }
    ValidatorSchedule.Epoch epoch = schedule.at(header.height());
    checkChain("certificate", proof.childQc().data().chainId());
    checkCertifies(certified, proof.childQc());
    checkQuorum(proof.childQc(), epoch);
    return new CommittedHeader(header, hash, proof);
  }

  /** {@code next} must be the child of {@code previous}, whose hash is {@code previousHash}. */
  private static void checkLink(
      String what, BlockHeader previous, Hash previousHash, BlockHeader next)
      throws LightClientException {
    if (!next.parentHash().equals(previousHash)) {
      throw fail(
          Reason.NOT_A_CHILD,
          what
              + " has parent "
              + next.parentHash()
              + ", the header below it hashes to "
              + previousHash);
    }
    if (next.height() != previous.height() + 1) {
      throw fail(
          Reason.NOT_A_CHILD,
          what + " is at height " + next.height() + ", not " + previous.height() + " + 1");
    }
  }

  /** The certificate names exactly {@code header}; returns the header's hash. */
  private Hash checkCertifies(BlockHeader header, QuorumCert qc) throws LightClientException {
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
    return hash;
  }

  private void checkChain(String what, String chainId) throws LightClientException {
    if (!chainId.equals(trusted.chainId())) {
      throw fail(
          Reason.WRONG_CHAIN,
          what + " is for chain '" + chainId + "', not '" + trusted.chainId() + "'");
    }
  }

  private void checkQuorum(QuorumCert qc, ValidatorSchedule.Epoch epoch)
      throws LightClientException {
    ValidatorSet validators = epoch.validators();
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
    byte[] message = qc.data().signingBytes(epoch.number());
    for (IndexedSignature s : qc.signatures()) {
      byte[] signature = s.signature().unsafeArray();
      if (!trusted.verifier().verify(validators.key(s.index()), message, signature)) {
        throw fail(
            Reason.BAD_SIGNATURE,
            "the signature of validator "
                + s.index()
                + " does not verify as a vote of epoch "
                + epoch.number());
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
