package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.p2p.TestNet.key;

import java.security.SecureRandom;
import java.util.Arrays;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.EphemeralKey;
import org.jingchain.crypto.KeyAgreement;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The handshake without sockets: both roles, every refusal, tampering in the middle. */
class HandshakeTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CHAIN = "hs-chain";

  // [P2P-3]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void bothSidesAuthenticateEachOtherAndShareDirectionKeys(SuiteId suite) throws Exception {
    KeyPair i = key(suite);
    KeyPair r = key(suite);
    HandshakeInitiator initiator =
        new HandshakeInitiator(i, null, CHAIN, r.publicKey(), k -> true, RANDOM);
    HandshakeResponder responder = new HandshakeResponder(r, null, CHAIN, k -> true, RANDOM);

    AwaitingConfirm rSide = responder.onHello(initiator.hello());
    AwaitingConfirm iSide = initiator.onResponse(rSide.toSend().get(0));
    Session iSession = iSide.onConfirm(rSide.toSend().get(1));
    Session rSession = rSide.onConfirm(iSide.toSend().get(0));

    assertThat(iSession.peer()).isEqualTo(r.publicKey());
    assertThat(rSession.peer()).isEqualTo(i.publicKey());
    assertThat(iSession.initiatedLocally()).isTrue();
    assertThat(rSession.initiatedLocally()).isFalse();
    byte[] toR = iSession.sendCipher().seal(FrameCipher.DATA, new byte[] {42});
    assertThat(rSession.receiveCipher().open(toR).body()).containsExactly(42);
    byte[] toI = rSession.sendCipher().seal(FrameCipher.DATA, new byte[] {43});
    assertThat(iSession.receiveCipher().open(toI).body()).containsExactly(43);
  }

  // [P2P-2]
  @Test
  void theResponderRefusesAnotherChainAnotherSuiteItselfAndStrangers() throws Exception {
    KeyPair r = key(SuiteId.INTL);
    HandshakeResponder responder = new HandshakeResponder(r, null, CHAIN, k -> true, RANDOM);
    HandshakeResponder picky = new HandshakeResponder(r, null, CHAIN, k -> false, RANDOM);

    assertRefused(
        HandshakeFailure.WRONG_CHAIN,
        () -> responder.onHello(hello(key(SuiteId.INTL), "other", r)));
    assertRefused(
        HandshakeFailure.WRONG_SUITE, () -> responder.onHello(hello(key(SuiteId.SM), CHAIN, null)));
    assertRefused(HandshakeFailure.SELF_CONNECTION, () -> responder.onHello(hello(r, CHAIN, r)));
    assertRefused(
        HandshakeFailure.UNAUTHORIZED, () -> picky.onHello(hello(key(SuiteId.INTL), CHAIN, r)));
  }

  // [P2P-3]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theInitiatorRefusesAnUnexpectedOrUnadmittedResponder(SuiteId suite) throws Exception {
    KeyPair i = key(suite);
    KeyPair r = key(suite);
    byte[] response =
        new HandshakeResponder(r, null, CHAIN, k -> true, RANDOM)
            .onHello(
                new HandshakeInitiator(i, null, CHAIN, r.publicKey(), k -> true, RANDOM).hello())
            .toSend()
            .get(0);

    HandshakeInitiator expectsOther =
        new HandshakeInitiator(i, null, CHAIN, key(suite).publicKey(), k -> true, RANDOM);
    HandshakeInitiator admitsNobody =
        new HandshakeInitiator(i, null, CHAIN, r.publicKey(), k -> false, RANDOM);
    assertRefused(HandshakeFailure.UNEXPECTED_KEY, () -> expectsOther.onResponse(response));
    assertRefused(HandshakeFailure.UNAUTHORIZED, () -> admitsNobody.onResponse(response));
  }

  // [P2P-3]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aSwappedEphemeralKeyFailsTheConfirmation(SuiteId suite) throws Exception {
    KeyPair i = key(suite);
    KeyPair r = key(suite);
    HandshakeInitiator initiator =
        new HandshakeInitiator(i, null, CHAIN, r.publicKey(), k -> true, RANDOM);
    AwaitingConfirm rSide =
        new HandshakeResponder(r, null, CHAIN, k -> true, RANDOM).onHello(initiator.hello());
    byte[] response = rSide.toSend().get(0);
    // A man in the middle puts in an ephemeral key of its own: a valid point, the wrong secret.
    byte[] mine = i.suite().keyAgreement().generateEphemeral(RANDOM).publicKey().toByteArray();
    System.arraycopy(mine, 0, response, response.length - mine.length, mine.length);

    AwaitingConfirm iSide = initiator.onResponse(response);

    assertRefused(HandshakeFailure.BAD_CONFIRMATION, () -> iSide.onConfirm(rSide.toSend().get(1)));
    assertRefused(HandshakeFailure.BAD_CONFIRMATION, () -> rSide.onConfirm(iSide.toSend().get(0)));
  }

  // [P2P-3]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aConfirmationSignedForTheOtherRoleIsRefused(SuiteId suite) throws Exception {
    KeyPair i = key(suite);
    KeyPair r = key(suite);
    CryptoSuite cs = r.suite();
    HandshakeInitiator initiator =
        new HandshakeInitiator(i, null, CHAIN, r.publicKey(), k -> true, RANDOM);
    byte[] hello = initiator.hello();
    HandshakeCodec.Init init = HandshakeCodec.decodeInit(hello);
    // A responder that reflects the initiator's label instead of signing its own.
    EphemeralKey e = cs.keyAgreement().generateEphemeral(RANDOM);
    byte[] response =
        HandshakeCodec.encode(
            new HandshakeCodec.Response(suite, r.publicKey(), e.publicKey(), null));
    byte[] secret =
        cs.keyAgreement()
            .agree(KeyAgreement.Role.RESPONDER, r, e, init.staticKey(), init.ephemeralKey());
    Hash transcript = KeySchedule.transcript(cs, hello, response);
    byte[] r2i =
        KeySchedule.derive(cs, secret, transcript, cs.aead().keyLength()).responderToInitiator();
    byte[] wrongRole = r.sign(KeySchedule.confirmMessage(true, transcript));
    byte[] confirm = new FrameCipher(cs.aead(), r2i).seal(FrameCipher.CONFIRM, wrongRole);

    AwaitingConfirm iSide = initiator.onResponse(response);

    assertRefused(HandshakeFailure.BAD_SIGNATURE, () -> iSide.onConfirm(confirm));
  }

  // [P2P-2]
  @Test
  void theDecoderRefusesOtherVersionsTruncationAndTrailingBytes() throws Exception {
    KeyPair i = key(SuiteId.SM);
    byte[] hello = hello(i, CHAIN, null);
    byte[] v2 = hello.clone();
    v2[0] = 2;
    byte[] trailing = Arrays.copyOf(hello, hello.length + 1);

    assertThat(HandshakeCodec.decodeInit(hello).staticKey()).isEqualTo(i.publicKey());
    assertRefused(HandshakeFailure.UNSUPPORTED_VERSION, () -> HandshakeCodec.decodeInit(v2));
    assertRefused(
        HandshakeFailure.MALFORMED,
        () -> HandshakeCodec.decodeInit(Arrays.copyOf(hello, hello.length - 1)));
    assertRefused(HandshakeFailure.MALFORMED, () -> HandshakeCodec.decodeInit(trailing));
    assertRefused(HandshakeFailure.MALFORMED, () -> HandshakeCodec.decodeResponse(hello));
    assertThat(hello.length).isLessThanOrEqualTo(HandshakeCodec.MAX_HANDSHAKE_FRAME_BYTES);
  }

  // [P2P-2]
  @Test
  void theLargestHelloFitsTheHandshakeLimit() {
    KeyPair i = key(SuiteId.SM);
    byte[] hello =
        new HandshakeInitiator(
                i, null, "c".repeat(64), key(SuiteId.SM).publicKey(), k -> true, RANDOM)
            .hello();
    assertThat(hello).hasSize(4 + 64 + 33 + 33);
    assertThat(hello.length).isLessThanOrEqualTo(HandshakeCodec.MAX_HANDSHAKE_FRAME_BYTES);
  }

  private static byte[] hello(KeyPair from, String chain, KeyPair to) {
    return new HandshakeInitiator(
            from,
            null,
            chain,
            to == null ? key(from.publicKey().suite()).publicKey() : to.publicKey(),
            k -> true,
            RANDOM)
        .hello();
  }

  private static void assertRefused(HandshakeFailure reason, Executable step) {
    assertThatThrownBy(step::execute)
        .isInstanceOf(HandshakeException.class)
        .extracting(e -> ((HandshakeException) e).reason())
        .isEqualTo(reason);
  }
}
