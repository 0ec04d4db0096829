package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.light.TestChain.assertRefused;
import static org.jingchain.light.TestChain.with;

import java.util.List;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.types.BlockHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * [LC-8] A validator change announced in a committed header governs certificates from its height.
 */
class ValidatorChangeTest {
  private static final String SUITES = "org.jingchain.light.TestChain#suites";

  /** The genesis validators, a client, and a change to new keys announced at height 2. */
  private record Fixture(
      TestChain chain,
      LightClient client,
      List<KeyPair> newKeys,
      ValidatorSet newSet,
      CommittedHeader announced) {
    QuorumCert oldQc(BlockHeader h) {
      return chain.qc(h, 0, 1, 2);
    }

    QuorumCert newQc(BlockHeader h) {
      return chain.qc(newKeys, chain.voteData(h), 0, 1, 2);
    }
  }

  private static Fixture fixture(CryptoSuite suite, int newValidators) throws Exception {
    TestChain chain = new TestChain(suite);
    LightClient client = chain.client();
    List<KeyPair> newKeys = TestChain.keyPairs(suite, newValidators, 8L);
    BlockHeader h2 = chain.header(2);
    CommittedHeader announced = client.verifyCommitted(h2, chain.commitProof(h2));
    return new Fixture(chain, client, newKeys, TestChain.validatorSet(suite, newKeys), announced);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void certificatesFromTheEffectiveHeightNeedTheNewSet_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    f.client().updateValidators(f.newSet(), 10, f.announced());
    BlockHeader h9 = f.chain().header(9);
    BlockHeader h10 = f.chain().header(10);

    f.client().verifyCertified(h9, f.oldQc(h9));
    f.client().verifyCertified(h10, f.newQc(h10));
    assertRefused(() -> f.client().verifyCertified(h10, f.oldQc(h10)), Reason.BAD_SIGNATURE);
    assertRefused(() -> f.client().verifyCertified(h9, f.newQc(h9)), Reason.BAD_SIGNATURE);
    assertThat(f.client().validatorsAt(9)).isSameAs(f.chain().validators);
    assertThat(f.client().validatorsAt(10)).isSameAs(f.newSet());
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void theLastHeightOfTheOldSetIsCommittedByACertificateOfTheNewSet_LC_8(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite, 4);
    f.client().updateValidators(f.newSet(), 10, f.announced());
    BlockHeader h9 = f.chain().header(9);
    BlockHeader h10 = f.chain().child(h9);

    CommittedHeader c9 = f.client().advance(h9, new CommitProof(h10, f.newQc(h10)));

    assertThat(c9.height()).isEqualTo(9);
    assertRefused(
        () -> f.client().verifyCommitted(h9, new CommitProof(h10, f.oldQc(h10))),
        Reason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aLargerNewSetNeedsItsOwnLargerQuorum_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 7);
    f.client().updateValidators(f.newSet(), 10, f.announced());
    BlockHeader h10 = f.chain().header(10);
    QuorumCert five = f.chain().qc(f.newKeys(), f.chain().voteData(h10), 0, 1, 3, 5, 6);

    assertRefused(() -> f.client().verifyCertified(h10, f.newQc(h10)), Reason.BELOW_QUORUM);
    assertThat(f.client().verifyCertified(h10, five).height()).isEqualTo(10);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aChangeMustBeAnnouncedBelowTheHeightBeforeItTakesEffect_LC_8(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite, 4);

    for (long tooEarly : new long[] {1, 2, 3}) {
      assertRefused(
          () -> f.client().updateValidators(f.newSet(), tooEarly, f.announced()),
          Reason.BAD_VALIDATOR_CHANGE);
    }
    f.client().updateValidators(f.newSet(), 4, f.announced());
    assertThat(f.client().validatorsAt(4)).isSameAs(f.newSet());
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aChangeCannotReachBackBelowHeightsTheClientFollowed_LC_8(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite, 4);
    BlockHeader h12 = f.chain().header(12);
    f.client().advance(h12, f.chain().commitProof(h12));

    assertRefused(() -> f.client().updateValidators(f.newSet(), 13, f.announced()), Reason.STALE);
    f.client().updateValidators(f.newSet(), 14, f.announced());
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void changesTakeEffectInHeightOrder_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    ValidatorSet third = TestChain.validatorSet(suite, TestChain.keyPairs(suite, 4, 9L));
    f.client().updateValidators(f.newSet(), 20, f.announced());

    assertRefused(() -> f.client().updateValidators(third, 15, f.announced()), Reason.STALE);
    assertRefused(() -> f.client().updateValidators(third, 20, f.announced()), Reason.STALE);
    f.client().updateValidators(third, 30, f.announced());
    assertThat(f.client().validatorsAt(29)).isSameAs(f.newSet());
    assertThat(f.client().validatorsAt(30)).isSameAs(third);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void anAnnouncementIsRecheckedAgainstTheSetNowInForce_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    ValidatorSet third = TestChain.validatorSet(suite, TestChain.keyPairs(suite, 4, 9L));
    BlockHeader h12 = f.chain().header(12);
    BlockHeader h13 = f.chain().child(h12);
    CommittedHeader byOldSet = f.client().verifyCommitted(h12, new CommitProof(h13, f.oldQc(h13)));
    f.client().updateValidators(f.newSet(), 10, f.announced());
    CommittedHeader byNewSet = f.client().verifyCommitted(h12, new CommitProof(h13, f.newQc(h13)));

    assertRefused(() -> f.client().updateValidators(third, 20, byOldSet), Reason.BAD_SIGNATURE);
    f.client().updateValidators(third, 20, byNewSet);
    assertThat(f.client().validatorsAt(20)).isSameAs(third);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void anAnnouncementOnAnotherForkIsConflicting_LC_7(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    BlockHeader h2 = f.announced().header();
    f.client().advance(h2, f.announced().proof());
    BlockHeader fork = with(h2, "stateRoot", f.chain().fakeHash("fork", 2));
    CommittedHeader forked = f.client().verifyCommitted(fork, f.chain().commitProof(fork));

    assertRefused(() -> f.client().updateValidators(f.newSet(), 10, forked), Reason.CONFLICT);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void validatorsOfAnotherSuiteAreRefused_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    CryptoSuite other =
        suite.id() == CryptoSuites.intl().id() ? CryptoSuites.sm() : CryptoSuites.intl();
    ValidatorSet foreign = TestChain.validatorSet(other, TestChain.keyPairs(other, 4, 8L));

    assertRefused(
        () -> f.client().updateValidators(foreign, 10, f.announced()), Reason.BAD_VALIDATOR_CHANGE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void onlyTheNewestValidatorSetsAreKept_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    long first = 10;
    for (int i = 0; i < ValidatorSchedule.MAX_SETS; i++) {
      f.client().updateValidators(f.newSet(), first + i, f.announced());
    }

    assertRefused(() -> f.client().validatorsAt(first - 1), Reason.STALE);
    assertRefused(
        () -> f.client().verifyCertified(f.chain().header(5), f.oldQc(f.chain().header(5))),
        Reason.STALE);
    assertThat(f.client().validatorsAt(first)).isSameAs(f.newSet());
  }
}
