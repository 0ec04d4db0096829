package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.light.LightFixtures.assertRefused;
import static org.jingchain.light.LightFixtures.client;
import static org.jingchain.testkit.HeaderChain.with;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.types.BlockHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** [LC-6, LC-7] The client follows the highest committed header and reports forks as evidence. */
class TrackingTest {
  private static final String SUITES = "org.jingchain.testkit.TestKeys#suites";

  @ParameterizedTest
  @MethodSource(SUITES)
  void advancingKeepsTheHighestCommittedHeader_LC_6(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    LightClient client = client(chain);
    assertThat(client.latest()).isEmpty();

    BlockHeader h1 = chain.header(1);
    for (BlockHeader h : List.of(h1, chain.child(h1), chain.header(5), chain.header(9))) {
      CommittedHeader c = client.advance(h, chain.commitProof(h));
      assertThat(client.latest()).contains(c);
    }
    assertThat(client.latest().orElseThrow().height()).isEqualTo(9);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void goingBackwardsInHeightIsRefusedAsStale_LC_6(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    LightClient client = client(chain);
    BlockHeader h5 = chain.header(5);
    BlockHeader h3 = chain.header(3);
    CommittedHeader c5 = client.advance(h5, chain.commitProof(h5));

    assertRefused(() -> client.advance(h3, chain.commitProof(h3)), Reason.STALE);
    assertThat(client.latest()).contains(c5);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void theSameCommitAgainLeavesTheClientUnchanged_LC_6(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    LightClient client = client(chain);
    BlockHeader h5 = chain.header(5);
    CommittedHeader first = client.advance(h5, chain.commitProof(h5));

    CommittedHeader again = client.advance(h5, chain.commitProof(h5));

    assertThat(again).isSameAs(first);
    assertThat(client.latest()).contains(first);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void anUncommittedHeaderNeverMovesTheClient_LC_6(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    LightClient client = client(chain);
    BlockHeader h5 = chain.header(5);
    BlockHeader h6 = chain.header(6);
    CommittedHeader c5 = client.advance(h5, chain.commitProof(h5));

    assertRefused(() -> client.advance(h6, chain.commitProof(h5)), Reason.NOT_A_CHILD);
    assertThat(client.latest()).contains(c5);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void twoCommittedHeadersAtOneHeightAreConflictingEvidence_LC_7(CryptoSuite suite)
      throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    LightClient client = client(chain);
    BlockHeader honest = chain.header(5);
    BlockHeader fork = with(honest, "stateRoot", chain.fakeHash("fork", 5));
    CommittedHeader first = client.advance(honest, chain.commitProof(honest));

    assertThatThrownBy(() -> client.advance(fork, chain.commitProof(fork)))
        .isInstanceOfSatisfying(
            ConflictingHeadersException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
              assertThat(e.first()).isEqualTo(first);
              assertThat(e.second().hash()).isEqualTo(chain.hash(fork));
              assertThat(e.getMessage()).contains("height 5");
            });
    assertThat(client.latest()).contains(first);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aConflictBelowTheLatestHeightIsEvidenceNotJustStale_LC_7(CryptoSuite suite)
      throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    LightClient client = client(chain);
    BlockHeader h4 = chain.header(4);
    BlockHeader h5 = chain.child(h4);
    BlockHeader fork4 = with(h4, "timestampMillis", h4.timestampMillis() + 1);
    client.advance(h4, chain.commitProof(h4));
    client.advance(h5, chain.commitProof(h5));

    assertRefused(() -> client.advance(fork4, chain.commitProof(fork4)), Reason.CONFLICT);

    LightClient onlyChild = client(chain);
    onlyChild.advance(h5, chain.commitProof(h5));
    assertRefused(() -> onlyChild.advance(fork4, chain.commitProof(fork4)), Reason.CONFLICT);
    assertRefused(() -> onlyChild.advance(h4, chain.commitProof(h4)), Reason.STALE);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCommittedHeaderThatDoesNotExtendTheCommittedParentIsConflicting_LC_7(CryptoSuite suite)
      throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    LightClient client = client(chain);
    BlockHeader h4 = chain.header(4);
    BlockHeader onOtherFork = chain.header(5, 5, chain.fakeHash("other fork", 4), h4.stateRoot());
    BlockHeader onOurChain = chain.child(h4);
    CommittedHeader c4 = client.advance(h4, chain.commitProof(h4));

    assertThatThrownBy(() -> client.advance(onOtherFork, chain.commitProof(onOtherFork)))
        .isInstanceOfSatisfying(
            ConflictingHeadersException.class, e -> assertThat(e.first()).isEqualTo(c4));
    assertThat(client.advance(onOurChain, chain.commitProof(onOurChain)).height()).isEqualTo(5);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void onlyTheLastCommittedHeadersAreKeptForConflictChecks_LC_7(CryptoSuite suite)
      throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    LightClient client = client(chain);
    List<BlockHeader> headers = new ArrayList<>(List.of(chain.header(1)));
    while (headers.size() < LightClient.MAX_HISTORY + 2) {
      headers.add(chain.child(headers.getLast()));
    }
    for (BlockHeader h : headers) {
      client.advance(h, chain.commitProof(h));
    }
    // Heights 3.. are kept; 2 is forgotten but its child at 3 still names the real parent.
    BlockHeader forgotten = with(headers.get(0), "stateRoot", chain.fakeHash("fork", 1));
    BlockHeader parentOfKept = with(headers.get(1), "stateRoot", chain.fakeHash("fork", 2));
    BlockHeader kept = with(headers.get(2), "stateRoot", chain.fakeHash("fork", 3));

    assertRefused(() -> client.advance(forgotten, chain.commitProof(forgotten)), Reason.STALE);
    assertRefused(
        () -> client.advance(parentOfKept, chain.commitProof(parentOfKept)), Reason.CONFLICT);
    assertRefused(() -> client.advance(kept, chain.commitProof(kept)), Reason.CONFLICT);
  }
}
