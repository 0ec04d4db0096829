package org.jingchain.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.light.LightFixtures.assertRefused;
import static org.jingchain.light.LightFixtures.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.consensus.CommitProof;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.identity.Did;
import org.jingchain.light.LightClientException.Reason;
import org.jingchain.state.InMemoryTreeStore;
import org.jingchain.state.ProofResult;
import org.jingchain.state.StateTree;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * [LC-4, LC-5] State proofs from a real state tree verify against the committed state root, which
 * the child header carries; the header's own root is the state one height earlier.
 */
class StateProofTest {
  private static final String SUITES = "org.jingchain.testkit.TestKeys#suites";

  /** Version 6 = state after height 6; version 7 = state after height 7. */
  private static final Map<String, String> AFTER_6 = Map.of("alice", "90", "bob", "50");

  private static final Map<String, String> AFTER_7 =
      Map.of("alice", "100", "bob", "40", "carol", "7", "dave", "");

  /** A committed header of height 7 whose child commits the real state root of version 7. */
  private record Fixture(
      HeaderChain chain, StateTree tree, LightClient client, CommittedHeader h7) {}

  private static Fixture fixture(CryptoSuite suite) throws LightClientException {
    HeaderChain chain = HeaderChain.of(suite);
    InMemoryTreeStore store = new InMemoryTreeStore();
    StateTree tree = new StateTree(store, suite);
    store.apply(tree.update(-1, 6, changes(AFTER_6)));
    store.apply(tree.update(6, 7, changes(AFTER_7)));
    BlockHeader h7 = chain.header(7, 7, chain.fakeHash("parent", 7), tree.rootHash(6));
    BlockHeader h8 = chain.child(h7, tree.rootHash(7));
    LightClient client = client(chain);
    CommittedHeader committed =
        client.verifyCommitted(h7, new CommitProof(h8, chain.qc(h8, 0, 1, 3)));
    return new Fixture(chain, tree, client, committed);
  }

  private static SortedMap<Bytes, Optional<Bytes>> changes(Map<String, String> entries) {
    TreeMap<Bytes, Optional<Bytes>> out = new TreeMap<>();
    entries.forEach((k, v) -> out.put(utf8(k), Optional.of(utf8(v))));
    return out;
  }

  private static Bytes utf8(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void anInclusionProofVerifiesAgainstTheCommittedStateRoot_LC_5(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite);
    for (Map.Entry<String, String> e : AFTER_7.entrySet()) {
      ProofResult read = f.tree().prove(7, utf8(e.getKey()));
      assertThat(read.value()).contains(utf8(e.getValue()));

      f.client().verifyState(f.h7(), utf8(e.getKey()), utf8(e.getValue()), read.proof());
    }
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aNonInclusionProofVerifiesAgainstTheCommittedStateRoot_LC_5(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite);
    for (String absent : new String[] {"erin", "mallory", "", "alice2"}) {
      ProofResult read = f.tree().prove(7, utf8(absent));
      assertThat(read.value()).isEmpty();

      f.client().verifyState(f.h7(), utf8(absent), null, read.proof());
    }
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aWrongValueOrAWrongClaimOfAbsenceFails_LC_5(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite);
    ProofResult alice = f.tree().prove(7, utf8("alice"));
    ProofResult erin = f.tree().prove(7, utf8("erin"));
    LightClient client = f.client();

    assertRefused(
        () -> client.verifyState(f.h7(), utf8("alice"), utf8("1000"), alice.proof()),
        Reason.BAD_STATE_PROOF);
    assertRefused(
        () -> client.verifyState(f.h7(), utf8("alice"), null, alice.proof()),
        Reason.BAD_STATE_PROOF);
    assertRefused(
        () -> client.verifyState(f.h7(), utf8("bob"), utf8("100"), alice.proof()),
        Reason.BAD_STATE_PROOF);
    assertRefused(
        () -> client.verifyState(f.h7(), utf8("erin"), utf8(""), erin.proof()),
        Reason.BAD_STATE_PROOF);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aProofOfTheStateBeforeTheHeightFailsAgainstItsCommittedRoot_LC_4(CryptoSuite suite)
      throws Exception {
    Fixture f = fixture(suite);
    ProofResult before = f.tree().prove(6, utf8("alice"));
    assertThat(f.h7().header().stateRoot()).isEqualTo(f.tree().rootHash(6));

    assertRefused(
        () -> f.client().verifyState(f.h7(), utf8("alice"), utf8("90"), before.proof()),
        Reason.BAD_STATE_PROOF);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aCommittedHeaderOfAnotherChainIsRefused_LC_1(CryptoSuite suite) throws Exception {
    Fixture f = fixture(suite);
    HeaderChain other = new HeaderChain(suite, "other-chain", f.chain().keys());
    ProofResult alice = f.tree().prove(7, utf8("alice"));

    assertRefused(
        () -> client(other).verifyState(f.h7(), utf8("alice"), utf8("100"), alice.proof()),
        Reason.WRONG_CHAIN);
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aDidRecordTheRealRegistryWroteVerifiesAgainstTheCommittedHeader_LC_5(CryptoSuite suite)
      throws Exception {
    TestChain chain = new TestChain(suite.id());
    Party alice = chain.party("alice");
    HeaderChain headers = HeaderChain.of(suite);
    HeaderChain.CommittedBlock block = headers.commit(chain.height(), chain.snapshot());
    LightClient client = client(headers);
    CommittedHeader committed = client.verifyCommitted(block.header(), block.proof());
    Bytes key = utf8(Did.stateKey(Did.id(alice.did()).orElseThrow()));
    Bytes record = chain.state().get(key).orElseThrow();

    client.verifyState(committed, key, record, block.prove(key));
    chain.deactivate(alice);
    Bytes deactivated = chain.state().get(key).orElseThrow();
    assertRefused(
        () -> client.verifyState(committed, key, deactivated, block.prove(key)),
        Reason.BAD_STATE_PROOF);
  }
}
