package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.light.LightFixtures.assertRefused;
import static org.jingchain.light.LightFixtures.client;
import static org.jingchain.testkit.HeaderChain.with;

import org.jingchain.consensus.CommitProof;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Hash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** [LC-3, LC-4] A certified child one round later commits its parent and carries its state. */
class CommittedHeaderTest {
  private static final String SUITES = "org.jingchain.testkit.TestKeys#suites";

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCertifiedChildOneRoundLaterCommitsItsParent_LC_3(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);
    CommitProof proof = chain.commitProof(header);

    CommittedHeader committed = client(chain).verifyCommitted(header, proof);

    assertThat(committed.header()).isEqualTo(header);
    assertThat(committed.hash()).isEqualTo(chain.hash(header));
    assertThat(committed.height()).isEqualTo(7);
    assertThat(committed.proof()).isEqualTo(proof);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void theCommittedStateRootIsTheChildsNotTheHeadersOwn_LC_4(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    Hash stateBefore = chain.fakeHash("state after", 6);
    Hash stateAfter = chain.fakeHash("state after", 7);
    Hash receipts = chain.fakeHash("receipts of", 7);
    BlockHeader header = chain.header(7, 7, chain.fakeHash("parent", 7), stateBefore);
    BlockHeader child = with(chain.child(header, stateAfter), "resultsRoot", receipts);

    CommittedHeader committed =
        client(chain).verifyCommitted(header, new CommitProof(child, chain.qc(child, 1, 2, 3)));

    assertThat(committed.stateRoot()).isEqualTo(stateAfter).isNotEqualTo(header.stateRoot());
    assertThat(committed.resultsRoot()).isEqualTo(receipts);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCommitAfterATimeoutRoundStillNeedsConsecutiveRounds_LC_3(CryptoSuite suite)
      throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7, 12, chain.fakeHash("parent", 7), Hash.ZERO);

    CommittedHeader committed = client(chain).verifyCommitted(header, chain.commitProof(header));

    assertThat(committed.proof().childHeader().round()).isEqualTo(13);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aChildOfAnotherParentIsRefused_LC_3(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);
    BlockHeader sibling = with(header, "stateRoot", chain.fakeHash("other", 7));

    assertRefused(
        () -> client(chain).verifyCommitted(header, chain.commitProof(sibling)),
        Reason.NOT_A_CHILD);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aChildAtAnotherHeightIsRefused_LC_3(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);
    BlockHeader skipping = with(chain.child(header), "height", 9L);

    assertRefused(
        () ->
            client(chain)
                .verifyCommitted(header, new CommitProof(skipping, chain.qc(skipping, 0, 1, 2))),
        Reason.NOT_A_CHILD);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCertifiedChildTwoRoundsLaterDoesNotCommit_LC_3(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);
    BlockHeader late = with(chain.child(header), "round", 9L);
    CommitProof proof = new CommitProof(late, chain.qc(late, 0, 1, 2));

    assertRefused(() -> client(chain).verifyCommitted(header, proof), Reason.NOT_CONSECUTIVE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aHeaderOrChildOfAnotherChainIsRefused_LC_1(CryptoSuite suite) {
    HeaderChain ours = HeaderChain.of(suite);
    HeaderChain theirs = new HeaderChain(suite, "other-chain", ours.keys());
    BlockHeader header = ours.header(7);
    BlockHeader foreignChild = with(ours.child(header), "chainId", "other-chain");
    BlockHeader foreign = theirs.header(7);

    assertRefused(
        () ->
            client(ours)
                .verifyCommitted(
                    header, new CommitProof(foreignChild, theirs.qc(foreignChild, 0, 1, 2))),
        Reason.WRONG_CHAIN);
    assertRefused(
        () -> client(ours).verifyCommitted(foreign, theirs.commitProof(foreign)),
        Reason.WRONG_CHAIN);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aChildWhoseCertificateFailsCommitsNothing_LC_3(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    BlockHeader header = chain.header(7);
    BlockHeader child = chain.child(header);
    BlockHeader forgedState = with(child, "stateRoot", chain.fakeHash("forged", 8));
    LightClient client = client(chain);

    assertRefused(
        () -> client.verifyCommitted(header, new CommitProof(child, chain.qc(child, 0, 1))),
        Reason.BELOW_QUORUM);
    assertRefused(
        () ->
            client.verifyCommitted(header, new CommitProof(forgedState, chain.qc(child, 0, 1, 2))),
        Reason.HASH_MISMATCH);
  }
}
