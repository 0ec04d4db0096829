package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.light.LightFixtures.assertRefused;
import static org.jingchain.light.LightFixtures.client;
import static org.jingchain.testkit.HeaderChain.with;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.consensus.IndexedSignature;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.VoteData;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.Address;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** [LC-1, LC-2] A header is certified only by a quorum of the trusted validators signing it. */
class CertifiedHeaderTest {
  private static final String SUITES = "org.jingchain.testkit.TestKeys#suites";

  @ParameterizedTest
  @MethodSource(SUITES)
  void aQuorumOfValidatorsCertifiesAHeader_LC_2(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);

    CertifiedHeader certified = client(chain).verifyCertified(header, chain.qc(header, 0, 1, 2));

    assertThat(certified.header()).isEqualTo(header);
    assertThat(certified.hash()).isEqualTo(chain.hash(header));
    assertThat(certified.height()).isEqualTo(7);
    assertThat(certified.round()).isEqualTo(7);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void moreThanAQuorumAndAnyQuorumCertify_LC_2(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);
    LightClient client = client(chain);

    client.verifyCertified(header, chain.qc(header, 0, 1, 2, 3));
    client.verifyCertified(header, chain.qc(header, 1, 2, 3));
    client.verifyCertified(header, chain.qc(header, 0, 2, 3));
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aTamperedHeaderFieldIsRefused_LC_2(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader h = chain.header(7);
    QuorumCert qc = chain.qc(h, 0, 1, 2);
    LightClient client = client(chain);
    Hash other = chain.fakeHash("other", 0);

    Address stranger = suite.address(TestKeys.keyPairs("stranger", 1, suite).get(0).publicKey());

    assertRefused(
        () -> client.verifyCertified(with(h, "chainId", "other-chain"), qc), Reason.WRONG_CHAIN);
    assertRefused(() -> client.verifyCertified(with(h, "height", 8L), qc), Reason.HEIGHT_MISMATCH);
    assertRefused(() -> client.verifyCertified(with(h, "round", 8L), qc), Reason.ROUND_MISMATCH);
    for (BlockHeader tampered :
        List.of(
            with(h, "parentHash", other),
            with(h, "timestampMillis", h.timestampMillis() + 1),
            with(h, "proposer", stranger),
            with(h, "txRoot", other),
            with(h, "txCount", 1),
            with(h, "stateRoot", other),
            with(h, "resultsRoot", other))) {
      assertRefused(() -> client.verifyCertified(tampered, qc), Reason.HASH_MISMATCH);
    }
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCertificateForAnotherBlockIsRefused_LC_2(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);
    BlockHeader sibling = with(header, "stateRoot", chain.fakeHash("other", 7));

    assertRefused(
        () -> client(chain).verifyCertified(header, chain.qc(sibling, 0, 1, 2)),
        Reason.HASH_MISMATCH);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCertificateOfAnotherRoundOrHeightIsRefused_LC_2(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader h = chain.header(7);
    Hash hash = chain.hash(h);
    QuorumCert otherRound =
        chain.qc(chain.keys(), new VoteData(chain.chainId(), 8, 7, hash), 0, 1, 2);
    QuorumCert otherHeight =
        chain.qc(chain.keys(), new VoteData(chain.chainId(), 7, 6, hash), 0, 1, 2);

    assertRefused(() -> client(chain).verifyCertified(h, otherRound), Reason.ROUND_MISMATCH);
    assertRefused(() -> client(chain).verifyCertified(h, otherHeight), Reason.HEIGHT_MISMATCH);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aHeaderOrCertificateOfAnotherChainIsRefused_LC_1(CryptoSuite suite) {
    HeaderChain ours = HeaderChain.of(suite);
    HeaderChain theirs = new HeaderChain(suite, "other-chain", ours.keys());
    BlockHeader foreign = theirs.header(7);
    BlockHeader header = ours.header(7);
    QuorumCert foreignQc =
        ours.qc(ours.keys(), new VoteData("other-chain", 7, 7, ours.hash(header)), 0, 1, 2);

    assertRefused(
        () -> client(ours).verifyCertified(foreign, theirs.qc(foreign, 0, 1, 2)),
        Reason.WRONG_CHAIN);
    assertRefused(() -> client(ours).verifyCertified(header, foreignQc), Reason.WRONG_CHAIN);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void fewerThanAQuorumOfSignersIsRefused_LC_2(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader h = chain.header(7);

    assertRefused(() -> client(chain).verifyCertified(h, chain.qc(h, 0, 1)), Reason.BELOW_QUORUM);
    assertRefused(() -> client(chain).verifyCertified(h, chain.qc(h)), Reason.BELOW_QUORUM);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aValidatorCountedTwiceIsRefused_LC_2(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader h = chain.header(7);

    assertRefused(
        () -> client(chain).verifyCertified(h, chain.qc(h, 0, 1, 1, 2)), Reason.DUPLICATE_SIGNER);
    assertRefused(
        () -> client(chain).verifyCertified(h, chain.qc(h, 0, 0, 1)), Reason.DUPLICATE_SIGNER);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void signersOutOfIndexOrderAreRefused_LC_2(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader h = chain.header(7);

    assertRefused(
        () -> client(chain).verifyCertified(h, chain.qc(h, 1, 0, 2)), Reason.UNORDERED_SIGNERS);
    assertRefused(
        () -> client(chain).verifyCertified(h, chain.qc(h, 0, 2, 1, 3)), Reason.UNORDERED_SIGNERS);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aSignerIndexOutsideTheValidatorSetIsRefused_LC_2(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader h = chain.header(7);

    assertRefused(
        () -> client(chain).verifyCertified(h, chain.qc(h, 0, 1, 4)), Reason.UNKNOWN_SIGNER);
    assertRefused(
        () -> client(chain).verifyCertified(h, chain.qc(h, -1, 0, 1)), Reason.UNKNOWN_SIGNER);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aSignatureByANonValidatorIsRefused_LC_2(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader h = chain.header(7);
    List<KeyPair> impostors = new ArrayList<>(chain.keys());
    impostors.set(2, TestKeys.keyPairs("stranger", 1, suite).get(0));

    assertRefused(
        () -> client(chain).verifyCertified(h, chain.qc(impostors, chain.voteData(h), 0, 1, 2)),
        Reason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aSignatureOverOtherDataOrWithAFlippedBitIsRefused_LC_2(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader h = chain.header(7);
    QuorumCert good = chain.qc(h, 0, 1, 2);
    QuorumCert moved = new QuorumCert(chain.voteData(chain.header(8)), good.signatures());
    LightClient client = client(chain);

    assertRefused(() -> client.verifyCertified(chain.header(8), moved), Reason.BAD_SIGNATURE);
    for (int i = 0; i < 64; i += 7) {
      QuorumCert flipped = withSignatureBitFlipped(good, 1, i);
      assertRefused(() -> client.verifyCertified(h, flipped), Reason.BAD_SIGNATURE);
    }
  }

  private static QuorumCert withSignatureBitFlipped(QuorumCert qc, int which, int byteIndex) {
    List<IndexedSignature> signatures = new ArrayList<>(qc.signatures());
    IndexedSignature s = signatures.get(which);
    byte[] bytes = s.signature().toByteArray();
    bytes[byteIndex] ^= 0x01;
    signatures.set(which, new IndexedSignature(s.index(), Bytes.wrap(bytes)));
    return new QuorumCert(qc.data(), signatures);
  }
}
