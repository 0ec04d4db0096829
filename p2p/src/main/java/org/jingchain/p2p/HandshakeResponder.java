package org.jingchain.p2p;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.EphemeralKey;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;

/**
 * The accepting side of the handshake [P2P-2, P2P-3]: checks the INIT (version, suite, chain,
 * admitted key) before spending anything on key agreement, then answers with RESPONSE and its
 * confirmation at once. Pure logic, no I/O.
 */
final class HandshakeResponder {
  private final KeyPair identity;
  private final CryptoSuite suite;
  private final Bytes chainId;
  private final PeerAuthorizer authorizer;
  private final SecureRandom random;

  HandshakeResponder(
      KeyPair identity, String chainId, PeerAuthorizer authorizer, SecureRandom random) {
    this.identity = identity;
    this.suite = identity.suite();
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
            new HandshakeCodec.Response(suite.id(), identity.publicKey(), ephemeral.publicKey()));
    return AwaitingConfirm.agree(
        identity,
        false,
        ephemeral,
        init.staticKey(),
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
    if (init.staticKey().equals(identity.publicKey())) {
      throw new HandshakeException(
          HandshakeFailure.SELF_CONNECTION, "initiator presented this node's own key");
    }
    if (!authorizer.isAllowed(init.staticKey())) {
      throw new HandshakeException(
          HandshakeFailure.UNAUTHORIZED, init.staticKey() + " not admitted");
    }
  }
}
