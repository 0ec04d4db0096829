package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.light.LightFixtures.client;

import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.types.BlockHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * [LC-2, LC-3] A commit proof as it arrives from an untrusted node: every single-byte change of its
 * encoding either fails to decode or is refused with a reason, and nothing else is ever thrown.
 */
class CommitProofTamperingTest {
  @ParameterizedTest
  @MethodSource("org.jingchain.testkit.TestKeys#suites")
  void everySingleByteChangeOfAnEncodedCommitProofIsRefused_LC_2_LC_3(CryptoSuite suite)
      throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);

    assertEveryByteChangeRefused(client(chain), header, chain.commitProof(header));
  }

  @ParameterizedTest
  @MethodSource("org.jingchain.testkit.TestKeys#suites")
  void everySingleByteChangeOfAnEncodedIndirectCommitProofIsRefused_LC_2_LC_3(CryptoSuite suite)
      throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);
    BlockHeader child = chain.header(8, 9, chain.hash(header), chain.fakeHash("state", 8));
    BlockHeader d = chain.child(child);
    BlockHeader x = chain.child(d);

    assertEveryByteChangeRefused(
        client(chain), header, new CommitProof(child, chain.qc(x, 0, 1, 2), List.of(d, x)));
  }

  private static void assertEveryByteChangeRefused(
      LightClient client, BlockHeader header, CommitProof proof) throws LightClientException {
    byte[] encoded = MessageCodec.encode(proof);
    assertThat(client.verifyCommitted(header, MessageCodec.decodeCommitProof(encoded)).height())
        .isEqualTo(header.height());

    for (int i = 0; i < encoded.length; i++) {
      byte[] tampered = encoded.clone();
      tampered[i] ^= (byte) (1 << (i % 8));
      assertThatThrownBy(() -> verify(client, header, tampered))
          .as("byte %d changed", i)
          .isInstanceOfAny(DecodeException.class, LightClientException.class);
    }
  }

  private static void verify(LightClient client, BlockHeader header, byte[] encodedProof)
      throws LightClientException {
    CommitProof proof = MessageCodec.decodeCommitProof(encodedProof);
    client.verifyCommitted(header, proof);
  }
}
