package org.jingchain.sim;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.ProposedBlock;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.SafetyRecord;
import org.jingchain.consensus.VoteData;
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

  private static ProposedBlock block(long height, List<org.jingchain.types.Transaction> txs) {
    Address p = Address.of(SimCrypto.validatorKey(0, 0), TxPool.SUITE);
    BlockHeader h = new BlockHeader(TxPool.CHAIN_ID, height, height, A, 0, p, A, txs.size(), A, A);
    return new ProposedBlock(new Block(h, txs), QuorumCert.genesis(TxPool.CHAIN_ID, A));
  }

  @Test
  void twoBlocksCommittedAtOneHeightFailAgreement() {
    Checker c = new Checker();
    c.onCommit(0, List.of(block(1, List.of())), List.of(A), List.of(A));
    assertThatThrownBy(() -> c.onCommit(1, List.of(block(1, List.of())), List.of(B), List.of(A)))
        .isInstanceOf(SimulationFailure.class)
        .hasMessageContaining("agreement");
  }

  @Test
  void twoStatesAtOneHeightFail() {
    Checker c = new Checker();
    c.onCommit(0, List.of(block(1, List.of())), List.of(A), List.of(A));
    assertThatThrownBy(() -> c.onCommit(1, List.of(block(1, List.of())), List.of(A), List.of(B)))
        .hasMessageContaining("state roots differ");
  }

  @Test
  void aCommittedTransactionWithABadSignatureFailsValidity() {
    Checker c = new Checker();
    assertThatThrownBy(
            () -> c.onCommit(0, List.of(block(1, List.of(TxPool.FORGED))), List.of(A), List.of(A)))
        .hasMessageContaining("validity");
  }

  @Test
  void anHonestValidatorVotingTwiceInARoundFails() {
    Checker c = new Checker();
    Bytes sig = Bytes.wrap(new byte[32]);
    c.onHonestSend(2, 0, new ConsensusMessage.Vote(new VoteData(TxPool.CHAIN_ID, 5, 3, A), 2, sig));
    assertThatThrownBy(
            () ->
                c.onHonestSend(
                    2,
                    0,
                    new ConsensusMessage.Vote(new VoteData(TxPool.CHAIN_ID, 5, 3, B), 2, sig)))
        .hasMessageContaining("double vote");
  }

  // [GOV-8] rounds restart in each epoch: the same round of the next epoch is another vote
  @Test
  void aVoteInTheSameRoundOfAnotherEpochIsNoDoubleVote() {
    Checker c = new Checker();
    Bytes sig = Bytes.wrap(new byte[32]);
    c.onHonestSend(2, 0, new ConsensusMessage.Vote(new VoteData(TxPool.CHAIN_ID, 5, 3, A), 2, sig));
    c.onHonestSend(2, 1, new ConsensusMessage.Vote(new VoteData(TxPool.CHAIN_ID, 5, 4, B), 2, sig));
    assertThatThrownBy(
            () ->
                c.onHonestSend(
                    2,
                    1,
                    new ConsensusMessage.Vote(new VoteData(TxPool.CHAIN_ID, 5, 4, A), 2, sig)))
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
    QuorumCert g = QuorumCert.genesis(TxPool.CHAIN_ID, A);
    c.onPersist(1, 0, new SafetyRecord(9, 0, g, null));
    assertThatThrownBy(() -> c.onPersist(1, 0, new SafetyRecord(8, 0, g, null)))
        .hasMessageContaining("went back");
  }
}
