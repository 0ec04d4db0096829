package org.jingchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Certificates are checked against the validator set, in both suites (docs/spec/consensus.md). */
class CertificateVerifierTest {
  static final String CHAIN = "jing-test";
  static final Hash GENESIS = Hash.fromHex("11".repeat(32));
  static final VoteData DATA = new VoteData(CHAIN, 5, 3, Hash.fromHex("22".repeat(32)));

  static List<CryptoSuite> suites() {
    return List.of(CryptoSuites.intl(), CryptoSuites.sm());
  }

  private static CertificateVerifier verifier(TestValidators v) {
    return new CertificateVerifier(
        ConsensusConfig.defaults(CHAIN, GENESIS), Epoch.genesis(GENESIS), v.set, v.suite::verify);
  }

  @ParameterizedTest
  @MethodSource("suites")
  void aQuorumOfValidSignaturesIsACertificate(CryptoSuite suite) {
    TestValidators v = new TestValidators(suite, 4);
    assertThat(verifier(v).checkQc(v.qc(DATA, 0, 1, 3))).isNull();
    assertThat(verifier(v).checkQc(v.qc(DATA, 0, 1, 2, 3))).isNull();
  }

  @ParameterizedTest
  @MethodSource("suites")
  void fewerThanAQuorumIsNotACertificate(CryptoSuite suite) {
    TestValidators v = new TestValidators(suite, 4);
    assertThat(verifier(v).checkQc(v.qc(DATA, 0, 1))).isEqualTo("qc below quorum");
  }

  @ParameterizedTest
  @MethodSource("suites")
  void oneValidatorCountedTwiceIsRejected(CryptoSuite suite) {
    TestValidators v = new TestValidators(suite, 4);
    assertThat(verifier(v).checkQc(v.qc(DATA, 0, 0, 1))).contains("not strictly increasing");
    assertThat(verifier(v).checkQc(v.qc(DATA, 1, 0, 2))).contains("not strictly increasing");
  }

  @ParameterizedTest
  @MethodSource("suites")
  void aSignatureOverOtherDataIsRejected(CryptoSuite suite) {
    TestValidators v = new TestValidators(suite, 4);
    QuorumCert good = v.qc(DATA, 0, 1, 2);
    VoteData otherBlock = new VoteData(CHAIN, 5, 3, Hash.fromHex("33".repeat(32)));
    QuorumCert moved = new QuorumCert(otherBlock, good.signatures());
    assertThat(verifier(v).checkQc(moved)).startsWith("bad qc signature");
  }

  @ParameterizedTest
  @MethodSource("suites")
  void aCertificateOfAnotherChainIsRejected(CryptoSuite suite) {
    TestValidators v = new TestValidators(suite, 4);
    VoteData foreign = new VoteData("other-chain", 5, 3, DATA.blockHash());
    assertThat(verifier(v).checkQc(v.qc(foreign, 0, 1, 2))).isEqualTo("qc for another chain");
  }

  @ParameterizedTest
  @MethodSource("suites")
  void onlyTheGenesisBlockHasACertificateWithoutSignatures(CryptoSuite suite) {
    TestValidators v = new TestValidators(suite, 4);
    assertThat(verifier(v).checkQc(QuorumCert.genesis(CHAIN, GENESIS))).isNull();
    assertThat(verifier(v).checkQc(QuorumCert.genesis(CHAIN, DATA.blockHash())))
        .isEqualTo("genesis qc for another block");
    assertThat(verifier(v).checkQc(new QuorumCert(DATA, List.of()))).isEqualTo("qc below quorum");
  }

  @ParameterizedTest
  @MethodSource("suites")
  void timeoutCertificatesNeedAQuorumOfValidSignatures(CryptoSuite suite) {
    TestValidators v = new TestValidators(suite, 4);
    assertThat(verifier(v).checkTc(v.tc(CHAIN, 9, 7, 0, 2, 3))).isNull();
    assertThat(verifier(v).checkTc(v.tc(CHAIN, 9, 7, 0, 2))).isEqualTo("tc below quorum");
    TimeoutCert good = v.tc(CHAIN, 9, 7, 0, 2, 3);
    TimeoutCert lied =
        new TimeoutCert(
            CHAIN,
            9,
            good.signatures().stream()
                .map(s -> new TimeoutSignature(s.index(), 8, s.signature()))
                .toList());
    assertThat(verifier(v).checkTc(lied)).startsWith("bad tc signature");
    assertThat(verifier(v).checkTc(v.tc(CHAIN, 9, 9, 0, 1, 2)))
        .isEqualTo("tc high qc round not below its round");
  }

  @ParameterizedTest
  @MethodSource("suites")
  void votesAreCheckedAgainstTheVotersKey(CryptoSuite suite) {
    TestValidators v = new TestValidators(suite, 4);
    IndexedSignature s = v.sign(2, DATA.signingBytes());
    assertThat(verifier(v).checkVote(new ConsensusMessage.Vote(DATA, 2, s.signature()))).isNull();
    assertThat(verifier(v).checkVote(new ConsensusMessage.Vote(DATA, 1, s.signature())))
        .isEqualTo("bad vote signature");
    assertThat(verifier(v).checkVote(new ConsensusMessage.Vote(DATA, 4, s.signature())))
        .isEqualTo("vote by unknown validator");
    assertThat(verifier(v).checkVote(new ConsensusMessage.Vote(DATA, 2, Bytes.wrap(new byte[3]))))
        .isEqualTo("bad vote signature");
  }
}
