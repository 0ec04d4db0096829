package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.p2p.TestNet.addressOf;
import static org.jingchain.p2p.TestNet.config;
import static org.jingchain.p2p.TestNet.key;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Only admitted keys on the same chain and suite get a connection, in either direction. */
class AdmissionTest {
  private final TestNet net = new TestNet();

  @AfterEach
  void closeNodes() {
    net.close();
  }

  // [P2P-2] [P2P-12]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aDialerWithAnUnadmittedKeyIsRefused(SuiteId suite) throws Exception {
    PublicKey someoneElse = key(suite).publicKey();
    P2pNode a = net.start(config(key(suite)), someoneElse::equals, new RecordingHandler());
    P2pNode c =
        net.start(config(key(suite)).withPeers(List.of(addressOf(a))), new RecordingHandler());

    TestNet.await(
        "a refused c",
        () ->
            a.stats().failures(HandshakeFailure.UNAUTHORIZED) >= 1
                && c.stats().failures(HandshakeFailure.CONNECTION_LOST) >= 1,
        a,
        c);
    assertThat(a.connectedPeers()).isEmpty();
    assertThat(c.connectedPeers()).isEmpty();
    assertThat(a.stats().handshakesCompleted()).isZero();
  }

  // [P2P-3] [P2P-12]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aListenerWithAnUnadmittedKeyIsRefusedByTheDialer(SuiteId suite) throws Exception {
    P2pNode c = net.start(config(key(suite)), new RecordingHandler()); // admits anyone
    PublicKey someoneElse = key(suite).publicKey();
    P2pNode a =
        net.start(
            config(key(suite)).withPeers(List.of(addressOf(c))),
            someoneElse::equals,
            new RecordingHandler());

    TestNet.await(
        "a refused c's answer",
        () ->
            a.stats().failures(HandshakeFailure.UNAUTHORIZED) >= 1
                && c.stats().failures(HandshakeFailure.CONNECTION_LOST) >= 1,
        a,
        c);
    assertThat(a.connectedPeers()).isEmpty();
    assertThat(c.connectedPeers()).isEmpty();
  }

  // [P2P-2]
  @Test
  void aDialerOnAnotherChainIsRefused() throws Exception {
    P2pNode a = net.start(config(key(SuiteId.INTL)), new RecordingHandler());
    KeyPair bKey = key(SuiteId.INTL);
    P2pConfig otherChain =
        P2pConfig.defaults(bKey, "other-chain")
            .withListenAddress(config(bKey).listenAddress())
            .withPeers(List.of(addressOf(a)));
    P2pNode b = net.start(otherChain, new RecordingHandler());

    TestNet.await("a refused b", () -> a.stats().failures(HandshakeFailure.WRONG_CHAIN) >= 1, a);
    assertThat(a.connectedPeers()).isEmpty();
    assertThat(b.connectedPeers()).isEmpty();
  }

  // [P2P-2]
  @Test
  void aDialerOfTheOtherSuiteIsRefused() throws Exception {
    P2pNode intl = net.start(config(key(SuiteId.INTL)), new RecordingHandler());
    PeerAddress claimed =
        new PeerAddress(key(SuiteId.SM).publicKey(), "127.0.0.1", intl.boundAddress().getPort());
    P2pNode sm =
        net.start(config(key(SuiteId.SM)).withPeers(List.of(claimed)), new RecordingHandler());

    TestNet.await(
        "the intl node refused the sm one",
        () -> intl.stats().failures(HandshakeFailure.WRONG_SUITE) >= 1,
        intl);
    assertThat(sm.connectedPeers()).isEmpty();
  }

  // [P2P-3]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aDialerThatReachesAnotherKeyThanItMeantRefuses(SuiteId suite) throws Exception {
    P2pNode b = net.start(config(key(suite)), new RecordingHandler());
    PeerAddress wrongKey =
        new PeerAddress(key(suite).publicKey(), "127.0.0.1", addressOf(b).port());
    P2pNode a = net.start(config(key(suite)).withPeers(List.of(wrongKey)), new RecordingHandler());

    TestNet.await(
        "a refused what it reached",
        () -> a.stats().failures(HandshakeFailure.UNEXPECTED_KEY) >= 1,
        a);
    assertThat(a.connectedPeers()).isEmpty();
    assertThat(b.connectedPeers()).isEmpty();
  }

  // [P2P-12]
  @Test
  void aRevokedPeerIsDisconnectedAndCannotComeBack() throws Exception {
    Set<PublicKey> admitted = ConcurrentHashMap.newKeySet();
    KeyPair bKey = key(SuiteId.INTL);
    admitted.add(bKey.publicKey());
    RecordingHandler ha = new RecordingHandler();
    P2pNode a = net.start(config(key(SuiteId.INTL)), admitted::contains, ha);
    P2pNode b = net.start(config(bKey).withPeers(List.of(addressOf(a))), new RecordingHandler());
    assertThat(ha.nextConnected()).isEqualTo(bKey.publicKey());

    admitted.remove(bKey.publicKey());
    a.revalidatePeers();

    TestNet.await(
        "b was revoked and refused on its redial",
        () ->
            a.stats().disconnectsFor(DisconnectReason.REVOKED) == 1
                && a.stats().failures(HandshakeFailure.UNAUTHORIZED) >= 1,
        a,
        b);
    assertThat(a.connectedPeers()).isEmpty();
  }
}
