package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the token parser [ACC-3]: any text is either refused with {@link ApiToken.Refused} or is
 * exactly the text of the token it parses to (one spelling per token), and verification never
 * throws anything else. {@code JAZZER_FUZZ=1} fuzzes for real; the test command replays the corpus.
 */
class ApiTokenFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void parsedTokensReencodeToTheirText(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    ApiToken t;
    try {
      t = ApiToken.parse(text);
    } catch (ApiToken.Refused refused) {
      assertThat(refused.code()).isEqualTo("TOKEN_INVALID");
      return;
    }
    assertThat(t.text()).isEqualTo(text);
    for (var suite : new CryptoSuite[] {CryptoSuites.intl(), CryptoSuites.sm()}) {
      try {
        ApiToken.verify(text, suite, t.chainId(), t.issuedAtMillis());
      } catch (ApiToken.Refused refused) {
        assertThat(refused.code()).isIn("TOKEN_INVALID", "TOKEN_EXPIRED");
      }
    }
  }
}
