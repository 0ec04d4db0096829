package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.light.LightFixtures.assertRefused;
import static org.jingchain.light.LightFixtures.client;
import static org.jingchain.light.LightFixtures.epochEnd;
import static org.jingchain.testkit.HeaderChain.validatorsValue;
import static org.jingchain.testkit.HeaderChain.with;

import java.util.List;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.VoteData;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.light.LightFixtures.EpochEnd;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.BlockHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * [LC-3, GOV-8] The last block of an epoch may be committed only as an ancestor of a later block:
 * its child C (here after a timeout, two rounds later), then headers above C up to a block X one
 * round after its parent, and X's certificate. Every link, the last pair's rounds and the
 * certificate are checked, in that order.
 */
class IndirectCommitTest {
  private static final String SUITES = "org.jingchain.testkit.TestKeys#suites";

  /** E = block 5 (round 5); C = 6 (round 7); D = 7 (round 8); X = 8 (round 9). */
  private record Fixture(
      HeaderChain chain,
      LightClient client,
      EpochEnd end,
      BlockHeader c,
      BlockHeader d,
      BlockHeader x) {
    BlockHeader e() {
      return end.header();
    }

    QuorumCert qc(BlockHeader h) {
      return chain.quorumQc(chain.keys(), 0, h);
    }

    CommitProof proof(QuorumCert qc, BlockHeader... above) {
      return new CommitProof(c, qc, List.of(above));
    }

    CommittedHeader verify(CommitProof proof) throws LightClientException {
      return client.verifyCommitted(e(), proof);
    }
  }

  private static Fixture fixture(CryptoSuite suite) {
    HeaderChain chain = HeaderChain.of(suite);
    EpochEnd end =
        epochEnd(
            chain, 5, 5, 0, chain.keys(), validatorsValue(TestKeys.keyPairs("next", 4, suite)));
    BlockHeader c = chain.header(6, 7, chain.hash(end.header()), end.root());
    BlockHeader d = chain.child(c);
    BlockHeader x = chain.child(d);
    return new Fixture(chain, client(chain), end, c, d, x);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCertifiedPairAboveTheChildCommitsTheHeader_LC_3(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite);
    CommitProof viaD = f.proof(f.qc(f.d()), f.d());
    CommitProof viaX = f.proof(f.qc(f.x()), f.d(), f.x());

    for (CommitProof proof : List.of(viaD, viaX)) {
      CommittedHeader committed = f.verify(proof);

      assertThat(committed.header()).isEqualTo(f.e());
      assertThat(committed.proof()).isEqualTo(proof);
      assertThat(committed.stateRoot()).isEqualTo(f.c().stateRoot()).isEqualTo(f.end().root());
    }
    assertRefused(() -> f.verify(new CommitProof(f.c(), f.qc(f.c()))), Reason.NOT_CONSECUTIVE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aBrokenLinkAboveTheChildIsRefused_LC_3(CryptoSuite suite) {
    Fixture f = fixture(suite);
    HeaderChain chain = f.chain();
    BlockHeader dOrphan = with(f.d(), "parentHash", chain.fakeHash("elsewhere", 6));
    BlockHeader xOnOrphan = chain.child(dOrphan);
    BlockHeader dTooHigh = with(f.d(), "height", 8L);
    BlockHeader xOnTooHigh = chain.child(dTooHigh);
    BlockHeader xOrphan = with(f.x(), "parentHash", chain.fakeHash("elsewhere", 7));
    BlockHeader cOrphan = with(f.c(), "parentHash", chain.fakeHash("elsewhere", 5));
    BlockHeader dOnOrphan = chain.child(cOrphan);

    assertRefused(() -> f.verify(f.proof(f.qc(xOnOrphan), dOrphan, xOnOrphan)), Reason.NOT_A_CHILD);
    assertRefused(
        () -> f.verify(f.proof(f.qc(xOnTooHigh), dTooHigh, xOnTooHigh)), Reason.NOT_A_CHILD);
    assertRefused(() -> f.verify(f.proof(f.qc(xOrphan), f.d(), xOrphan)), Reason.NOT_A_CHILD);
    assertRefused(() -> f.verify(f.proof(f.qc(f.d()), f.x(), f.d())), Reason.NOT_A_CHILD);
    assertRefused(
        () -> f.verify(new CommitProof(cOrphan, f.qc(dOnOrphan), List.of(dOnOrphan))),
        Reason.NOT_A_CHILD);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCertifiedHeaderNotOneRoundAfterItsParentIsRefused_LC_3(CryptoSuite suite) {
    Fixture f = fixture(suite);
    BlockHeader late = with(f.x(), "round", f.d().round() + 2);
    BlockHeader dLate = with(f.d(), "round", f.c().round() + 2);

    assertRefused(() -> f.verify(f.proof(f.qc(late), f.d(), late)), Reason.NOT_CONSECUTIVE);
    assertRefused(() -> f.verify(f.proof(f.qc(dLate), dLate)), Reason.NOT_CONSECUTIVE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCertificateForAnotherHeaderIsRefused_LC_3(CryptoSuite suite) {
    Fixture f = fixture(suite);
    HeaderChain chain = f.chain();
    BlockHeader y = chain.child(f.x());
    BlockHeader sibling = with(f.x(), "stateRoot", chain.fakeHash("sibling", 8));
    VoteData otherRound =
        new VoteData(chain.chainId(), f.x().round() + 1, f.x().height(), chain.hash(f.x()));

    // Above too long: the certificate is for X, but the list goes on to Y.
    assertRefused(() -> f.verify(f.proof(f.qc(f.x()), f.d(), f.x(), y)), Reason.HEIGHT_MISMATCH);
    // Above too short: the certificate is for X, but the list stops at D.
    assertRefused(() -> f.verify(f.proof(f.qc(f.x()), f.d())), Reason.HEIGHT_MISMATCH);
    assertRefused(
        () -> f.verify(f.proof(chain.qc(chain.keys(), 0, otherRound, 0, 1, 2), f.d(), f.x())),
        Reason.ROUND_MISMATCH);
    assertRefused(() -> f.verify(f.proof(f.qc(sibling), f.d(), f.x())), Reason.HASH_MISMATCH);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void theCertificateMustBeAQuorumOfTheEpochOfTheCommittedHeight_LC_3_LC_8(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite);
    HeaderChain chain = f.chain();
    CommitProof good = f.proof(f.qc(f.x()), f.d(), f.x());
    f.client().followEpoch(f.verify(good), f.end().value(), f.end().validatorsProof());

    // X is at height 8, in epoch 1 now, but it was certified in epoch 0, which E belongs to.
    assertThat(f.verify(good).height()).isEqualTo(5);
    assertRefused(
        () -> f.verify(f.proof(chain.quorumQc(chain.keys(), 1, f.x()), f.d(), f.x())),
        Reason.BAD_SIGNATURE);
    assertRefused(
        () -> f.verify(f.proof(chain.qc(f.x(), 0, 1), f.d(), f.x())), Reason.BELOW_QUORUM);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aHeaderAboveTheChildOfAnotherChainIsRefused_LC_1(CryptoSuite suite) {
    Fixture f = fixture(suite);
    BlockHeader foreign = with(f.d(), "chainId", "other-chain");

    assertRefused(() -> f.verify(f.proof(f.qc(f.d()), foreign)), Reason.WRONG_CHAIN);
  }
}
