package org.jingchain.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jingchain.crypto.CryptoSuites;
import org.junit.jupiter.api.Test;

class ValidatorSetTest {
  @Test
  void anyTwoQuorumsShareMoreThanTheFaultyValidators() {
    for (int n = 1; n <= 40; n++) {
      ValidatorSet set = new TestValidators(CryptoSuites.intl(), n).set;
      int f = set.maxFaulty();
      assertThat(3 * f + 1).isLessThanOrEqualTo(n);
      // two quorums overlap in 2q - n validators; at least one of them must be honest
      assertThat(2 * set.quorum() - n).isGreaterThanOrEqualTo(f + 1);
      // and the honest validators alone can form a quorum (liveness)
      assertThat(n - f).isGreaterThanOrEqualTo(set.quorum());
    }
  }

  @Test
  void leadersRotateThroughEveryValidator() {
    ValidatorSet set = new TestValidators(CryptoSuites.intl(), 4).set;
    assertThat(set.leader(1)).isEqualTo(1);
    assertThat(set.leader(4)).isEqualTo(0);
    assertThat(set.leader(7)).isEqualTo(3);
  }

  @Test
  void aKeyCannotBeTwoValidators() {
    var v = new TestValidators(CryptoSuites.intl(), 2);
    var key = v.keys.get(0).publicKey();
    assertThatThrownBy(() -> new ValidatorSet(java.util.List.of(key, key), v.suite))
        .hasMessageContaining("duplicate validator key");
  }
}
