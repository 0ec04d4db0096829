package org.jingchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.consensus.ConsensusConfig;
import org.jingchain.consensus.ConsensusCore;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Effect;
import org.jingchain.consensus.Event;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.junit.jupiter.api.Test;

/** [CONS-LIVE-3] a peer flooding sync requests gets at most 20 answers a second. */
class SyncRateLimitTest {
  @Test
  void aFloodOfSyncRequestsIsAnsweredTwentyTimesASecondAndTheRestRejected() {
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      keys.add(SimCrypto.validatorKey(1, i));
    }
    ValidatorSet set = new ValidatorSet(keys, TxPool.SUITE);
    SimLedger ledger = new SimLedger(SimLedger.genesisDisk(), keys, 0);
    ConsensusCore core =
        new ConsensusCore(
            new ConsensusConfig(
                TxPool.CHAIN_ID, SimLedger.genesisHash(), 1_000, 8_000, 16, 1_000, 100),
            set,
            0,
            SimCrypto.signer(keys.get(0)),
            new SimCrypto(),
            TxPool.SUITE,
            ledger,
            null);
    core.step(new Event.Start(), 1_000);
    int answered = 0;
    int rejected = 0;
    var ask = new ConsensusMessage.SyncRequest(1, 16, Hash.ZERO);
    for (int i = 0; i < 30; i++) {
      for (Effect e : core.step(new Event.MessageReceived(1, ask), 2_000)) {
        if (e instanceof Effect.Send s && s.message() instanceof ConsensusMessage.SyncResponse) {
          answered++;
        } else if (e instanceof Effect.Rejected) {
          rejected++;
        }
      }
    }
    assertThat(answered).isEqualTo(20);
    assertThat(rejected).isEqualTo(10);
    // a second later the bucket has refilled, and another peer was never limited
    assertThat(core.step(new Event.MessageReceived(1, ask), 3_000))
        .anyMatch(e -> e instanceof Effect.Send);
    assertThat(core.step(new Event.MessageReceived(2, ask), 3_000))
        .anyMatch(e -> e instanceof Effect.Send);
  }
}
