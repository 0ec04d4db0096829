package org.jingchain.xchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.jingchain.consensus.CommitProof;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.gov.Gov;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A chain's client of another chain (docs/spec/xchain.md section 2), run by the real contract on a
 * host chain against a counterparty whose headers and certificates its real validators sign, in
 * both suites each way.
 */
class ClientTest {
  static final long DAY = 24L * 3_600_000;

  static Stream<Arguments> suites() {
    return Stream.of(
        Arguments.of(CryptoSuites.intl(), CryptoSuites.sm()),
        Arguments.of(CryptoSuites.sm(), CryptoSuites.intl()),
        Arguments.of(CryptoSuites.intl(), CryptoSuites.intl()));
  }

  /** Host chain {@code host} with client c-0 of {@code remote}, made from its genesis. */
  static void create(MiniChain host, MiniChain remote) {
    Receipt r =
        host.submit(host.admin, XchainCalls.createClient(remote.createFromGenesis(30 * DAY)));
    assertThat(r.code()).as(r.message()).isEmpty();
  }

  static Receipt relay(MiniChain host, XchainCalls.Msg m) {
    return host.submit(relayer(host), XchainCalls.single(m));
  }

  static KeyPair relayer(MiniChain host) {
    return TestKeys.keyPair(host.chainId + "/relayer", host.suite.id());
  }

  // [XC-1], [XC-2], [LC-3], [LC-4] an sm chain verifies an intl chain and the other way round
  @ParameterizedTest(name = "host {0}, counterparty {1}")
  @MethodSource("suites")
  void aClientFollowsItsChainsCommittedHeadersAndRoots(
      CryptoSuite hostSuite, CryptoSuite remoteSuite) {
    MiniChain host = new MiniChain("host", hostSuite);
    MiniChain remote = new MiniChain("remote", remoteSuite);
    create(host, remote);
    remote.tick();
    remote.tick();
    Receipt r = relay(host, remote.update("c-0", 2));
    assertThat(r.code()).as(r.message()).isEmpty();
    assertThat(r.events().getFirst().type()).isEqualTo("ClientUpdated");
    ConsensusState cs = XchainKeys.consensusState(host.state(), "c-0", 2).orElseThrow();
    assertThat(cs.stateRoot()).as("the state after height 2 [LC-4]").isEqualTo(remote.root(2));
    assertThat(cs.headerHash()).isEqualTo(remote.hash(remote.header(2)));
    assertThat(XchainKeys.clientState(host.state(), "c-0").orElseThrow().latestHeight())
        .isEqualTo(2);
    // the same header again is a no-op, so racing relayers cost nothing [XC-12]
    Receipt again = relay(host, remote.update("c-0", 2));
    assertThat(again.events().getFirst().type()).isEqualTo("ClientAlreadyAtHeight");
  }

  @Test
  void onlyAnOrganisationAdminCreatesAClientAndItsValidatorsMustBeKeysOfItsSuite() {
    MiniChain host = new MiniChain("host", CryptoSuites.intl());
    MiniChain remote = new MiniChain("remote", CryptoSuites.sm());
    Receipt stranger =
        host.submit(relayer(host), XchainCalls.createClient(remote.createFromGenesis(30 * DAY)));
    assertThat(stranger.code()).isEqualTo("XC_NOT_ADMIN");
    var bad = remote.createFromGenesis(30 * DAY);
    var wrongSuite =
        new XchainCalls.CreateClient(
            bad.chainId(), org.jingchain.types.SuiteId.INTL, 30 * DAY, 0, 0, bad.validators());
    assertThat(host.submit(host.admin, XchainCalls.createClient(wrongSuite)).code())
        .isEqualTo("XC_MALFORMED");
    var noTrust =
        new XchainCalls.CreateClient(bad.chainId(), bad.suite(), 1_000, 0, 0, bad.validators());
    assertThat(host.submit(host.admin, XchainCalls.createClient(noTrust)).code())
        .isEqualTo("XC_MALFORMED");
    assertThat(XchainKeys.clientCount(host.state())).isZero();
  }

