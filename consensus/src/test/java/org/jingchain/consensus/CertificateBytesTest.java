package org.jingchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the byte layouts of docs/spec/xchain.md section 1.1 ({@code QuorumCert}, {@code
 * CommitProof}), which docs/spec/consensus.md and light-client.md refer to: each expected string
 * below is assembled by hand, field by field, from that text, not from the codec, so the documented
 * layout and {@link MessageCodec} cannot drift apart.
 */
class CertificateBytesTest {
  static final HexFormat HEX = HexFormat.of();

  /** The block header test vector of docs/spec/encoding.md (chain {@code dev}, height 1). */
  static BlockHeader header() {
    return new BlockHeader(
        "dev",
        1,
        2,
        Hash.fromHex("aa".repeat(32)),
        1_700_000_000_500L,
        new Address(SuiteId.SM, Bytes.fromHex("33".repeat(20))),
        Hash.fromHex("bb".repeat(32)),
        0,
        Hash.ZERO,
        Hash.ZERO);
  }

  /** docs/spec/encoding.md's bytes of {@link #header()}: 185 (0xb9) bytes. */
  static final String HEADER_HEX =
      "02" // tag: block header
          + "00000003"
          + "646576" // string chainId "dev"
          + "0000000000000001" // u64 height 1
          + "0000000000000002" // u64 round 2
          + "aa".repeat(32) // hash parentHash
          + "0000018bcfe569f4" // u64 timestampMillis 1700000000500
          + "02"
          + "33".repeat(20) // address proposer: suite sm, 20 bytes
          + "bb".repeat(32) // hash txRoot
          + "00000000" // u32 txCount 0
          + "00".repeat(32) // hash stateRoot
          + "00".repeat(32); // hash resultsRoot

  /** Validators 0 and 2 vote for block {@code cc…cc} at height 1, round 2 of chain {@code dev}. */
  static QuorumCert qc() {
    return new QuorumCert(
        new VoteData("dev", 2, 1, Hash.fromHex("cc".repeat(32))),
        List.of(
            new IndexedSignature(0, Bytes.fromHex("11".repeat(64))),
            new IndexedSignature(2, Bytes.fromHex("22".repeat(64)))));
  }

  static final String QC_HEX =
      "00000003"
          + "646576" // string chainId "dev"
          + "0000000000000002" // u64 round 2
          + "0000000000000001" // u64 height 1
          + "cc".repeat(32) // hash blockHash
          + "00000002" // u32 n = 2 signatures
          + "00000000" // u32 validatorIndex 0
          + "00000040"
          + "11".repeat(64) // bytes signature (64)
          + "00000002" // u32 validatorIndex 2
          + "00000040"
          + "22".repeat(64); // bytes signature (64)

  @Test
  void aQuorumCertEncodesAsTheDocumentedLayout() {
    assertThat(HEX.formatHex(MessageCodec.encode(qc()))).isEqualTo(QC_HEX);
    assertThat(MessageCodec.decodeQc(HEX.parseHex(QC_HEX))).isEqualTo(qc());
  }

  @Test
  void aDirectCommitProofIsTheChildHeaderAndItsQcWithNoListAbove() {
    CommitProof direct = new CommitProof(header(), qc());
    String expected =
        "000000b9"
            + HEADER_HEX // bytes childHeader (185 bytes)
            + QC_HEX; // QuorumCert childQc; no count of headers above
    assertThat(HEX.formatHex(MessageCodec.encode(direct))).isEqualTo(expected);
    assertThat(MessageCodec.decodeCommitProof(HEX.parseHex(expected))).isEqualTo(direct);
  }

  @Test
  void anIndirectCommitProofAppendsTheCountAndTheHeadersAbove() {
    CommitProof indirect = new CommitProof(header(), qc(), List.of(header(), header()));
    String expected =
        "000000b9"
            + HEADER_HEX // bytes childHeader
            + QC_HEX // QuorumCert childQc
            + "00000002" // u32 k = 2 headers above the child
            + "000000b9"
            + HEADER_HEX
            + "000000b9"
            + HEADER_HEX;
    assertThat(HEX.formatHex(MessageCodec.encode(indirect))).isEqualTo(expected);
    assertThat(MessageCodec.decodeCommitProof(HEX.parseHex(expected))).isEqualTo(indirect);
  }

  @Test
  void theDocumentedLimitsAreTheDecodersLimits() {
    String direct = "000000b9" + HEADER_HEX + QC_HEX;
    // k = 0 is written by omission, never as a count
    assertThatThrownBy(() -> MessageCodec.decodeCommitProof(HEX.parseHex(direct + "00000000")))
        .isInstanceOf(DecodeException.class);
    // k is at most CommitProof.MAX_ABOVE = 1024: 1025 is refused before any header is read
    assertThat(CommitProof.MAX_ABOVE).isEqualTo(1024);
    assertThatThrownBy(() -> MessageCodec.decodeCommitProof(HEX.parseHex(direct + "00000401")))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("1025");
    // a header in a commit proof is at most 4,096 bytes
    assertThatThrownBy(
            () -> MessageCodec.decodeCommitProof(HEX.parseHex("00001001" + HEADER_HEX + QC_HEX)))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("4096");
    // a QC: at most 1,000 signatures, indices 0..999, signatures of at most 128 bytes
    String qcHead = "00000003646576" + "0000000000000002" + "0000000000000001" + "cc".repeat(32);
    assertThatThrownBy(() -> MessageCodec.decodeQc(HEX.parseHex(qcHead + "000003e9")))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("1001");
    assertThatThrownBy(
            () ->
                MessageCodec.decodeQc(
                    HEX.parseHex(qcHead + "00000001" + "000003e8" + "00000040" + "11".repeat(64))))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("1000");
    assertThatThrownBy(
            () ->
                MessageCodec.decodeQc(
                    HEX.parseHex(qcHead + "00000001" + "00000000" + "00000081" + "11".repeat(129))))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("129");
  }
}
