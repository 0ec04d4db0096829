package org.jingchain.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jingchain.crypto.ApiToken;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.junit.jupiter.api.Test;

/** Self-renewing bearer tokens (docs/spec/api-access.md, section 2). */
class BearerTokensTest {
  @Test
  void aTokenIsReusedUntilAFifthOfItsLifeIsLeftThenRenewed() throws Exception {
    KeyPair k = CryptoSuites.sm().generateKeyPair(new SecureRandom());
    AtomicLong now = new AtomicLong(1_800_000_000_000L);
    Supplier<String> tokens = BearerTokens.of(k, "c", Duration.ofMinutes(10), now::get);

    String first = tokens.get();
    now.addAndGet(Duration.ofMinutes(8).toMillis());
    assertThat(tokens.get()).as("two minutes left: still the same").isEqualTo(first);
    now.addAndGet(1);
    String second = tokens.get();
    assertThat(second).isNotEqualTo(first);
    // the renewed one verifies for its whole life at the node
    ApiToken t = ApiToken.verify(second, CryptoSuites.sm(), "c", now.get() + 599_999);
    assertThat(t.holderAddress()).isEqualTo(k.address());
  }
}
