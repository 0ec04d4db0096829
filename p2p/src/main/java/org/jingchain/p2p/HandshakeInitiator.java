package org.jingchain.p2p;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.EphemeralKey;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;

/**
 * The dialing side of the handshake [P2P-2, P2P-3]: sends INIT, checks that the RESPONSE comes from
 * the key it meant to reach and that the key is admitted, then derives the keys. Pure logic, no
 * I/O, so it runs the same over Netty and in tests over a plain socket.
 */
final class HandshakeInitiator {
  private final KeyPair identity;
  private final CryptoSuite suite;
  private final String chainId;
  private final PublicKey expectedPeer;
  private final PeerAuthorizer authorizer;
  private final EphemeralKey ephemeral;
  private final byte[] hello;

  /**
   * @param certificate null when {@code identity} is the node's own key; else the node key's
   *     certificate for it [P2P-15]
   */
  HandshakeInitiator(
      KeyPair identity,
      NodeCertificate certificate,
      String chainId,
      PublicKey expectedPeer,
      PeerAuthorizer authorizer,
      SecureRandom random) {
    this.identity = identity;
    this.suite = identity.suite();
    this.chainId = chainId;
    this.expectedPeer = expectedPeer;
    this.authorizer = authorizer;
    this.ephemeral = suite.keyAgreement().generateEphemeral(random);
    this.hello =
        HandshakeCodec.encode(
            new HandshakeCodec.Init(
                suite.id(),
                Bytes.wrap(chainId.getBytes(StandardCharsets.UTF_8)),
                identity.publicKey(),
                ephemeral.publicKey(),
                certificate));
  }

  /** The INIT message, to send first. */
  byte[] hello() {
    return hello.clone();
  }

  /** Checks the RESPONSE and derives the keys; the result holds this side's confirmation. */
  AwaitingConfirm onResponse(byte[] message) throws HandshakeException {
    HandshakeCodec.Response r = HandshakeCodec.decodeResponse(message);
    if (r.suite() != suite.id()) {
      throw new HandshakeException(
          HandshakeFailure.WRONG_SUITE,
          "responder uses " + r.suite() + ", this node " + suite.id());
    }
    HandshakeResponder.checkCertificate(suite, chainId, r.certificate(), r.staticKey());
    PublicKey peer = r.identity();
    if (!peer.equals(expectedPeer)) {
      throw new HandshakeException(
          HandshakeFailure.UNEXPECTED_KEY, "dialed " + expectedPeer + " but reached " + peer);
    }
    if (!authorizer.isAllowed(peer)) {
      throw new HandshakeException(HandshakeFailure.UNAUTHORIZED, peer + " not admitted");
    }
    return AwaitingConfirm.agree(
        identity,
        true,
        ephemeral,
        peer,
        r.staticKey(),
        r.certificate(),
        r.ephemeralKey(),
        hello,
        message,
        List.of());
  }
}
