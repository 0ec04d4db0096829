package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.jingchain.types.Bytes;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** API bearer tokens (docs/spec/api-access.md [ACC-3], [ACC-4]) in both suites. */
class ApiTokenTest {
  private static final long NOW = 1_800_000_000_000L;
  private static final String CHAIN = "jing-test";

  private static KeyPair key(SuiteId id, long seed) {
    return CryptoSuites.of(id).generateKeyPair(TestRandom.seeded(seed));
  }

  private static String refusal(String text, SuiteId id, long now) {
    try {
      ApiToken.verify(text, CryptoSuites.of(id), CHAIN, now);
      return "accepted";
    } catch (ApiToken.Refused e) {
      return e.code();
    }
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aMintedTokenVerifiesAndNamesItsHoldersAccount(SuiteId id) throws Exception {
    KeyPair k = key(id, 1);
    String text = ApiToken.mint(k, CHAIN, NOW, Duration.ofMinutes(10)).text();

    ApiToken t = ApiToken.verify(text, CryptoSuites.of(id), CHAIN, NOW + 1000);

    assertThat(t.holderAddress()).isEqualTo(k.address());
    assertThat(t.expiresAtMillis()).isEqualTo(NOW + 600_000);
    assertThat(ApiToken.parse(text).text()).isEqualTo(text);
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theNodeRefusesAnotherChainsAnExpiredAndAFutureToken(SuiteId id) {
    KeyPair k = key(id, 2);
    String text = ApiToken.mint(k, CHAIN, NOW, Duration.ofMinutes(10)).text();
    long skew = ApiToken.CLOCK_SKEW.toMillis();

    assertThat(refusal(ApiToken.mint(k, "other", NOW, Duration.ofMinutes(10)).text(), id, NOW))
        .isEqualTo("TOKEN_INVALID");
    // [ACC-4] valid up to its expiry plus the allowed skew, not one millisecond longer
    assertThat(refusal(text, id, NOW + 600_000 + skew - 1)).isEqualTo("accepted");
    assertThat(refusal(text, id, NOW + 600_000 + skew)).isEqualTo("TOKEN_EXPIRED");
    assertThat(refusal(text, id, NOW - skew)).isEqualTo("accepted");
    assertThat(refusal(text, id, NOW - skew - 1)).isEqualTo("TOKEN_INVALID");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aTokenLivingLongerThanAnHourIsRefusedEvenWhenSigned(SuiteId id) throws Exception {
    KeyPair k = key(id, 3);
    assertThatThrownBy(() -> ApiToken.mint(k, CHAIN, NOW, Duration.ofMinutes(61)))
        .isInstanceOf(IllegalArgumentException.class);
    // a client that signs a longer lifetime itself
    ApiToken longLived =
        new ApiToken(CHAIN, k.publicKey(), NOW, NOW + Duration.ofHours(2).toMillis(), Bytes.EMPTY);
    String text =
        new ApiToken(
                CHAIN,
                k.publicKey(),
                NOW,
                longLived.expiresAtMillis(),
                Bytes.wrap(k.sign(longLived.payload())))
            .text();

    assertThat(refusal(text, id, NOW)).isEqualTo("TOKEN_INVALID");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aTamperedOrForgedTokenIsRefused(SuiteId id) {
    KeyPair k = key(id, 4);
    KeyPair mallory = key(id, 5);
    ApiToken t = ApiToken.mint(k, CHAIN, NOW, Duration.ofMinutes(10));
    // Mallory's signature over Alice's payload
    String forged =
        new ApiToken(
                CHAIN,
                k.publicKey(),
                t.issuedAtMillis(),
                t.expiresAtMillis(),
                Bytes.wrap(mallory.sign(t.payload())))
            .text();
    // a later expiry under the original signature
    String extended =
        new ApiToken(CHAIN, k.publicKey(), NOW, t.expiresAtMillis() + 1, t.signature()).text();
    String text = t.text();
    char last = text.charAt(text.length() - 1);
    String flipped = text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(refusal(forged, id, NOW)).isEqualTo("TOKEN_INVALID");
    assertThat(refusal(extended, id, NOW)).isEqualTo("TOKEN_INVALID");
    assertThat(refusal(flipped, id, NOW)).isEqualTo("TOKEN_INVALID");
    SuiteId other = id == SuiteId.INTL ? SuiteId.SM : SuiteId.INTL;
    assertThat(refusal(text, other, NOW)).isEqualTo("TOKEN_INVALID");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void malformedTextIsRefusedWithoutReadingFurther(SuiteId id) {
    String text = ApiToken.mint(key(id, 6), CHAIN, NOW, Duration.ofMinutes(10)).text();
    String[] parts = text.substring(4).split("\\.");
    String padded =
        "jt1."
            + Base64.getUrlEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[0]))
            + "."
            + parts[1];

    for (String bad :
        new String[] {
          "",
          "jt1.",
          "jt2." + parts[0] + "." + parts[1],
          "jt1." + parts[0],
          "jt1." + parts[0] + "." + parts[1] + ".x",
          "jt1." + parts[0] + "AA." + parts[1],
          "jt1." + parts[0] + "." + parts[1].replace('-', '+'),
          "jt1." + parts[0] + ".",
          "jt1." + "A".repeat(ApiToken.MAX_CHARS) + "." + parts[1],
          "Bearer " + text
        }) {
      assertThat(refusal(bad, id, NOW)).as(bad).isEqualTo("TOKEN_INVALID");
    }
    if (!padded.equals(text)) {
      assertThat(refusal(padded, id, NOW)).isEqualTo("TOKEN_INVALID");
    }
  }
}
