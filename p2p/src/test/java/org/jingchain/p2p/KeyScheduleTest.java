package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The key schedule's HMAC equals the standard HMACs, and its outputs separate what they must. */
class KeyScheduleTest {
  // [P2P-3]
  @ParameterizedTest
  @ValueSource(ints = {1, 32, 63, 64, 65, 200}) // the JDK refuses an empty key
  void hmacOverTheIntlHashIsHmacSha256(int keyLength) throws Exception {
    byte[] key = bytes(keyLength, 7);
    byte[] message = "jing".getBytes(StandardCharsets.US_ASCII);
    Mac jdk = Mac.getInstance("HmacSHA256");
    jdk.init(new SecretKeySpec(key, "HmacSHA256"));

    assertThat(KeySchedule.hmac(CryptoSuites.intl(), key, message)).isEqualTo(jdk.doFinal(message));
  }

  // [P2P-3]
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 32, 63, 64, 65, 200})
  void hmacOverTheSmHashIsHmacSm3(int keyLength) {
    byte[] key = bytes(keyLength, 11);
    byte[] m1 = "jing-".getBytes(StandardCharsets.US_ASCII);
    byte[] m2 = "p2p".getBytes(StandardCharsets.US_ASCII);
    HMac bc = new HMac(new SM3Digest());
    bc.init(new KeyParameter(key));
    bc.update(m1, 0, m1.length);
    bc.update(m2, 0, m2.length);
    byte[] expected = new byte[32];
    bc.doFinal(expected, 0);

    assertThat(KeySchedule.hmac(CryptoSuites.sm(), key, m1, m2)).isEqualTo(expected);
  }

  // [P2P-3]
  @Test
  void theTwoDirectionKeysDifferAndDependOnTheTranscript() {
    HashFunction h = CryptoSuites.intl();
    byte[] secret = bytes(32, 3);
    Hash t1 = KeySchedule.transcript(h, new byte[] {1, 2}, new byte[] {3});
    Hash t2 =
        KeySchedule.transcript(h, new byte[] {1}, new byte[] {2, 3}); // same bytes, split apart

    KeySchedule.DirectionKeys k1 = KeySchedule.derive(h, secret, t1, 32);
    KeySchedule.DirectionKeys k2 = KeySchedule.derive(h, secret, t2, 32);

    assertThat(t1).isNotEqualTo(t2);
    assertThat(k1.initiatorToResponder()).isNotEqualTo(k1.responderToInitiator());
    assertThat(k1.initiatorToResponder()).isNotEqualTo(k2.initiatorToResponder());
    assertThat(KeySchedule.derive(h, secret, t1, 16).initiatorToResponder())
        .isEqualTo(java.util.Arrays.copyOf(k1.initiatorToResponder(), 16));
  }

  // [P2P-3]
  @Test
  void theTwoRolesSignDifferentConfirmations() {
    Hash t = Hash.of(bytes(32, 5));
    assertThat(KeySchedule.confirmMessage(true, t))
        .isNotEqualTo(KeySchedule.confirmMessage(false, t));
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }
}