  // [XC-2] forged updates are refused with the light client's reason, and change nothing
  @Test
  void headersNotCertifiedByTheValidatorsAreRefused() {
    MiniChain host = new MiniChain("host", CryptoSuites.intl());
    MiniChain remote = new MiniChain("remote", CryptoSuites.sm());
    create(host, remote);
    remote.tick();
    var good = remote.update("c-0", 1);
    List<KeyPair> strangers = TestKeys.keyPairs("stranger", 4, remote.suite);
    BlockHeader child = good.commitProof().childHeader();
    var forged =
        new XchainCalls.UpdateClient(
            "c-0",
            good.header(),
            new CommitProof(child, remote.quorumQc(strangers, 0, child)),
            good.validatorsValue(),
            good.validatorsProof());
    Receipt r = relay(host, forged);
    assertThat(r.code()).isEqualTo("XC_BAD_HEADER");
    assertThat(r.message()).contains("BAD_SIGNATURE");
    var otherChain =
        new XchainCalls.UpdateClient(
            "c-0",
            org.jingchain.testkit.HeaderChain.with(good.header(), "chainId", "elsewhere"),
            good.commitProof(),
            good.validatorsValue(),
            good.validatorsProof());
    assertThat(relay(host, otherChain).code()).isEqualTo("XC_BAD_HEADER");
    var badValidatorsProof =
        new XchainCalls.UpdateClient(
            "c-0",
            good.header(),
            good.commitProof(),
            good.validatorsValue(),
            remote.prove("gov/org/org", 0));
    assertThat(relay(host, badValidatorsProof).code()).isEqualTo("XC_BAD_PROOF");
    assertThat(XchainKeys.consensusState(host.state(), "c-0", 1)).isEmpty();
    assertThat(
            relay(
                    host,
                    new XchainCalls.UpdateClient(
                        "c-9",
                        good.header(),
                        good.commitProof(),
                        good.validatorsValue(),
                        good.validatorsProof()))
                .code())
        .isEqualTo("XC_UNKNOWN_CLIENT");
  }

  // [XC-3], [LC-8], [GOV-8]: a validator-set change is followed from the chain's own proofs; the
  // blocks its old validators certify above the change never enter the client
  @Test
  void aClientFollowsAValidatorChangeAndRefusesTheOldSetAboveIt() {
    MiniChain host = new MiniChain("host", CryptoSuites.sm());
    MiniChain remote = new MiniChain("remote", CryptoSuites.intl());
    create(host, remote);
    remote.tick();
    List<KeyPair> old = remote.validatorsOfEpoch(0);
    long end = remote.changeValidators(TestKeys.keyPairs("remote/next", 5, remote.suite));
    remote.tick();
    remote.tick();
    // the old set certifies a block above the change, as it does while driving E's commit
    BlockHeader above = remote.header(end + 1);
    BlockHeader aboveChild = remote.header(end + 2);
    var discarded =
        new XchainCalls.UpdateClient(
            "c-0",
            above,
            new CommitProof(aboveChild, remote.quorumQc(old, 0, aboveChild)),
            remote.valueAt("gov/validators", end),
            remote.prove("gov/validators", end));
    assertThat(relay(host, discarded).code()).isEqualTo("XC_EPOCH_NOT_FOLLOWED");
    // the new set's certificate needs the epoch followed first
    assertThat(relay(host, remote.update("c-0", end + 2)).code()).isEqualTo("XC_BAD_HEADER");
    Receipt follow = relay(host, remote.follow("c-0", end));
    assertThat(follow.code()).as(follow.message()).isEmpty();
    assertThat(follow.events()).extracting(e -> e.type()).contains("EpochFollowed");
    ClientState c = XchainKeys.clientState(host.state(), "c-0").orElseThrow();
    assertThat(c.latestEpoch()).isEqualTo(1);
    assertThat(XchainKeys.clientEpoch(host.state(), "c-0", 1).orElseThrow().firstHeight())
        .isEqualTo(end + 1);
    Receipt after = relay(host, remote.update("c-0", end + 2));
    assertThat(after.code()).as(after.message()).isEmpty();
    // following the same change again is refused: the block no longer ends the newest epoch
    assertThat(relay(host, remote.follow("c-0", end)).code()).isEqualTo("XC_BAD_EPOCH");
  }

  // [XC-3] a client already updated to the epoch's last block still follows the change: the update
  // at that height is not repeated, but the new epoch is the one later headers are checked against
  @Test
  void aClientUpdatedToTheLastBlockOfAnEpochStillFollowsIt() {
    MiniChain host = new MiniChain("host", CryptoSuites.intl());
    MiniChain remote = new MiniChain("remote", CryptoSuites.intl());
    create(host, remote);
    remote.tick();
    long end = remote.changeValidators(TestKeys.keyPairs("remote/next", 4, remote.suite));
    remote.tick();
    remote.tick();
    Receipt toEnd = relay(host, remote.update("c-0", end));
    assertThat(toEnd.code()).as(toEnd.message()).isEmpty();
    Receipt follow = relay(host, remote.follow("c-0", end));
    assertThat(follow.code()).as(follow.message()).isEmpty();
    assertThat(follow.events())
        .extracting(e -> e.type())
        .containsExactly("ClientAlreadyAtHeight", "EpochFollowed");
    assertThat(XchainKeys.clientState(host.state(), "c-0").orElseThrow().latestEpoch())
        .isEqualTo(1);
    Receipt after = relay(host, remote.update("c-0", end + 2));
    assertThat(after.code()).as(after.message()).isEmpty();
  }

