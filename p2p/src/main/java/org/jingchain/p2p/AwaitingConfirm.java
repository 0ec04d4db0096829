package org.jingchain.p2p;

import java.util.List;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.EphemeralKey;
import org.jingchain.crypto.KeyAgreement;
import org.jingchain.crypto.KeyAgreementException;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;

/**
 * A handshake side that knows the keys and has its own confirmation ready, waiting for the peer's
 * [P2P-3]: the peer's first frame must decrypt (key confirmation) and hold the peer's signature
 * over its role label and the transcript (explicit authentication).
 */
final class AwaitingConfirm {
  private final CryptoSuite suite;
  private final boolean initiator;
  private final PublicKey peer;
  private final PublicKey peerStatic;
  private final NodeCertificate peerCertificate;
  private final Hash transcript;
  private final FrameCipher send;
  private final FrameCipher receive;
  private final List<byte[]> toSend;

  /**
   * Agrees on the session secret with the peer's keys, derives the two directional keys from the
   * transcript of INIT and RESPONSE, and prepares this side's confirmation [P2P-2]. The ephemeral
   * key is destroyed whatever happens. {@code peer} is the identity the peer claimed (its static
   * key, or the node key that certified it [P2P-15]).
   */
  static AwaitingConfirm agree(
      KeyPair identity,
      boolean initiator,
      EphemeralKey ephemeral,
      PublicKey peer,
      PublicKey peerStatic,
      NodeCertificate peerCertificate,
      Bytes peerEphemeral,
      byte[] init,
      byte[] response,
      List<byte[]> before)
      throws HandshakeException {
    CryptoSuite suite = identity.suite();
    byte[] secret;
    try {
      KeyAgreement.Role role =
          initiator ? KeyAgreement.Role.INITIATOR : KeyAgreement.Role.RESPONDER;
      secret = suite.keyAgreement().agree(role, identity, ephemeral, peerStatic, peerEphemeral);
    } catch (KeyAgreementException e) {
      throw new HandshakeException(HandshakeFailure.BAD_KEY, e.getMessage());
    } finally {
      ephemeral.destroy();
    }
    Hash transcript = KeySchedule.transcript(suite, init, response);
    KeySchedule.DirectionKeys keys =
        KeySchedule.derive(suite, secret, transcript, suite.aead().keyLength());
    FrameCipher toResponder = new FrameCipher(suite.aead(), keys.initiatorToResponder());
    FrameCipher toInitiator = new FrameCipher(suite.aead(), keys.responderToInitiator());
    return initiator
        ? new AwaitingConfirm(
            identity,
            true,
            peer,
            peerStatic,
            peerCertificate,
            transcript,
            toResponder,
            toInitiator,
            before)
        : new AwaitingConfirm(
            identity,
            false,
            peer,
            peerStatic,
            peerCertificate,
            transcript,
            toInitiator,
            toResponder,
            before);
  }

  AwaitingConfirm(
      KeyPair identity,
      boolean initiator,
      PublicKey peer,
      PublicKey peerStatic,
      NodeCertificate peerCertificate,
      Hash transcript,
      FrameCipher send,
      FrameCipher receive,
      List<byte[]> before)
      throws HandshakeException {
    this.suite = identity.suite();
    this.initiator = initiator;
    this.peer = peer;
    this.peerStatic = peerStatic;
    this.peerCertificate = peerCertificate;
    this.transcript = transcript;
    this.send = send;
    this.receive = receive;
    byte[] signature = identity.sign(KeySchedule.confirmMessage(initiator, transcript));
    byte[] confirm;
    try {
      confirm = send.seal(FrameCipher.CONFIRM, signature);
    } catch (FrameException e) {
      throw new IllegalStateException("a fresh cipher refused its first frame", e);
    }
    this.toSend = append(before, confirm);
  }

  /** The frames to write now, in order: the response (responder only), then the confirmation. */
  List<byte[]> toSend() {
    return toSend;
  }

  PublicKey peer() {
    return peer;
  }

  /** The certificate the peer presented [P2P-15], or null. */
  NodeCertificate peerCertificate() {
    return peerCertificate;
  }

  Session onConfirm(byte[] sealed) throws HandshakeException {
    FrameCipher.Frame frame;
    try {
      frame = receive.open(sealed);
    } catch (FrameException e) {
      throw new HandshakeException(HandshakeFailure.BAD_CONFIRMATION, e.getMessage());
    }
    if (frame.type() != FrameCipher.CONFIRM) {
      throw new HandshakeException(
          HandshakeFailure.MALFORMED, "frame type " + frame.type() + " before confirmation");
    }
    byte[] expected = KeySchedule.confirmMessage(!initiator, transcript);
    if (!suite.verify(peerStatic, expected, frame.body())) {
      throw new HandshakeException(
          HandshakeFailure.BAD_SIGNATURE,
          "confirmation signature of " + peerStatic + " does not verify");
    }
    return new Session(peer, send, receive, initiator);
  }

  private static List<byte[]> append(List<byte[]> before, byte[] last) {
    byte[][] all = before.toArray(new byte[before.size() + 1][]);
    all[before.size()] = last;
    return List.of(all);
  }
}
