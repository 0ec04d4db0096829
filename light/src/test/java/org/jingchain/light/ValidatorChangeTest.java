package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.light.LightFixtures.assertRefused;
import static org.jingchain.light.LightFixtures.client;
import static org.jingchain.light.LightFixtures.epochEnd;
import static org.jingchain.light.LightFixtures.utf8;
import static org.jingchain.testkit.HeaderChain.validatorsValue;
import static org.jingchain.testkit.HeaderChain.with;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jingchain.codec.Encoder;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.light.LightFixtures.EpochEnd;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * [LC-8, GOV-10] The client follows epoch changes from the chain alone: the last block of an epoch
 * is committed under the old set, the state after it proves the new set, and the new set certifies
 * the heights above it, signing as the next epoch.
 */
class ValidatorChangeTest {
  private static final String SUITES = "org.jingchain.testkit.TestKeys#suites";

  /** The genesis validators, a client, and block 5, which ends epoch 0 with {@code newKeys}. */
  private record Fixture(
      HeaderChain chain, LightClient client, List<KeyPair> newKeys, EpochEnd end) {
    /** A certificate of the genesis validators 0, 1, 2 as epoch 0. */
    QuorumCert oldQc(BlockHeader h) {
      return chain.qc(chain.keys(), 0, chain.voteData(h), 0, 1, 2);
    }

    /** A certificate of the new validators 0, 1, 2 as epoch 1. */
    QuorumCert newQc(BlockHeader h) {
      return chain.qc(newKeys, 1, chain.voteData(h), 0, 1, 2);
    }

    CommittedHeader committedEnd() throws LightClientException {
      return client.verifyCommitted(end.header(), end.proof());
    }

    void follow() throws LightClientException {
      client.followEpoch(committedEnd(), end.value(), end.validatorsProof());
    }

    /** The first block of epoch 1, on top of the epoch's last block, in a later round. */
    BlockHeader firstOfNextEpoch() {
      BlockHeader e = end.header();
      return chain.header(e.height() + 1, e.round() + 2, chain.hash(e), end.root());
    }
  }

  private static Fixture fixture(CryptoSuite suite, List<KeyPair> newKeys) {
    HeaderChain chain = HeaderChain.of(suite);
    EpochEnd end = epochEnd(chain, 5, 5, 0, chain.keys(), validatorsValue(newKeys));
    return new Fixture(chain, client(chain), newKeys, end);
  }

  private static Fixture fixture(CryptoSuite suite, int newValidators) {
    return fixture(suite, TestKeys.keyPairs("next", newValidators, suite));
  }

