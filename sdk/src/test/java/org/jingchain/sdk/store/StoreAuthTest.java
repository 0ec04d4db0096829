package org.jingchain.sdk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * [STORE-20] A signed request to a storage node is good for exactly that request: another body,
 * target, method, node or chain, a stale time, or another account's key is refused with its code.
 */
class StoreAuthTest {
  static final long NOW = 1_767_225_600_000L;
  static final byte[] BODY = "shard bytes".getBytes(StandardCharsets.UTF_8);
  static final String TARGET = "/v1/shards/" + "ab".repeat(32) + "/3?offset=0";

  static CryptoSuite suite(SuiteId id) {
    return id == SuiteId.SM ? CryptoSuites.sm() : CryptoSuites.intl();
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aHeaderIsGoodForItsOneRequestOnly(SuiteId id) throws Exception {
    CryptoSuite s = suite(id);
    KeyPair alice = TestKeys.keyPair("alice", id);
    KeyPair bob = TestKeys.keyPair("bob", id);
    String h = StoreAuth.header(alice, "chain-a", "sn1", "PUT", TARGET, NOW, BODY);
    assertThat(StoreAuth.verify(s, "chain-a", "sn1", h, "PUT", TARGET, BODY, NOW + 1000))
        .isEqualTo(alice.address());
    assertCode(
        () -> StoreAuth.verify(s, "chain-a", "sn1", h, "PUT", TARGET, new byte[1], NOW),
        "BAD_SIGNATURE");
    assertCode(
        () -> StoreAuth.verify(s, "chain-a", "sn1", h, "PUT", TARGET + "1", BODY, NOW),
        "BAD_SIGNATURE");
    assertCode(
        () -> StoreAuth.verify(s, "chain-a", "sn1", h, "GET", TARGET, BODY, NOW), "BAD_SIGNATURE");
    assertCode(
        () -> StoreAuth.verify(s, "chain-a", "sn2", h, "PUT", TARGET, BODY, NOW), "BAD_SIGNATURE");
    assertCode(
        () -> StoreAuth.verify(s, "chain-b", "sn1", h, "PUT", TARGET, BODY, NOW), "BAD_SIGNATURE");
    assertCode(
        () ->
            StoreAuth.verify(
                s, "chain-a", "sn1", h, "PUT", TARGET, BODY, NOW + StoreAuth.MAX_SKEW_MILLIS + 1),
        "STALE_REQUEST");
    // Bob's address with Alice's key and signature: the key is not the address's.
    String claimed = h.replace(alice.address().toString(), bob.address().toString());
    assertCode(
        () -> StoreAuth.verify(s, "chain-a", "sn1", claimed, "PUT", TARGET, BODY, NOW),
        "BAD_SIGNATURE");
    assertCode(
        () -> StoreAuth.verify(s, "chain-a", "sn1", null, "PUT", TARGET, BODY, NOW),
        "UNAUTHENTICATED");
    assertCode(
        () -> StoreAuth.verify(s, "chain-a", "sn1", "Bearer x", "PUT", TARGET, BODY, NOW),
        "UNAUTHENTICATED");
    assertCode(
        () -> StoreAuth.verify(s, "chain-a", "sn1", h + ",extra=1", "PUT", TARGET, BODY, NOW),
        "UNAUTHENTICATED");
  }

  interface Call {
    void run() throws Exception;
  }

  static void assertCode(Call c, String code) {
    assertThatThrownBy(c::run)
        .isInstanceOfSatisfying(
            StoreAuth.AuthException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  /** Any header text is refused with a code or names its signer; nothing else escapes. */
  @FuzzTest(maxDuration = "10s")
  void anyHeaderIsAnsweredWithACode(byte[] input) {
    String header = new String(input, StandardCharsets.UTF_8);
    try {
      StoreAuth.verify(CryptoSuites.intl(), "c", "n", header, "GET", "/", new byte[0], NOW);
    } catch (StoreAuth.AuthException e) {
      assertThat(e.code()).isIn("UNAUTHENTICATED", "BAD_SIGNATURE", "STALE_REQUEST");
    }
  }
}
