package org.jingchain.node.consensus;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.consensus.ValidatorSet;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.PublicKey;
import org.junit.jupiter.api.Test;

class PeerNetworkTest {
  /**
   * Found by XchainEpochIT: four validators vote the fourth out; a sync request it sent just before
   * is answered after the switch, to index 3 of a set of three. That answer used to throw on the
   * consensus thread and stop consensus for good; it is dropped.
   */
  @Test
  void anAnswerToAValidatorVotedOutIsDroppedAndConsensusGoesOn() throws Exception {
    CryptoSuite suite = CryptoSuites.intl();
    List<KeyPair> keys = new ArrayList<>();
    List<PublicKey> four = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      keys.add(suite.generateKeyPair(new SecureRandom()));
      four.add(keys.getLast().publicKey());
    }
    try (PeerNetwork net =
        PeerNetwork.start(
            new ValidatorSet(four, suite),
            keys.getFirst(),
            null,
            "peer-network-test",
            new InetSocketAddress("127.0.0.1", 0),
            List.of())) {
      net.setValidators(new ValidatorSet(four.subList(0, 3), suite));
      assertThatCode(() -> net.send(3, new byte[] {1, 2, 3})).doesNotThrowAnyException();
      assertThatCode(() -> net.send(1, new byte[] {1, 2, 3})).doesNotThrowAnyException();
    }
  }
}
