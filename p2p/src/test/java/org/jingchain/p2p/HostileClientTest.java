package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.p2p.TestNet.addressOf;
import static org.jingchain.p2p.TestNet.config;
import static org.jingchain.p2p.TestNet.key;
import static org.jingchain.p2p.TestNet.utf8;

import java.io.EOFException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plain-socket clients that send garbage, huge length prefixes, oversized or undecryptable frames
 * are cut off, while two honest nodes beside them keep talking [P2P-11].
 */
class HostileClientTest {
  private static final int FRAME_LIMIT = 64 * 1024;

  private final TestNet net = new TestNet();
  private final RecordingHandler ha = new RecordingHandler();
  private final RecordingHandler hb = new RecordingHandler();
  private P2pNode a;
  private P2pNode b;

  @BeforeEach
  void startHonestPair() throws Exception {
    a = net.start(config(key(SuiteId.INTL)).withLimits(FRAME_LIMIT, 1 << 20), ha);
    b =
        net.start(
            config(key(SuiteId.INTL))
                .withLimits(FRAME_LIMIT, 1 << 20)
                .withPeers(List.of(addressOf(a))),
            hb);
    TestNet.await("a and b are connected", () -> a.connectedPeers().contains(b.publicKey()), a);
    hb.nextConnected();
  }

  @AfterEach
  void honestNodesStillTalkAndCloseNodes() throws Exception {
    try {
      assertThat(a.send(b.publicKey(), utf8("still here"))).isTrue();
      assertThat(hb.next().text()).isEqualTo("still here");
      assertThat(b.send(a.publicKey(), utf8("me too"))).isTrue();
      assertThat(ha.next().text()).isEqualTo("me too");
      assertThat(ha.disconnected).isEmpty();
      assertThat(hb.disconnected).isEmpty();
    } finally {
      net.close();
    }
  }

  /** Waits for the count (the socket's end gives no memory ordering), then checks it is one. */
  private static void assertRefusedOnce(P2pNode node, HandshakeFailure reason)
      throws InterruptedException {
    TestNet.await("a " + reason + " refusal", () -> node.stats().failures(reason) >= 1, node);
    assertThat(node.stats().failures(reason)).isEqualTo(1);
  }

  // [P2P-4]
  @Test
  void anHttpRequestIsCutOffAsAnOversizedFrame() throws Exception {
    java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    a.securityLog().listen((component, event) -> events.add(component + "/" + event));
    try (RawPeer raw = new RawPeer(a.boundAddress())) {
      raw.writeRaw("GET / HTTP/1.1\r\nHost: jing\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(raw.closedByPeer()).isTrue();
    }
    assertRefusedOnce(a, HandshakeFailure.OVERSIZED_FRAME);
    // a security event too (docs/security.md, "Security log")
    assertThat(events).containsExactly("p2p/OVERSIZED_FRAME");
  }

  // [P2P-4] [P2P-5]
  @Test
  void aTwoGibibyteLengthPrefixIsRefusedBeforeAnythingIsBuffered() throws Exception {
    try (RawPeer raw = new RawPeer(a.boundAddress())) {
      raw.writeRaw(new byte[] {(byte) 0x80, 0, 0, 0, 1, 2, 3});
      assertThat(raw.closedByPeer()).isTrue();
    }
    assertRefusedOnce(a, HandshakeFailure.OVERSIZED_FRAME);
  }

  // [P2P-5]
  @Test
  void aHandshakeFrameAboveTheHandshakeLimitIsRefused() throws Exception {
    try (RawPeer raw = new RawPeer(a.boundAddress())) {
      raw.writeFrame(new byte[HandshakeCodec.MAX_HANDSHAKE_FRAME_BYTES + 1]);
      assertThat(raw.closedByPeer()).isTrue();
    }
    assertRefusedOnce(a, HandshakeFailure.OVERSIZED_FRAME);
  }

  // [P2P-2]
  @Test
  void randomBytesInAFrameAreRefusedAsAnUnknownVersion() throws Exception {
    byte[] garbage = new byte[40];
    Arrays.fill(garbage, (byte) 0xab);
    try (RawPeer raw = new RawPeer(a.boundAddress())) {
      raw.writeFrame(garbage);
      assertThat(raw.closedByPeer()).isTrue();
    }
    assertRefusedOnce(a, HandshakeFailure.UNSUPPORTED_VERSION);
  }

  // [P2P-2]
  @Test
  void aWellFormedButTruncatedHelloIsRefusedAsMalformed() throws Exception {
    try (RawPeer raw = new RawPeer(a.boundAddress())) {
      raw.writeFrame(new byte[] {1, 1, 1, 4, 't', 'e', 's', 't'});
      assertThat(raw.closedByPeer()).isTrue();
    }
    assertRefusedOnce(a, HandshakeFailure.MALFORMED);
  }

  // [P2P-5]
  @Test
  void aSilentClientIsCutOffAtTheHandshakeTimeout() throws Exception {
    P2pNode impatient =
        net.start(
            config(key(SuiteId.INTL)).withHandshakeTimeout(Duration.ofMillis(200)),
            new RecordingHandler());
    try (RawPeer raw = new RawPeer(impatient.boundAddress())) {
      assertThat(raw.closedByPeer()).isTrue();
    }
    assertRefusedOnce(impatient, HandshakeFailure.TIMEOUT);
  }

  // [P2P-5]
  @Test
  void connectionsBeyondThePendingHandshakeLimitAreRefused() throws Exception {
    P2pNode guarded =
        net.start(config(key(SuiteId.INTL)).withMaxPendingHandshakes(1), new RecordingHandler());
    try (RawPeer first = new RawPeer(guarded.boundAddress())) {
      TestNet.await("the first is pending", () -> guarded.stats().pendingInbound() == 1, guarded);
      try (RawPeer second = new RawPeer(guarded.boundAddress())) {
        assertThat(second.closedByPeer()).isTrue();
      }
      assertRefusedOnce(guarded, HandshakeFailure.TOO_MANY_PENDING);
      KeyPair firstKey = key(SuiteId.INTL);
      first.handshake(firstKey, TestNet.CHAIN, guarded.publicKey()); // the first still gets in
      TestNet.await(
          "the first is connected",
          () -> guarded.connectedPeers().contains(firstKey.publicKey()),
          guarded);
    }
  }

  // [P2P-5] connections from addresses that are no configured peer's hold at most half the pending
  // slots: a flood from elsewhere that never handshakes leaves a configured peer its way in
  @Test
  void aFloodFromOtherAddressesLeavesAConfiguredPeerItsSlot() throws Exception {
    KeyPair peerKey = key(SuiteId.INTL);
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort(); // the guarded node dials it in vain; only its host matters
    }
    P2pNode guarded =
        net.start(
            config(key(SuiteId.INTL))
                .withMaxPendingHandshakes(8)
                .withPeers(List.of(new PeerAddress(peerKey.publicKey(), "127.0.0.1", closedPort))),
            new RecordingHandler());
    List<RawPeer> flood = new java.util.ArrayList<>();
    try {
      for (int i = 2; i < 10; i++) {
        flood.add(
            new RawPeer(guarded.boundAddress(), java.net.InetAddress.getByName("127.0.0." + i)));
      }
      TestNet.await(
          "the flood is accepted or refused",
          () ->
              guarded.stats().pendingInbound() == 4
                  && guarded.stats().failures(HandshakeFailure.TOO_MANY_PENDING) == 4,
          guarded);
      // two more from one flooding address: it holds its one slot already
      try (RawPeer again =
          new RawPeer(guarded.boundAddress(), java.net.InetAddress.getByName("127.0.0.2"))) {
        assertThat(again.closedByPeer()).isTrue();
      }
      try (RawPeer known = new RawPeer(guarded.boundAddress())) {
        known.handshake(peerKey, TestNet.CHAIN, guarded.publicKey());
        TestNet.await(
            "the configured peer is connected",
            () -> guarded.connectedPeers().contains(peerKey.publicKey()),
            guarded);
      }
    } finally {
      for (RawPeer p : flood) {
        p.close();
      }
    }
  }

