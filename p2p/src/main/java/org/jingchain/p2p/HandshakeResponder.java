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
 * The accepting side of the handshake [P2P-2, P2P-3]: checks the INIT (version, suite, chain,
 * admitted key) before spending anything on key agreement, then answers with RESPONSE and its
 * confirmation at once. Pure logic, no I/O.
 */
final class HandshakeResponder {
  private final KeyPair identity;
  private final NodeCertificate certificate;
  private final CryptoSuite suite;
  private final String chainIdText;
  private final Bytes chainId;
  private final PeerAuthorizer authorizer;
  private final SecureRandom random;

  /**
   * @param certificate null when {@code identity} is the node's own key; else the node key's
   *     certificate for it [P2P-15]
   */
  HandshakeResponder(
      KeyPair identity,
      NodeCertificate certificate,
      String chainId,
      PeerAuthorizer authorizer,
      SecureRandom random) {
    this.identity = identity;
    this.certificate = certificate;
    this.suite = identity.suite();
    this.chainIdText = chainId;
    this.chainId = Bytes.wrap(chainId.getBytes(StandardCharsets.UTF_8));
    this.authorizer = authorizer;
    this.random = random;
  }

  /** Checks INIT and derives the keys; the result holds RESPONSE and this side's confirmation. */
  AwaitingConfirm onHello(byte[] message) throws HandshakeException {
    HandshakeCodec.Init init = HandshakeCodec.decodeInit(message);
    check(init);
    EphemeralKey ephemeral = suite.keyAgreement().generateEphemeral(random);
    byte[] response =
        HandshakeCodec.encode(
            new HandshakeCodec.Response(
                suite.id(), identity.publicKey(), ephemeral.publicKey(), certificate));
    return AwaitingConfirm.agree(
        identity,
        false,
        ephemeral,
        init.identity(),
        init.staticKey(),
        init.certificate(),
        init.ephemeralKey(),
        message,
        response,
        List.of(response));
  }

  private void check(HandshakeCodec.Init init) throws HandshakeException {
    if (init.suite() != suite.id()) {
      throw new HandshakeException(
          HandshakeFailure.WRONG_SUITE,
          "initiator uses " + init.suite() + ", this node " + suite.id());
    }
    if (!init.chainId().equals(chainId)) {
      throw new HandshakeException(
          HandshakeFailure.WRONG_CHAIN,
          "initiator is on chain '"
              + new String(init.chainId().unsafeArray(), StandardCharsets.UTF_8)
              + "'");
    }
    checkCertificate(suite, chainIdText, init.certificate(), init.staticKey());
    PublicKey self = certificate == null ? identity.publicKey() : certificate.node();
    if (init.identity().equals(self) || init.staticKey().equals(identity.publicKey())) {
      throw new HandshakeException(
          HandshakeFailure.SELF_CONNECTION, "initiator presented this node's own key");
    }
    if (!authorizer.isAllowed(init.identity())) {
      throw new HandshakeException(
          HandshakeFailure.UNAUTHORIZED, init.identity() + " not admitted");
    }
  }

  /** A certificate, when present, must be its node key's signature over this static key. */
  static void checkCertificate(
      CryptoSuite suite, String chainId, NodeCertificate certificate, PublicKey staticKey)
      throws HandshakeException {
    if (certificate != null && !certificate.certifies(suite, chainId, staticKey)) {
      throw new HandshakeException(
          HandshakeFailure.BAD_CERTIFICATE,
          "certificate of " + certificate.node() + " does not certify " + staticKey);
    }
  }
}
