package org.jingchain.sim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.SafetyRecord;
import org.jingchain.consensus.VoteData;
import org.jingchain.service.CommittedBlock;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;

/** The checkers catch the violations they exist for (so a green simulation means something). */
class CheckerTest {
  private static final Hash A = Hash.fromHex("aa".repeat(32));
  private static final Hash B = Hash.fromHex("bb".repeat(32));

  private static final String CHAIN = SimClients.CHAIN_ID;

  private static CommittedBlock block(
      long height, Hash hash, Hash state, List<org.jingchain.types.Transaction> txs) {
    Address p = Address.of(SimCrypto.validatorKey(0, 0), SimSuite.INSTANCE);
    BlockHeader h = new BlockHeader(CHAIN, height, height, A, 0, p, A, txs.size(), A, A);
    List<Hash> ids = txs.stream().map(t -> t.hash(SimSuite.INSTANCE)).toList();
    return new CommittedBlock(
        new Block(h, txs),
        hash,
        ids,
        ids.stream().map(id -> org.jingchain.types.Receipt.success(id, List.of())).toList(),
        state);
  }

  private static org.jingchain.types.Transaction forged() {
    var key = SimSuite.INSTANCE.keyPairFromPrivateKey(new byte[32]);
    var body =
        new org.jingchain.types.TxBody(
            CHAIN, key.publicKey(), 0, 1, org.jingchain.asset.AssetCalls.create("X", "x", 0));
    var unsigned = new org.jingchain.types.Transaction(body, Bytes.EMPTY);
    byte[] sig = SimSuite.INSTANCE.sign(key, unsigned.signingBytes());
    sig[0] ^= 1;
    return new org.jingchain.types.Transaction(body, Bytes.wrap(sig));
  }

  @Test
  void twoBlocksCommittedAtOneHeightFailAgreement() {
    Checker c = new Checker();
    c.onCommit(0, block(1, A, A, List.of()));
    assertThatThrownBy(() -> c.onCommit(1, block(1, B, A, List.of())))
        .isInstanceOf(SimulationFailure.class)
        .hasMessageContaining("agreement");
  }

  @Test
  void twoStatesAtOneHeightFail() {
    Checker c = new Checker();
    c.onCommit(0, block(1, A, A, List.of()));
    assertThatThrownBy(() -> c.onCommit(1, block(1, A, B, List.of())))
        .hasMessageContaining("state roots differ");
  }

  @Test
  void aCommittedTransactionWithABadSignatureFailsValidity() {
    Checker c = new Checker();
    assertThatThrownBy(() -> c.onCommit(0, block(1, A, A, List.of(forged()))))
        .hasMessageContaining("validity");
  }

  @Test
  void anHonestValidatorVotingTwiceInARoundFails() {
    Checker c = new Checker();
    Bytes sig = Bytes.wrap(new byte[32]);
    c.onHonestSend(2, 0, new ConsensusMessage.Vote(new VoteData(CHAIN, 5, 3, A), 2, sig));
    assertThatThrownBy(
            () ->
                c.onHonestSend(
                    2, 0, new ConsensusMessage.Vote(new VoteData(CHAIN, 5, 3, B), 2, sig)))
        .hasMessageContaining("double vote");
  }

  // [GOV-8] rounds restart in each epoch: the same round of the next epoch is another vote
  @Test
  void aVoteInTheSameRoundOfAnotherEpochIsNoDoubleVote() {
    Checker c = new Checker();
    Bytes sig = Bytes.wrap(new byte[32]);
    c.onHonestSend(2, 0, new ConsensusMessage.Vote(new VoteData(CHAIN, 5, 3, A), 2, sig));
    c.onHonestSend(2, 1, new ConsensusMessage.Vote(new VoteData(CHAIN, 5, 4, B), 2, sig));
    assertThatThrownBy(
            () ->
                c.onHonestSend(
                    2, 1, new ConsensusMessage.Vote(new VoteData(CHAIN, 5, 4, A), 2, sig)))
        .hasMessageContaining("double vote");
  }

  @Test
  void twoValidatorsEnteringAnEpochAtDifferentRootsFails() {
    Checker c = new Checker();
    c.onEpoch(0, new org.jingchain.consensus.Epoch(1, A, 7, 9));
    c.onEpoch(1, new org.jingchain.consensus.Epoch(1, A, 7, 9));
    assertThatThrownBy(() -> c.onEpoch(2, new org.jingchain.consensus.Epoch(1, B, 7, 9)))
        .hasMessageContaining("epochs differ");
  }

  @Test
  void aSafetyRecordGoingBackwardsFails() {
    Checker c = new Checker();
    QuorumCert g = QuorumCert.genesis(CHAIN, A);
    c.onPersist(1, 0, new SafetyRecord(9, 0, g, null));
    assertThatThrownBy(() -> c.onPersist(1, 0, new SafetyRecord(8, 0, g, null)))
        .hasMessageContaining("went back");
  }
}
