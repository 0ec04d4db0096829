package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.p2p.TestNet.addressOf;
import static org.jingchain.p2p.TestNet.config;
import static org.jingchain.p2p.TestNet.key;
import static org.jingchain.p2p.TestNet.utf8;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Node certificates [P2P-15]: a node whose key only signs (in a PKCS#11 token) takes part through a
 * transport key its node key certified; peers admit, dial and tag it by the node key, and a
 * certificate that does not bind the transport key to the node key is refused.
 */
class NodeCertificateTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String CHAIN = "cert-chain";
  private final TestNet net = new TestNet();

  @AfterEach
  void closeNodes() {
    net.close();
  }

  static NodeCertificate certify(KeyPair node, String chain, KeyPair transport) {
    return certify(node, chain, transport, 1_000);
  }

  static NodeCertificate certify(KeyPair node, String chain, KeyPair transport, long issued) {
    return new NodeCertificate(
        node.publicKey(),
        issued,
        Bytes.wrap(node.sign(NodeCertificate.signingBytes(chain, transport.publicKey(), issued))));
  }

  // [P2P-15]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void certifiedSidesAreAuthenticatedAndAdmittedByTheirNodeKeys(SuiteId suite) throws Exception {
    KeyPair iNode = key(suite);
    KeyPair iTransport = key(suite);
    KeyPair rNode = key(suite);
    KeyPair rTransport = key(suite);
    Set<PublicKey> asked = ConcurrentHashMap.newKeySet();
    PeerAuthorizer nodesOnly =
        k -> {
          asked.add(k);
          return k.equals(iNode.publicKey()) || k.equals(rNode.publicKey());
        };
    HandshakeInitiator initiator =
        new HandshakeInitiator(
            iTransport,
            certify(iNode, CHAIN, iTransport),
            CHAIN,
            rNode.publicKey(),
            nodesOnly,
            RANDOM);
    HandshakeResponder responder =
        new HandshakeResponder(
            rTransport, certify(rNode, CHAIN, rTransport), CHAIN, nodesOnly, RANDOM);

    AwaitingConfirm rSide = responder.onHello(initiator.hello());
    AwaitingConfirm iSide = initiator.onResponse(rSide.toSend().get(0));
    Session iSession = iSide.onConfirm(rSide.toSend().get(1));
    Session rSession = rSide.onConfirm(iSide.toSend().get(0));

    assertThat(iSession.peer()).isEqualTo(rNode.publicKey());
    assertThat(rSession.peer()).isEqualTo(iNode.publicKey());
    assertThat(asked).containsExactlyInAnyOrder(iNode.publicKey(), rNode.publicKey());
    byte[] toR = iSession.sendCipher().seal(FrameCipher.DATA, new byte[] {7});
    assertThat(rSession.receiveCipher().open(toR).body()).containsExactly(7);
  }

  // [P2P-15]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aCertificateThatDoesNotBindTheTransportKeyIsRefusedByBothRoles(SuiteId suite)
      throws Exception {
    KeyPair node = key(suite);
    KeyPair transport = key(suite);
    KeyPair other = key(suite);
    List<NodeCertificate> forged =
        List.of(
            certify(node, "another-chain", transport), // for another chain
            certify(node, CHAIN, other), // for another transport key
            new NodeCertificate(
                node.publicKey(),
                1_000,
                certify(other, CHAIN, transport).signature()), // not node's
            new NodeCertificate(
                node.publicKey(), 2_000, certify(node, CHAIN, transport).signature())); // re-dated
    KeyPair r = key(suite);
    for (NodeCertificate cert : forged) {
      HandshakeInitiator lying =
          new HandshakeInitiator(transport, cert, CHAIN, r.publicKey(), k -> true, RANDOM);
      assertRefused(
          HandshakeFailure.BAD_CERTIFICATE,
          () -> new HandshakeResponder(r, null, CHAIN, k -> true, RANDOM).onHello(lying.hello()));

      KeyPair i = key(suite);
      HandshakeInitiator dialer =
          new HandshakeInitiator(i, null, CHAIN, node.publicKey(), k -> true, RANDOM);
      byte[] response =
          new HandshakeResponder(transport, cert, CHAIN, k -> true, RANDOM)
              .onHello(dialer.hello())
              .toSend()
              .get(0);
      assertRefused(HandshakeFailure.BAD_CERTIFICATE, () -> dialer.onResponse(response));
    }
  }

  // [P2P-15] [P2P-2] [P2P-3]
  @Test
  void identityChecksApplyToTheCertifiedKey() throws Exception {
    KeyPair node = key(SuiteId.INTL);
    KeyPair transport = key(SuiteId.INTL);
    NodeCertificate cert = certify(node, CHAIN, transport);
    KeyPair r = key(SuiteId.INTL);

    // A peer that presents this node's own identity through a certificate is this node.
    HandshakeResponder self = new HandshakeResponder(transport, cert, CHAIN, k -> true, RANDOM);
    HandshakeInitiator mirror =
        new HandshakeInitiator(key(SuiteId.INTL), cert, CHAIN, r.publicKey(), k -> true, RANDOM);
    // (the certificate does not certify the mirror's transport key: refused before identity)
    assertRefused(HandshakeFailure.BAD_CERTIFICATE, () -> self.onHello(mirror.hello()));
    HandshakeInitiator twin =
        new HandshakeInitiator(transport, cert, CHAIN, r.publicKey(), k -> true, RANDOM);
    assertRefused(HandshakeFailure.SELF_CONNECTION, () -> self.onHello(twin.hello()));

    // The authorizer is asked about the node key, not the transport key.
    HandshakeResponder transportOnly =
        new HandshakeResponder(r, null, CHAIN, transport.publicKey()::equals, RANDOM);
    assertRefused(HandshakeFailure.UNAUTHORIZED, () -> transportOnly.onHello(twin.hello()));

    // Dialing the node key and reaching an uncertified transport key is not reaching the node.
    HandshakeInitiator dialer =
        new HandshakeInitiator(r, null, CHAIN, node.publicKey(), k -> true, RANDOM);
    byte[] uncertified =
        new HandshakeResponder(transport, null, CHAIN, k -> true, RANDOM)
            .onHello(dialer.hello())
            .toSend()
            .get(0);
    assertRefused(HandshakeFailure.UNEXPECTED_KEY, () -> dialer.onResponse(uncertified));
  }

  // [P2P-15] [P2P-2] [P2P-5]
  @Test
  void theCertificateDecodesStrictlyAndTheLargestCertifiedHelloFits() throws Exception {
    KeyPair node = key(SuiteId.SM);
    KeyPair transport = key(SuiteId.SM);
    String chain = "c".repeat(64);
    byte[] hello =
        new HandshakeInitiator(
                transport,
                certify(node, chain, transport),
                chain,
                key(SuiteId.SM).publicKey(),
                k -> true,
                RANDOM)
            .hello();
    assertThat(hello).hasSize(4 + 64 + 33 + 33 + 1 + 33 + 8 + 64);
    assertThat(hello.length).isLessThanOrEqualTo(HandshakeCodec.MAX_HANDSHAKE_FRAME_BYTES);
    HandshakeCodec.Init init = HandshakeCodec.decodeInit(hello);
    assertThat(init.identity()).isEqualTo(node.publicKey());
    assertThat(init.staticKey()).isEqualTo(transport.publicKey());
    assertThat(HandshakeCodec.encode(init)).isEqualTo(hello);

    int certAt = 4 + 64 + 33 + 33;
    byte[] badMarker = hello.clone();
    badMarker[certAt] = 2;
    assertRefused(HandshakeFailure.MALFORMED, () -> HandshakeCodec.decodeInit(badMarker));
    assertRefused(
        HandshakeFailure.MALFORMED,
        () -> HandshakeCodec.decodeInit(Arrays.copyOf(hello, hello.length - 1)));
    assertRefused(
        HandshakeFailure.MALFORMED,
        () -> HandshakeCodec.decodeInit(Arrays.copyOf(hello, hello.length + 1)));
    assertRefused(
        HandshakeFailure.MALFORMED,
        () -> HandshakeCodec.decodeInit(Arrays.copyOf(hello, certAt + 1)));
  }

  // [P2P-15]
  @Test
  void aConfigRefusesACertificateForAnotherTransportKey() {
    KeyPair node = key(SuiteId.INTL);
    KeyPair transport = key(SuiteId.INTL);
    assertThatThrownBy(
            () ->
                config(transport)
                    .withTransport(transport, certify(node, TestNet.CHAIN, key(SuiteId.INTL))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not certify");
  }

  // [P2P-15] [P2P-1] over real sockets
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aCertifiedNodeIsDialedAndTaggedByItsNodeKey(SuiteId suite) throws Exception {
    KeyPair node = key(suite);
    KeyPair transport = key(suite);
    RecordingHandler atCertified = new RecordingHandler();
    P2pNode certified =
        net.start(
            config(transport).withTransport(transport, certify(node, TestNet.CHAIN, transport)),
            atCertified);
    assertThat(certified.publicKey()).isEqualTo(node.publicKey());
    KeyPair plainKey = key(suite);
    RecordingHandler atPlain = new RecordingHandler();
    PublicKey nodeKey = node.publicKey();
    P2pNode plain =
        net.start(
            config(plainKey).withPeers(List.of(addressOf(certified))),
            nodeKey::equals, // admits the node key only: the transport key alone would be refused
            atPlain);

    TestNet.await(
        "both connected",
        () -> plain.connectedPeers().size() == 1 && certified.connectedPeers().size() == 1,
        plain,
        certified);
    assertThat(plain.connectedPeers()).containsExactly(nodeKey);
    assertThat(plain.send(nodeKey, utf8("to the token's node"))).isTrue();
    assertThat(atCertified.next())
        .isEqualTo(new RecordingHandler.Received(plainKey.publicKey(), "to the token's node"));
    assertThat(certified.send(plainKey.publicKey(), utf8("signed elsewhere"))).isTrue();
    assertThat(atPlain.next())
        .isEqualTo(new RecordingHandler.Received(nodeKey, "signed elsewhere"));
  }

  // [P2P-15] [P2P-3] the certificate is part of the transcript both sides sign: a relay that
  // strips it (or swaps in another) leaves the two sides with different keys
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aRelayThatStripsACertificateBreaksTheHandshake(SuiteId suite) throws Exception {
    KeyPair node = key(suite);
    KeyPair transport = key(suite);
    KeyPair r = key(suite);
    HandshakeInitiator initiator =
        new HandshakeInitiator(
            transport, certify(node, CHAIN, transport), CHAIN, r.publicKey(), k -> true, RANDOM);
    byte[] hello = initiator.hello();
    byte[] stripped =
        Arrays.copyOf(hello, hello.length - (1 + transport.publicKey().bytes().length() + 8 + 64));
    assertThat(HandshakeCodec.decodeInit(stripped).certificate()).isNull();

    AwaitingConfirm rSide =
        new HandshakeResponder(r, null, CHAIN, k -> true, RANDOM).onHello(stripped);
    AwaitingConfirm iSide = initiator.onResponse(rSide.toSend().get(0));
    assertRefused(HandshakeFailure.BAD_CONFIRMATION, () -> iSide.onConfirm(rSide.toSend().get(1)));
    assertRefused(HandshakeFailure.BAD_CONFIRMATION, () -> rSide.onConfirm(iSide.toSend().get(0)));
  }

  // [P2P-15] a transport key of an earlier start stops working once a newer one has been seen
  @Test
  void aCertificateOlderThanOneSeenFromTheSameNodeIsRefused() throws Exception {
    KeyPair node = key(SuiteId.INTL);
    PublicKey nodeKey = node.publicKey();
    P2pNode listener =
        net.start(config(key(SuiteId.INTL)), nodeKey::equals, new RecordingHandler());
    KeyPair today = key(SuiteId.INTL);
    P2pNode current =
        net.start(
            config(today)
                .withTransport(today, certify(node, TestNet.CHAIN, today, 2_000))
                .withPeers(List.of(addressOf(listener))),
            k -> true,
            new RecordingHandler());
    TestNet.await(
        "the current start connected", () -> listener.connectedPeers().size() == 1, listener);

    KeyPair leaked = key(SuiteId.INTL); // the transport key of an earlier start, read from memory
    P2pNode replay =
        net.start(
            config(leaked)
                .withTransport(leaked, certify(node, TestNet.CHAIN, leaked, 1_000))
                .withPeers(List.of(addressOf(listener))),
            k -> true,
            new RecordingHandler());
    TestNet.await(
        "the replay refused",
        () -> listener.stats().failures(HandshakeFailure.STALE_CERTIFICATE) >= 1,
        listener,
        replay);
    assertThat(listener.connectedPeers()).containsExactly(nodeKey);
    assertThat(current.connectedPeers()).hasSize(1); // the real node keeps its connection
  }

  private static void assertRefused(HandshakeFailure reason, Executable step) {
    assertThatThrownBy(step::execute)
        .isInstanceOf(HandshakeException.class)
        .extracting(e -> ((HandshakeException) e).reason())
        .isEqualTo(reason);
  }
}
