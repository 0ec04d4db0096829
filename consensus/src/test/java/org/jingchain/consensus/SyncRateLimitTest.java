package org.jingchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;

/** [CONS-LIVE-3] a peer flooding sync requests gets at most 20 answers a second. */
class SyncRateLimitTest {
  @Test
  void aFloodOfSyncRequestsIsAnsweredTwentyTimesASecondAndTheRestRejected() {
    TestValidators vs = new TestValidators(CryptoSuites.intl(), 4);
    TestLedger ledger = new TestLedger("jing-sync-test");
    ConsensusCore core =
        new ConsensusCore(
            new ConsensusConfig("jing-sync-test", ledger.genesisHash, 1_000, 8_000, 16, 1_000, 100),
            vs.set,
            0,
            vs.signer(0),
            vs.suite::verify,
            vs.suite,
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
