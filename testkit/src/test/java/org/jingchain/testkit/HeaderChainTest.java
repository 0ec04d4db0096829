package org.jingchain.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.IndexedSignature;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.WriteSet;
import org.jingchain.gov.Validators;
import org.jingchain.identity.Did;
import org.jingchain.state.ProofVerifier;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A committed block's certificate and state proofs verify end to end with the consensus and state
 * modules' own rules (the light client's tests check them with its verifier).
 */
class HeaderChainTest {
  private static final String SUITES = "org.jingchain.testkit.TestKeys#suites";

  @ParameterizedTest
  @MethodSource(SUITES)
  void aDidRecordProvesAgainstTheRootACommittedChildHeaderCarries(CryptoSuite suite) {
    TestChain chain = new TestChain(suite.id());
    Party alice = chain.party("alice");
    HeaderChain headers = HeaderChain.of(suite);
    HeaderChain.CommittedBlock block = headers.commit(chain.height(), chain.snapshot());

    BlockHeader child = block.proof().childHeader();
    assertThat(child.parentHash()).isEqualTo(headers.hash(block.header()));
    assertThat(child.stateRoot()).isEqualTo(block.root());
    assertSignedByAQuorum(headers, block.proof());

    Bytes key = WriteSet.key(Did.stateKey(Did.id(alice.did()).orElseThrow()));
    Bytes value = chain.state().get(key).orElseThrow();
    byte[] root = child.stateRoot().toByteArray();
    byte[] proof = block.prove(key).encode();
    UnaryOperator<byte[]> h = b -> suite.hash(b).toByteArray();
    assertThat(
            ProofVerifier.verifyInclusion(h, root, key.toByteArray(), value.toByteArray(), proof))
        .isTrue();
    byte[] other = "something else".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(ProofVerifier.verifyInclusion(h, root, key.toByteArray(), other, proof)).isFalse();
    Bytes absent = WriteSet.key("did/doc/absent");
    assertThat(
            ProofVerifier.verifyNonInclusion(
                h, root, absent.toByteArray(), block.prove(absent).encode()))
        .isTrue();
  }

  private static void assertSignedByAQuorum(HeaderChain headers, CommitProof proof) {
    QuorumCert qc = proof.childQc();
    assertThat(qc.blockHash()).isEqualTo(headers.hash(proof.childHeader()));
    assertThat(qc.signatures()).hasSizeGreaterThanOrEqualTo(headers.validators().quorum());
    byte[] message = qc.data().signingBytes(0);
    for (IndexedSignature s : qc.signatures()) {
      var key = headers.validators().key(s.index());
      assertThat(headers.suite().verify(key, message, s.signature().toByteArray())).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void theValidatorsValueIsWhatGovernanceReads(CryptoSuite suite) {
    List<KeyPair> keys = TestKeys.keyPairs("next", 5, suite);
    List<Validators.Entry> read =
        Validators.decode(HeaderChain.validatorsValue(keys).toByteArray());
    assertThat(read)
        .extracting(Validators.Entry::key)
        .isEqualTo(keys.stream().map(KeyPair::publicKey).toList());
    assertThat(read.getLast().org()).isEqualTo("org-4");
  }
}
