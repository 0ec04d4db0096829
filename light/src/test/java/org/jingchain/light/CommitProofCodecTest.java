package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.light.LightFixtures.client;

import java.util.Collections;
import java.util.List;
import org.jingchain.codec.Canonical;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Encoder;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.types.BlockHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * [LC-3] Commit proofs as they travel ({@code MessageCodec}): the headers above the child are
 * encoded only when there are some, so a direct proof encodes as before epochs, and an encoded
 * empty or oversized list is refused.
 */
class CommitProofCodecTest {
  private static final String SUITES = "org.jingchain.testkit.TestKeys#suites";

  /** A direct proof of block 7 and an indirect one through two headers above its child. */
  private record Proofs(
      HeaderChain chain, BlockHeader header, CommitProof direct, CommitProof indirect) {}

  private static Proofs proofs(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);
    BlockHeader child = chain.header(8, 9, chain.hash(header), chain.fakeHash("state", 8));
    BlockHeader d = chain.child(child);
    BlockHeader x = chain.child(d);
    CommitProof indirect = new CommitProof(child, chain.qc(x, 0, 1, 2), List.of(d, x));
    return new Proofs(chain, header, new CommitProof(child, indirect.childQc()), indirect);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void anIndirectProofSurvivesTheCodecAndStillVerifies_LC_3(CryptoSuite suite) throws Exception {
    Proofs p = proofs(suite);

    CommitProof decoded = MessageCodec.decodeCommitProof(MessageCodec.encode(p.indirect()));

    assertThat(decoded).isEqualTo(p.indirect());
    assertThat(decoded.above()).hasSize(2);
    assertThat(client(p.chain()).verifyCommitted(p.header(), decoded).height()).isEqualTo(7);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aDirectProofEncodesWithoutTheListAbove_LC_3(CryptoSuite suite) {
    Proofs p = proofs(suite);
    byte[] direct = MessageCodec.encode(p.direct());
    Encoder list = new Encoder().u32(2);
    for (BlockHeader h : p.indirect().above()) {
      list.bytes(Canonical.encode(h));
    }

    assertThat(MessageCodec.decodeCommitProof(direct).above()).isEmpty();
    assertThat(MessageCodec.encode(p.indirect())).isEqualTo(concat(direct, list.toByteArray()));
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void anEncodedEmptyListAboveTheChildIsRefused_LC_3(CryptoSuite suite) {
    Proofs p = proofs(suite);
    byte[] emptyList = concat(MessageCodec.encode(p.direct()), new Encoder().u32(0).toByteArray());

    assertThatThrownBy(() -> MessageCodec.decodeCommitProof(emptyList))
        .isInstanceOf(DecodeException.class);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void tooManyOrTruncatedHeadersAboveAreRefused_LC_3(CryptoSuite suite) {
    Proofs p = proofs(suite);
    byte[] direct = MessageCodec.encode(p.direct());
    byte[] indirect = MessageCodec.encode(p.indirect());
    byte[] tooMany = concat(direct, new Encoder().u32(CommitProof.MAX_ABOVE + 1).toByteArray());
    byte[] truncated = java.util.Arrays.copyOf(indirect, indirect.length - 1);
    byte[] trailing = concat(indirect, new byte[] {0});
    List<BlockHeader> tooLong =
        Collections.nCopies(CommitProof.MAX_ABOVE + 1, p.indirect().childHeader());

    for (byte[] bad : List.of(tooMany, truncated, trailing)) {
      assertThatThrownBy(() -> MessageCodec.decodeCommitProof(bad))
          .isInstanceOf(DecodeException.class);
    }
    assertThatThrownBy(
            () -> new CommitProof(p.indirect().childHeader(), p.indirect().childQc(), tooLong))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
