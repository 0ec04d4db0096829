package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What a light client needs to trust a committed block ({@code GET /blocks/{height}/certificate}),
 * each part the hex of its canonical encoding.
 *
 * @param validators the size of the validator set of the block's epoch
 * @param signers the addresses of the validators whose signatures {@code qc} carries, as the node
 *     decoded them (for people: a light client checks {@code qc} itself), or null with it
 * @param header the canonical block header (docs/spec/encoding.md)
 * @param qc the quorum certificate on the block, or null when not (yet) known
 * @param commitProof the child header and QC proving the commit, or null when the block was
 *     committed as an ancestor of a later one (ask for a later height)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Certificate(
    long height,
    int validators,
    List<String> signers,
    String header,
    String qc,
    String commitProof) {
  public Certificate {
    signers = signers == null ? null : Copies.list(signers);
  }

  /** A certificate as a light client needs it (the decoded signer list is for people). */
  public Certificate(long height, String header, String qc, String commitProof) {
    this(height, 0, null, header, qc, commitProof);
  }
}
