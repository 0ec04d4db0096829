package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.jingchain.crypto.KeyAgreement.Role;
import org.jingchain.types.Bytes;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both suites' key agreement: agreement, separation between peers and hostile peer keys. */
class KeyAgreementTest {
  private record Party(KeyPair staticKey, EphemeralKey ephemeral) {}

  private static Party party(SuiteId id, SecureRandom random) {
    CryptoSuite suite = CryptoSuites.of(id);
    return new Party(suite.generateKeyPair(random), suite.keyAgreement().generateEphemeral(random));
  }

  private static byte[] agree(SuiteId id, Role role, Party self, Party peer)
      throws KeyAgreementException {
    return CryptoSuites.of(id)
        .keyAgreement()
        .agree(
            role,
            self.staticKey(),
            self.ephemeral(),
            peer.staticKey().publicKey(),
            peer.ephemeral().publicKey());
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void initiatorAndResponderDeriveTheSameSecret(SuiteId id) throws KeyAgreementException {
    SecureRandom random = TestRandom.seeded(1);
    Party alice = party(id, random);
    Party bob = party(id, random);

    byte[] a = agree(id, Role.INITIATOR, alice, bob);
    byte[] b = agree(id, Role.RESPONDER, bob, alice);

    assertThat(a).hasSize(KeyAgreement.SECRET_LENGTH).isEqualTo(b);
    assertThat(alice.ephemeral().publicKey().length())
        .isEqualTo(CryptoSuites.of(id).keyAgreement().ephemeralPublicKeyLength());
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void differentPeersOrSessionsGiveDifferentSecrets(SuiteId id) throws KeyAgreementException {
    SecureRandom random = TestRandom.seeded(2);
    Party alice = party(id, random);
    Party bob = party(id, random);
    Party carol = party(id, random);
    Party aliceAgain =
        new Party(alice.staticKey(), CryptoSuites.of(id).keyAgreement().generateEphemeral(random));

    byte[] withBob = agree(id, Role.INITIATOR, alice, bob);
    byte[] withCarol = agree(id, Role.INITIATOR, alice, carol);
    byte[] nextSession = agree(id, Role.INITIATOR, aliceAgain, bob);
    byte[] swappedRoles = agree(id, Role.RESPONDER, alice, bob);

    assertThat(withBob)
        .isNotEqualTo(withCarol)
        .isNotEqualTo(nextSession)
        .isNotEqualTo(swappedRoles);
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aPeerKeyThatIsMalformedOrForeignIsRejected(SuiteId id) {
    SecureRandom random = TestRandom.seeded(3);
    Party alice = party(id, random);
    Party bob = party(id, random);
    SuiteId otherId = id == SuiteId.INTL ? SuiteId.SM : SuiteId.INTL;
    Party foreign = party(otherId, random);
    KeyAgreement ka = CryptoSuites.of(id).keyAgreement();
    Bytes bobE = bob.ephemeral().publicKey();

    assertThatThrownBy(
            () ->
                ka.agree(
                    Role.INITIATOR,
                    alice.staticKey(),
                    alice.ephemeral(),
                    foreign.staticKey().publicKey(),
                    bobE))
        .isInstanceOf(KeyAgreementException.class);
    assertThatThrownBy(
            () ->
                ka.agree(
                    Role.INITIATOR,
                    alice.staticKey(),
                    alice.ephemeral(),
                    bob.staticKey().publicKey(),
                    Bytes.wrap(new byte[5])))
        .isInstanceOf(KeyAgreementException.class);
    byte[] zeros = new byte[bobE.length()];
    assertThatThrownBy(
            () ->
                ka.agree(
                    Role.INITIATOR,
                    alice.staticKey(),
                    alice.ephemeral(),
                    bob.staticKey().publicKey(),
                    Bytes.wrap(zeros)))
        .isInstanceOf(KeyAgreementException.class);
    assertThatThrownBy(
            () ->
                ka.agree(
                    Role.INITIATOR,
                    foreign.staticKey(),
                    alice.ephemeral(),
                    bob.staticKey().publicKey(),
                    bobE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEd25519ToX25519MapSendsThePublicKeyToTheScalarsPublicKey() throws KeyAgreementException {
    for (int seed = 0; seed < 8; seed++) {
      KeyPair key = CryptoSuites.intl().generateKeyPair(TestRandom.seeded(100 + seed));
      byte[] expected = new byte[32];
      X25519.scalarMultBase(X25519Agreement.staticScalar(key), 0, expected, 0);

      assertThat(X25519Agreement.edwardsToMontgomery(key.publicKey().bytes().toByteArray()))
          .isEqualTo(expected);
    }
  }

  @Test
  void anEphemeralKeyNeverShowsItsPrivatePartAndCanBeDestroyed() {
    EphemeralKey key = CryptoSuites.sm().keyAgreement().generateEphemeral(TestRandom.seeded(4));
    String privateHex = java.util.HexFormat.of().formatHex(key.privateKeyBytes());

    assertThat(key.toString()).doesNotContain(privateHex).contains(key.publicKey().toHex());
    key.destroy();
    assertThat(key.isDestroyed()).isTrue();
    assertThatThrownBy(key::privateKeyBytes).isInstanceOf(IllegalStateException.class);
    assertThat(Arrays.asList(SuiteId.values())).contains(key.suite());
  }
}