  // [P2P-5] [P2P-11]
  @Test
  void anAuthenticatedPeerSendingAFrameAboveTheLimitIsDisconnected() throws Exception {
    KeyPair rawKey = key(SuiteId.INTL);
    try (RawPeer raw = new RawPeer(a.boundAddress())) {
      raw.handshake(rawKey, TestNet.CHAIN, a.publicKey());
      TestNet.await("a admitted the raw peer", () -> a.connectedPeers().size() == 2, a);
      raw.writeRaw(new byte[] {0, 1, 0, 1}); // 65,537 > 64 KiB, and no body follows
      assertThat(raw.closedByPeer()).isTrue();
    }
    TestNet.await(
        "a counted the oversized frame",
        () -> a.stats().disconnectsFor(DisconnectReason.FRAME_TOO_LARGE) == 1,
        a);
    assertThat(a.connectedPeers()).containsExactly(b.publicKey());
    ha.disconnected.clear(); // the raw peer's, checked above
  }

  // [P2P-14]
  @Test
  void anAuthenticatedPeerThatFallsSilentIsPingedThenDropped() throws Exception {
    P2pNode strict =
        net.start(
            config(key(SuiteId.INTL)).withKeepAlive(Duration.ofMillis(50), Duration.ofMillis(300)),
            new RecordingHandler());
    int pings = 0;
    try (RawPeer raw = new RawPeer(strict.boundAddress())) {
      Session session = raw.handshake(key(SuiteId.INTL), TestNet.CHAIN, strict.publicKey());
      try {
        while (true) {
          assertThat(session.receiveCipher().open(raw.readFrame()).type())
              .isEqualTo(FrameCipher.PING);
          pings++;
        }
      } catch (EOFException | SocketException closed) {
        // the node gave up on us
      }
    }
    assertThat(pings).isGreaterThanOrEqualTo(1);
    TestNet.await(
        "the idle peer was dropped",
        () -> strict.stats().disconnectsFor(DisconnectReason.IDLE_TIMEOUT) == 1,
        strict);
  }

  // [P2P-6] [P2P-11]
  @Test
  void anAuthenticatedPeerSendingAnUndecryptableFrameIsDisconnected() throws Exception {
    KeyPair rawKey = key(SuiteId.INTL);
    try (RawPeer raw = new RawPeer(a.boundAddress())) {
      Session session = raw.handshake(rawKey, TestNet.CHAIN, a.publicKey());
      byte[] good = session.sendCipher().seal(FrameCipher.DATA, utf8("one good frame"));
      raw.writeFrame(good);
      assertThat(ha.next())
          .isEqualTo(new RecordingHandler.Received(rawKey.publicKey(), "one good frame"));
      raw.writeFrame(good); // a replay: the nonce has moved on
      assertThat(raw.closedByPeer()).isTrue();
    }
    TestNet.await(
        "a counted the undecryptable frame",
        () -> a.stats().disconnectsFor(DisconnectReason.UNDECRYPTABLE) == 1,
        a);
    ha.connected.clear();
    ha.disconnected.clear();
  }
}
