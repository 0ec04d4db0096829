package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a light client needs to trust a committed block ({@code GET /blocks/{height}/certificate}),
 * each part the hex of its canonical encoding.
 *
 * @param header the canonical block header (docs/spec/encoding.md)
 * @param qc the quorum certificate on the block, or null when not (yet) known
 * @param commitProof the child header and QC proving the commit, or null when the block was
 *     committed as an ancestor of a later one (ask for a later height)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Certificate(long height, String header, String qc, String commitProof) {}
