package org.jingchain.crypto.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.jingchain.crypto.CryptoSuites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Ed25519 key generated in, and used from, a real SoftHSM2 token (docs/spec/governance.md,
 * section 5): its signatures verify with the intl suite, the private key never leaves the token,
 * and wrong PINs, missing tokens and clashing labels are clear errors.
 */
class Pkcs11TokenTest {
  String tokenLabel;

  @BeforeEach
  void token() throws Exception {
    SoftHsm.assumeInstalled();
    tokenLabel = "t-" + UUID.randomUUID().toString().substring(0, 8);
    SoftHsm.initToken(tokenLabel);
  }

  @Test
  void aKeyMadeInTheTokenSignsWhatTheIntlSuiteVerifies() throws Exception {
    byte[] message = "vote for block 42".getBytes(StandardCharsets.UTF_8);
    Pkcs11Token.Key key;
    byte[] signature;
    try (Pkcs11Token t = Pkcs11Token.open(SoftHsm.LIBRARY, tokenLabel, SoftHsm.PIN.toCharArray())) {
      key = t.generateEd25519("validator-0");
      signature = t.sign(key, message);
      assertThat(signature).hasSize(64);
      assertThat(CryptoSuites.intl().verify(key.publicKey(), message, signature)).isTrue();
      assertThat(
              CryptoSuites.intl()
                  .verify(
                      key.publicKey(),
                      "vote for block 43".getBytes(StandardCharsets.UTF_8),
                      signature))
          .isFalse();
      assertThatThrownBy(() -> t.generateEd25519("validator-0"))
          .isInstanceOf(Pkcs11Exception.class)
          .hasMessageContaining("already holds");
    }
    // The key persists in the token: a new session finds it by label, same public key.
    try (Pkcs11Token t = Pkcs11Token.open(SoftHsm.LIBRARY, tokenLabel, SoftHsm.PIN.toCharArray())) {
      Pkcs11Token.Key again = t.find("validator-0").orElseThrow();
      assertThat(again.publicKey()).isEqualTo(key.publicKey());
      byte[] s2 = t.sign(again, message);
      assertThat(CryptoSuites.intl().verify(again.publicKey(), message, s2)).isTrue();
      assertThat(t.find("nobody")).isEmpty();
    }
  }

  @Test
  void aWrongPinOrAMissingTokenOrModuleIsAClearError() {
    assertThatThrownBy(() -> Pkcs11Token.open(SoftHsm.LIBRARY, tokenLabel, "0000".toCharArray()))
        .isInstanceOf(Pkcs11Exception.class)
        .hasMessageContaining("CKR_PIN_INCORRECT");
    assertThatThrownBy(
            () -> Pkcs11Token.open(SoftHsm.LIBRARY, "no-such-token", SoftHsm.PIN.toCharArray()))
        .isInstanceOf(Pkcs11Exception.class)
        .hasMessageContaining("no token labelled 'no-such-token'");
    assertThatThrownBy(
            () ->
                Pkcs11Token.open(
                    Path.of("/nonexistent/libpkcs11.so"), tokenLabel, SoftHsm.PIN.toCharArray()))
        .isInstanceOf(Pkcs11Exception.class)
        .hasMessageContaining("no PKCS#11 module");
  }
}