  // [XC-4] two committed headers at one height freeze the client; it then accepts nothing
  @Test
  void conflictingCommittedHeadersFreezeTheClient() {
    MiniChain host = new MiniChain("host", CryptoSuites.intl());
    MiniChain remote = new MiniChain("remote", CryptoSuites.intl());
    create(host, remote);
    remote.tick();
    remote.tick();
    var real = remote.update("c-0", 1);
    BlockHeader fork = org.jingchain.testkit.HeaderChain.with(real.header(), "timestampMillis", 7L);
    BlockHeader forkChild =
        org.jingchain.testkit.HeaderChain.with(
            real.commitProof().childHeader(), "parentHash", remote.hash(fork));
    CommitProof forkProof =
        new CommitProof(forkChild, remote.quorumQc(remote.validatorsOfEpoch(0), 0, forkChild));
    Receipt r =
        host.submit(
            relayer(host),
            XchainCalls.misbehaviour(
                new XchainCalls.Misbehaviour(
                    "c-0", real.header(), real.commitProof(), fork, forkProof)));
    assertThat(r.code()).as(r.message()).isEmpty();
    assertThat(r.events().getFirst().type()).isEqualTo("ClientFrozen");
    assertThat(XchainKeys.clientState(host.state(), "c-0").orElseThrow().frozen()).isTrue();
    assertThat(relay(host, remote.update("c-0", 2)).code()).isEqualTo("XC_CLIENT_FROZEN");
    // the same header twice is no evidence
    MiniChain other = new MiniChain("host2", CryptoSuites.intl());
    create(other, remote);
    Receipt none =
        other.submit(
            relayer(other),
            XchainCalls.misbehaviour(
                new XchainCalls.Misbehaviour(
                    "c-0", real.header(), real.commitProof(), real.header(), real.commitProof())));
    assertThat(none.code()).isEqualTo("XC_BAD_MISBEHAVIOUR");
  }

  // [XC-5], [XC-6], [GOV-13] an expired client is recovered by a governance approval, once
  @Test
  void anExpiredClientIsRecoveredByAGovernanceApprovalOnce() {
    MiniChain host = new MiniChain("host", CryptoSuites.intl());
    MiniChain remote = new MiniChain("remote", CryptoSuites.sm());
    create(host, remote);
    host.passTime(31 * DAY);
    remote.tick();
    remote.tick();
    assertThat(relay(host, remote.update("c-0", 2)).code()).isEqualTo("XC_CLIENT_EXPIRED");
    var recover = new XchainCalls.Recover("c-0", 0, 0, remote.validatorKeys());
    assertThat(host.submit(relayer(host), XchainCalls.recoverClient(recover)).code())
        .isEqualTo("XC_NOT_APPROVED");
    var digest = Clients.recoveryDigest(host.suite, recover);
    Receipt approved =
        host.submit(
            host.admin,
            new org.jingchain.types.Call(
                Gov.NAME,
                "propose",
                Gov.proposeArgs(
                    Gov.Kind.APPROVE,
                    Gov.encode(new Gov.Approval("xchain-recover", digest)),
                    100)));
    assertThat(approved.code()).as(approved.message()).isEmpty();
    Receipt r = host.submit(relayer(host), XchainCalls.recoverClient(recover));
    assertThat(r.code()).as(r.message()).isEmpty();
    assertThat(relay(host, remote.update("c-0", 2)).code()).isEmpty();
    assertThat(host.submit(relayer(host), XchainCalls.recoverClient(recover)).code())
        .isEqualTo("XC_APPROVAL_USED");
  }

  // [XC-7] counterparty registration is an admin's, once
  @Test
  void aCounterpartyIsRegisteredOnceByAnAdmin() {
    MiniChain host = new MiniChain("host", CryptoSuites.intl());
    MiniChain remote = new MiniChain("remote", CryptoSuites.sm());
    create(host, remote);
    var reg = XchainCalls.registerCounterparty(new XchainCalls.RegisterCounterparty("c-0", "c-3"));
    assertThat(host.submit(relayer(host), reg).code()).isEqualTo("XC_NOT_ADMIN");
    assertThat(host.submit(host.admin, reg).code()).isEmpty();
    assertThat(host.submit(host.admin, reg).code()).isEqualTo("XC_ALREADY_REGISTERED");
    assertThat(XchainKeys.clientState(host.state(), "c-0").orElseThrow().counterpartyClient())
        .isEqualTo("c-3");
  }
}
