package org.jingchain.cli;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jingchain.codec.Canonical;
import org.jingchain.codec.DecodeException;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.model.Certificate;
import org.jingchain.sdk.model.Epoch;
import org.jingchain.sdk.model.StateRead;
import org.jingchain.state.SparseMerkleProof;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;

/**
 * Assembles a {@link ProofFile} from a node's answers [STATE-21]: the state read, the header of its
 * version, a commit proof whose child is the committed block that carries the read's state root,
 * and the validator-set changes up to that version. Trusts nothing it fetches: the file is checked
 * as a reader checks it before it is returned.
 */
final class ProofFiles {
  private ProofFiles() {}

  /**
   * The proof file of {@code read}, a read of {@code key} with its proof.
   *
   * @throws CliException when the read is of the head (no committed header carries its root yet),
   *     when the node lacks what the file needs, or when its answers do not agree
   */
  static ProofFile fetch(JingClient c, Bytes key, StateRead read) {
    long v = read.version();
    if (read.certifiedBy() == null) {
      throw new CliException(
          "state version "
              + v
              + " is the chain's head: no committed header carries its root yet, so a proof file"
              + " of it could not be checked against a certified header; omit --at-height to save"
              + " the newest certified version"
              + (v > 0 ? " (--at-height " + (v - 1) + " or lower)" : ""));
    }
    try {
      SuiteId suiteId =
          SuiteId.fromLabel(read.suite())
              .orElseThrow(
                  () ->
                      new CliException("the node reports an unknown suite '" + read.suite() + "'"));
      CryptoSuite suite = CryptoSuites.of(suiteId);
      Hash child = Hash.fromHex(read.certifiedBy().blockHash());
      BlockHeader header = header(c.certificate(v));
      CommitProof proof = commitProof(c, suite, v, child);
      List<ProofFile.EpochChange> epochs = new ArrayList<>();
      for (Epoch e : c.epochs()) {
        if (e.firstHeight() <= v) {
          epochs.add(epochChange(c, e));
        }
      }
      ProofFile f =
          new ProofFile(
              ProofFile.FORMAT_2,
              header.chainId(),
              suiteId,
              key,
              Optional.ofNullable(read.value()).map(Bytes::fromHex),
              v,
              Hash.fromHex(read.stateRoot()),
              Bytes.fromHex(read.proof().encoded()),
              new ProofFile.Certification(read.certifiedBy().height(), child),
              header,
              proof,
              epochs);
      Optional<String> wrong = f.inconsistency();
      if (wrong.isPresent()) {
        throw new CliException("the node's answers do not agree: " + wrong.get());
      }
      if (!f.merkleProofHolds(f.stateRoot())) {
        throw new CliException("the node's Merkle proof does not verify");
      }
      return f;
    } catch (IllegalArgumentException | DecodeException e) {
      // a decoder's exception on what the node sent (DecodeException, MalformedProofException)
      throw new CliException("the node sent a malformed certificate: " + e.getMessage());
    }
  }

  /**
   * A commit proof of block {@code v} whose child is the committed block {@code v + 1} (hash {@code
   * child}) [STATE-21]: the node's own when it has one with that child; otherwise, when {@code v}
   * was committed as an ancestor of a later block (or the node's proof names a certified sibling of
   * the committed child), an indirect one: block {@code v + 1}, the blocks above it up to the next
   * block {@code L} the node has a commit proof of, then that proof's headers and its certificate,
   * which commits {@code L} and with it every block below ([LC-3]).
   */
  static CommitProof commitProof(JingClient c, CryptoSuite suite, long v, Hash child) {
    Certificate own = c.certificate(v);
    if (own.commitProof() != null) {
      CommitProof p = MessageCodec.decodeCommitProof(HexFormat.of().parseHex(own.commitProof()));
      if (suite.hash(Canonical.encode(p.childHeader())).equals(child)) {
        return p;
      }
    }
    long head = c.status().height();
    List<BlockHeader> chain = new ArrayList<>(); // blocks v+1 .. L
    for (long h = v + 1; h <= head && chain.size() <= CommitProof.MAX_ABOVE; h++) {
      Certificate cert = c.certificate(h);
      chain.add(header(cert));
      if (cert.commitProof() != null) {
        CommitProof p = MessageCodec.decodeCommitProof(HexFormat.of().parseHex(cert.commitProof()));
        List<BlockHeader> above = new ArrayList<>(chain.subList(1, chain.size()));
        above.add(p.childHeader());
        above.addAll(p.above());
        if (above.size() > CommitProof.MAX_ABOVE) {
          break;
        }
        return new CommitProof(chain.getFirst(), p.childQc(), above);
      }
    }
    throw new CliException(
        "the node has no commit proof of block "
            + v
            + " nor of a block up to "
            + CommitProof.MAX_ABOVE
            + " above it; try another --at-height");
  }

  private static ProofFile.EpochChange epochChange(JingClient c, Epoch e) {
    Certificate cert = c.certificate(e.firstHeight() - 1);
    if (cert.commitProof() == null || e.validatorsValue() == null || e.validatorsProof() == null) {
      throw new CliException(
          "the node has no proof of the change to epoch "
              + e.epoch()
              + ", which a proof file of a later state must carry");
    }
    return new ProofFile.EpochChange(
        e.epoch(),
        e.firstHeight(),
        header(cert),
        MessageCodec.decodeCommitProof(HexFormat.of().parseHex(cert.commitProof())),
        Bytes.fromHex(e.validatorsValue()),
        SparseMerkleProof.decode(HexFormat.of().parseHex(e.validatorsProof())));
  }

  private static BlockHeader header(Certificate cert) {
    return Canonical.decodeHeader(HexFormat.of().parseHex(cert.header()));
  }
}