  private static List<PublicKey> publicKeys(List<KeyPair> keys) {
    return keys.stream().map(KeyPair::publicKey).toList();
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void theNewSetCertifiesTheHeightsAfterTheEpochsLastBlock_LC_8(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite, 4);
    f.follow();
    BlockHeader e = f.end().header();
    BlockHeader h6 = f.firstOfNextEpoch();
    BlockHeader h4 = f.chain().header(4);

    assertThat(f.client().verifyCertified(h6, f.newQc(h6)).height()).isEqualTo(6);
    assertThat(f.client().verifyCertified(e, f.oldQc(e)).height()).isEqualTo(5);
    assertThat(f.client().verifyCertified(h4, f.oldQc(h4)).height()).isEqualTo(4);
    assertRefused(() -> f.client().verifyCertified(h6, f.oldQc(h6)), Reason.BAD_SIGNATURE);
    assertRefused(() -> f.client().verifyCertified(e, f.newQc(e)), Reason.BAD_SIGNATURE);
    assertThat(f.client().epochAt(5)).isZero();
    assertThat(f.client().epochAt(6)).isEqualTo(1);
    assertThat(f.client().epochAt(Long.MAX_VALUE)).isEqualTo(1);
    assertThat(f.client().validatorsAt(5)).isSameAs(f.chain().validators());
    assertThat(f.client().validatorsAt(6).keys()).isEqualTo(publicKeys(f.newKeys()));
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void theLastBlockIsCommittedByTheOldSetAndTheNextHeightsByTheNew_LC_8(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite, 4);
    f.follow();
    BlockHeader h6 = f.firstOfNextEpoch();
    BlockHeader h7 = f.chain().child(h6);

    // The child of E is at height 6 but was certified in epoch 0, by the old set.
    CommittedHeader e = f.client().advance(f.end().header(), f.end().proof());
    CommittedHeader c6 = f.client().advance(h6, new CommitProof(h7, f.newQc(h7)));

    assertThat(e.stateRoot()).isEqualTo(f.end().root());
    assertThat(f.client().latest()).contains(c6);
    assertRefused(
        () -> f.client().verifyCommitted(h6, new CommitProof(h7, f.oldQc(h7))),
        Reason.BAD_SIGNATURE);
    BlockHeader eChild = f.end().proof().childHeader();
    assertRefused(
        () ->
            f.client().verifyCommitted(f.end().header(), new CommitProof(eChild, f.newQc(eChild))),
        Reason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aSignatureOfOneEpochDoesNotCountInAnother_GOV_9(CryptoSuite suite) throws Exception {
    // The new set keeps every old key at its index and adds one: only the epoch number differs.
    HeaderChain chain = HeaderChain.of(suite);
    List<KeyPair> grown = new ArrayList<>(chain.keys());
    grown.addAll(TestKeys.keyPairs("next", 1, suite));
    Fixture f = fixture(suite, grown);
    BlockHeader h3 = f.chain().header(3);
    BlockHeader h6 = f.firstOfNextEpoch();
    assertRefused(
        () ->
            f.client().verifyCertified(h3, f.chain().qc(grown, 1, f.chain().voteData(h3), 0, 1, 2)),
        Reason.BAD_SIGNATURE);
    f.follow();

    assertRefused(
        () ->
            f.client()
                .verifyCertified(h6, f.chain().qc(grown, 0, f.chain().voteData(h6), 0, 1, 2, 3)),
        Reason.BAD_SIGNATURE);
    assertThat(f.client().verifyCertified(h6, f.chain().quorumQc(grown, 1, h6)).height())
        .isEqualTo(6);
    assertThat(f.client().verifyCertified(h3, f.oldQc(h3)).height()).isEqualTo(3);
    assertRefused(
        () ->
            f.client().verifyCertified(h3, f.chain().qc(grown, 1, f.chain().voteData(h3), 0, 1, 2)),
        Reason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aLargerNewSetNeedsItsOwnLargerQuorum_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 7);
    f.follow();
    BlockHeader h6 = f.firstOfNextEpoch();
    QuorumCert five = f.chain().qc(f.newKeys(), 1, f.chain().voteData(h6), 0, 1, 3, 5, 6);

    assertRefused(() -> f.client().verifyCertified(h6, f.newQc(h6)), Reason.BELOW_QUORUM);
    assertThat(f.client().verifyCertified(h6, five).height()).isEqualTo(6);
    assertThat(f.client().validatorsAt(6).quorum()).isEqualTo(5);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aBlockThatLeavesTheSetUnchangedEndsNoEpoch_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, HeaderChain.of(suite).keys());

    assertRefused(f::follow, Reason.BAD_VALIDATOR_CHANGE);
    assertThat(f.client().epochAt(6)).isZero();
    assertThat(f.client().validatorsAt(6)).isSameAs(f.chain().validators());
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aStateProofThatDoesNotShowTheValueIsRefused_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    CommittedHeader e = f.committedEnd();
    Bytes third = validatorsValue(TestKeys.keyPairs("third", 4, suite));
    // The same height and value, but a state with other contents: its proof shows another root.
    EpochEnd elsewhere =
        epochEnd(
            HeaderChain.of(suite), 5, 5, 0, f.chain().keys(), validatorsValue(f.chain().keys()));
    LightClient client = f.client();

    assertRefused(
        () -> client.followEpoch(e, third, f.end().validatorsProof()), Reason.BAD_STATE_PROOF);
    assertRefused(
        () -> client.followEpoch(e, f.end().value(), elsewhere.validatorsProof()),
        Reason.BAD_STATE_PROOF);
    assertThat(client.epochAt(6)).isZero();
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aProofForAnotherKeyOrOfAbsenceIsRefused_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    CommittedHeader e = f.committedEnd();
    LightClient client = f.client();
    // gov/validators-copy holds the same value in the same state: its proof is for another key.
    assertThat(f.end().state().get(5, LightFixtures.OTHER_KEY)).contains(f.end().value());

    assertRefused(
        () -> client.followEpoch(e, f.end().value(), f.end().prove(LightFixtures.OTHER_KEY)),
        Reason.BAD_STATE_PROOF);
    assertRefused(
        () -> client.followEpoch(e, f.end().value(), f.end().prove(utf8("gov/absent"))),
        Reason.BAD_STATE_PROOF);
    assertThat(client.epochAt(6)).isZero();
    client.followEpoch(e, f.end().value(), f.end().validatorsProof());
    assertThat(client.epochAt(6)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aValueThatIsNotAValidatorSetOfTheChainIsRefused_LC_8(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    CryptoSuite other =
        suite.id() == CryptoSuites.intl().id() ? CryptoSuites.sm() : CryptoSuites.intl();
    List<KeyPair> newKeys = TestKeys.keyPairs("next", 4, suite);
    Bytes good = validatorsValue(newKeys);
    byte[] trailing = Arrays.copyOf(good.toByteArray(), good.length() + 1);
    List<KeyPair> twice = List.of(newKeys.get(0), newKeys.get(1), newKeys.get(0), newKeys.get(2));
    Encoder longOrg = new Encoder().u32(1).publicKey(newKeys.get(0).publicKey());
    longOrg.string("o".repeat(33));
    List<Bytes> bad =
        List.of(
            Bytes.wrap(new byte[] {1, 2, 3}),
            Bytes.wrap(new Encoder().u32(0).toByteArray()),
            Bytes.wrap(new Encoder().u32(1001).toByteArray()),
            Bytes.wrap(trailing),
            Bytes.wrap(longOrg.toByteArray()),
            validatorsValue(TestKeys.keyPairs("next", 4, other)),
            validatorsValue(twice));

    for (Bytes value : bad) {
      LightClient client = client(chain);
      EpochEnd end = epochEnd(chain, 5, 5, 0, chain.keys(), value);
      CommittedHeader e = client.verifyCommitted(end.header(), end.proof());

      assertRefused(
          () -> client.followEpoch(e, value, end.validatorsProof()), Reason.BAD_VALIDATOR_CHANGE);
      assertThat(client.epochAt(6)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void theValueDecodesToTheKeysInIndexOrder_LC_8(CryptoSuite suite) throws Exception {
    List<KeyPair> keys = TestKeys.keyPairs("next", 5, suite);

    assertThat(LightClient.decodeValidators(validatorsValue(keys))).isEqualTo(publicKeys(keys));
    assertRefused(
        () -> LightClient.decodeValidators(Bytes.wrap(new byte[0])), Reason.BAD_VALIDATOR_CHANGE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void epochChangesAreFollowedInHeightOrder_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    EpochEnd earlier = epochEnd(f.chain(), 4, 4, 0, f.chain().keys(), f.end().value());
    CommittedHeader e4 = f.client().verifyCommitted(earlier.header(), earlier.proof());
    CommittedHeader e5 = f.committedEnd();
    f.follow();

    assertRefused(
        () -> f.client().followEpoch(e4, earlier.value(), earlier.validatorsProof()), Reason.STALE);
    assertRefused(
        () -> f.client().followEpoch(e5, f.end().value(), f.end().validatorsProof()), Reason.STALE);
    assertThat(f.client().epochAt(6)).isEqualTo(1);
    assertThat(f.client().epochAt(5)).isZero();
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aChangeBelowACommittedHeaderHeldIsStale_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    BlockHeader h8 = f.chain().header(8);
    f.client().advance(h8, f.chain().commitProof(h8));

    assertRefused(f::follow, Reason.STALE);
    assertThat(f.client().epochAt(6)).isZero();
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void theEpochsLastBlockMayBeTheLatestCommittedHeader_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    f.client().advance(f.end().header(), f.end().proof());

    f.follow();

    assertThat(f.client().epochAt(6)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void twoConsecutiveEpochsAreFollowedInOrder_LC_8(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    List<KeyPair> thirdKeys = TestKeys.keyPairs("third", 4, suite);
    // Block 9 ends epoch 1: committed by the epoch-1 set, its state holds the epoch-2 set.
    EpochEnd second = epochEnd(f.chain(), 9, 3, 1, f.newKeys(), validatorsValue(thirdKeys));
    assertRefused(
        () -> f.client().verifyCommitted(second.header(), second.proof()), Reason.BAD_SIGNATURE);

    f.follow();
    CommittedHeader e9 = f.client().verifyCommitted(second.header(), second.proof());
    f.client().followEpoch(e9, second.value(), second.validatorsProof());

    assertThat(List.of(f.client().epochAt(5), f.client().epochAt(6), f.client().epochAt(9)))
        .containsExactly(0L, 1L, 1L);
    assertThat(f.client().epochAt(10)).isEqualTo(2);
    assertThat(f.client().validatorsAt(9).keys()).isEqualTo(publicKeys(f.newKeys()));
    assertThat(f.client().validatorsAt(10).keys()).isEqualTo(publicKeys(thirdKeys));
    BlockHeader h10 = f.chain().header(10, 5, f.chain().hash(second.header()), second.root());
    assertThat(f.client().verifyCertified(h10, f.chain().quorumQc(thirdKeys, 2, h10)).height())
        .isEqualTo(10);
    assertRefused(
        () -> f.client().verifyCertified(h10, f.chain().quorumQc(thirdKeys, 1, h10)),
        Reason.BAD_SIGNATURE);
    assertRefused(
        () -> f.client().verifyCertified(h10, f.chain().quorumQc(f.newKeys(), 1, h10)),
        Reason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void anEpochEndIsRecheckedUnderTheScheduleOfTheClientItIsGivenTo_LC_8(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite, 4);
    EpochEnd second =
        epochEnd(
            f.chain(), 9, 3, 1, f.newKeys(), validatorsValue(TestKeys.keyPairs("third", 4, suite)));
    f.follow();
    CommittedHeader e9 = f.client().verifyCommitted(second.header(), second.proof());
    LightClient behind = client(f.chain());

    assertRefused(
        () -> behind.followEpoch(e9, second.value(), second.validatorsProof()),
        Reason.BAD_SIGNATURE);
    assertThat(behind.epochAt(10)).isZero();
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void anEpochEndOnAnotherForkIsConflicting_LC_7(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite, 4);
    BlockHeader fork = with(f.end().header(), "stateRoot", f.chain().fakeHash("fork", 5));
    f.client().advance(fork, f.chain().commitProof(fork));

    assertRefused(f::follow, Reason.CONFLICT);
    assertThat(f.client().epochAt(6)).isZero();
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void anEpochEndCommittedThroughALaterDescendantIsFollowed_LC_3_LC_8(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite, 4);
    HeaderChain chain = f.chain();
    BlockHeader e = f.end().header();
    // E's child came after a timeout (round 7, not 6), so it does not commit E; its child X does.
    BlockHeader child = chain.header(6, 7, chain.hash(e), f.end().root());
    BlockHeader x = chain.child(child);
    CommitProof indirect = new CommitProof(child, f.oldQc(x), List.of(x));
    CommittedHeader committed = f.client().verifyCommitted(e, indirect);

    f.client().followEpoch(committed, f.end().value(), f.end().validatorsProof());

    assertThat(committed.stateRoot()).isEqualTo(f.end().root());
    assertThat(f.client().epochAt(6)).isEqualTo(1);
    assertRefused(
        () -> f.client().verifyCommitted(e, new CommitProof(child, f.oldQc(child))),
        Reason.NOT_CONSECUTIVE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void onlyTheNewestEpochsAreKept_LC_8(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    LightClient client = client(chain);
    List<List<KeyPair>> sets =
        List.of(
            chain.keys(),
            TestKeys.keyPairs("next", 4, suite),
            TestKeys.keyPairs("third", 4, suite));
    // Epoch j ends at height j + 1; its successor alternates between the two other sets.
    for (int j = 0; j < ValidatorSchedule.MAX_SETS; j++) {
      List<KeyPair> current = sets.get(j == 0 ? 0 : 2 - j % 2);
      List<KeyPair> next = sets.get(1 + j % 2);
      EpochEnd end = epochEnd(chain, j + 1, j + 1, j, current, validatorsValue(next));
      CommittedHeader e = client.verifyCommitted(end.header(), end.proof());
      client.followEpoch(e, end.value(), end.validatorsProof());
    }

    assertRefused(() -> client.validatorsAt(1), Reason.STALE);
    assertRefused(() -> client.epochAt(0), Reason.STALE);
    BlockHeader h1 = chain.header(1);
    assertRefused(
        () -> client.verifyCertified(h1, chain.quorumQc(chain.keys(), 0, h1)), Reason.STALE);
    assertThat(client.epochAt(2)).isEqualTo(1);
    assertThat(client.epochAt(ValidatorSchedule.MAX_SETS + 1))
        .isEqualTo(ValidatorSchedule.MAX_SETS);
    assertThat(client.validatorsAt(2).keys()).isEqualTo(publicKeys(sets.get(1)));
  }
}
