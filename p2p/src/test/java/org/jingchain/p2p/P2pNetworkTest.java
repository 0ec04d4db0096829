package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.p2p.TestNet.addressOf;
import static org.jingchain.p2p.TestNet.config;
import static org.jingchain.p2p.TestNet.key;
import static org.jingchain.p2p.TestNet.utf8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Honest nodes on real sockets, in both suites: delivery, broadcast, duplicates, redialing. */
class P2pNetworkTest {
  private final TestNet net = new TestNet();

  @AfterEach
  void closeNodes() {
    net.close();
  }

  // [P2P-1] [P2P-3] [P2P-6]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void twoNodesExchangeMessagesInBothDirections(SuiteId suite) throws Exception {
    RecordingHandler ha = new RecordingHandler();
    RecordingHandler hb = new RecordingHandler();
    P2pNode a = net.start(config(key(suite)), ha);
    P2pNode b = net.start(config(key(suite)).withPeers(List.of(addressOf(a))), hb);

    assertThat(ha.nextConnected()).isEqualTo(b.publicKey());
    assertThat(hb.nextConnected()).isEqualTo(a.publicKey());
    assertThat(a.send(b.publicKey(), utf8("hello b"))).isTrue();
    assertThat(b.send(a.publicKey(), utf8("hello a"))).isTrue();
    assertThat(b.send(a.publicKey(), utf8("again a"))).isTrue();

    assertThat(hb.next()).isEqualTo(new RecordingHandler.Received(a.publicKey(), "hello b"));
    assertThat(ha.next()).isEqualTo(new RecordingHandler.Received(b.publicKey(), "hello a"));
    assertThat(ha.next().text()).isEqualTo("again a"); // in order on one connection
    assertThat(a.stats().framesIn()).isGreaterThanOrEqualTo(4); // handshake + data
    assertThat(b.stats().handshakesCompleted()).isEqualTo(1);
  }

  // [P2P-1] [P2P-8]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void fourNodesBroadcastToEveryone(SuiteId suite) throws Exception {
    List<P2pNode> nodes = new ArrayList<>();
    List<RecordingHandler> handlers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      List<PeerAddress> earlier = nodes.stream().map(TestNet::addressOf).toList();
      RecordingHandler h = new RecordingHandler();
      handlers.add(h);
      nodes.add(net.start(config(key(suite)).withPeers(earlier), h));
    }
    P2pNode[] all = nodes.toArray(P2pNode[]::new);
    TestNet.await(
        "a full mesh", () -> nodes.stream().allMatch(n -> n.connectedPeers().size() == 3), all);

    for (int i = 0; i < 4; i++) {
      assertThat(nodes.get(i).broadcast(utf8("from " + i))).isEqualTo(3);
    }
    for (int i = 0; i < 4; i++) {
      Set<String> got = new HashSet<>();
      for (int k = 0; k < 3; k++) {
        got.add(handlers.get(i).next().text());
      }
      Set<String> expected = new HashSet<>(Set.of("from 0", "from 1", "from 2", "from 3"));
      expected.remove("from " + i);
      assertThat(got).isEqualTo(expected);
    }
  }

  // [P2P-8] [P2P-9]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aSimultaneousDialLeavesExactlyOneConnection(SuiteId suite) throws Exception {
    RecordingHandler ha = new RecordingHandler();
    RecordingHandler hb = new RecordingHandler();
    P2pNode a = net.start(config(key(suite)), ha);
    P2pNode b = net.start(config(key(suite)), hb);

    a.dial(addressOf(b));
    b.dial(addressOf(a));
    TestNet.await(
        "both dials are through their handshakes and one connection is left",
        () ->
            a.stats().handshakesCompleted() + b.stats().handshakesCompleted() == 4
                && ended(a) + ended(b) == 2 // the loser, counted at both ends
                && a.stats().openChannels() == 1
                && b.stats().openChannels() == 1
                && a.connectedPeers().equals(Set.of(b.publicKey()))
                && b.connectedPeers().equals(Set.of(a.publicKey())),
        a,
        b);

    long duplicates =
        a.stats().disconnectsFor(DisconnectReason.DUPLICATE)
            + b.stats().disconnectsFor(DisconnectReason.DUPLICATE);
    long closedByPeer =
        a.stats().disconnectsFor(DisconnectReason.CLOSED_BY_PEER)
            + b.stats().disconnectsFor(DisconnectReason.CLOSED_BY_PEER);
    assertThat(duplicates).isGreaterThanOrEqualTo(1);
    assertThat(duplicates + closedByPeer).isEqualTo(2);
    assertThat(a.send(b.publicKey(), utf8("to b"))).isTrue();
    assertThat(b.send(a.publicKey(), utf8("to a"))).isTrue();
    assertThat(hb.next().text()).isEqualTo("to b");
    assertThat(ha.next().text()).isEqualTo("to a");
    // One onConnected each and no flap, whichever connection each side finished first.
    assertThat(ha.connected).hasSize(1);
    assertThat(hb.connected).hasSize(1);
    assertThat(ha.disconnected).isEmpty();
    assertThat(hb.disconnected).isEmpty();
  }

  private static long ended(P2pNode node) {
    return node.stats().disconnects().values().stream().mapToLong(Long::longValue).sum();
  }

  // [P2P-10]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aRestartedPeerIsRedialedAndReceivesAgain(SuiteId suite) throws Exception {
    KeyPair bKey = key(suite);
    RecordingHandler ha = new RecordingHandler();
    P2pNode b = net.start(config(bKey), new RecordingHandler());
    P2pNode a = net.start(config(key(suite)).withPeers(List.of(addressOf(b))), ha);
    assertThat(ha.nextConnected()).isEqualTo(bKey.publicKey());

    b.close();
    TestNet.await("a has lost b", () -> a.connectedPeers().isEmpty(), a);
    RecordingHandler hb2 = new RecordingHandler();
    P2pNode b2 = net.start(config(bKey).withListenAddress(b.boundAddress()), hb2);

    assertThat(ha.nextConnected()).isEqualTo(bKey.publicKey());
    assertThat(hb2.nextConnected()).isEqualTo(a.publicKey());
    assertThat(a.send(bKey.publicKey(), utf8("welcome back"))).isTrue();
    assertThat(hb2.next().text()).isEqualTo("welcome back");
    assertThat(b2.send(a.publicKey(), utf8("thanks"))).isTrue();
    assertThat(ha.next().text()).isEqualTo("thanks");
  }

  // [P2P-5]
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aPayloadOfTheLargestSizeArrivesWholeAndALargerOneIsRefused(SuiteId suite) throws Exception {
    int frameLimit = 64 * 1024;
    RecordingHandler hb = new RecordingHandler();
    P2pNode a =
        net.start(config(key(suite)).withLimits(frameLimit, 1 << 20), new RecordingHandler());
    P2pNode b =
        net.start(
            config(key(suite)).withLimits(frameLimit, 1 << 20).withPeers(List.of(addressOf(a))),
            hb);
    TestNet.await("a knows b", () -> a.connectedPeers().contains(b.publicKey()), a);
    byte[] largest = new byte[frameLimit - 17]; // type byte and GCM tag fill the rest
    Arrays.fill(largest, (byte) 'x');

    assertThat(a.send(b.publicKey(), largest)).isTrue();
    assertThat(hb.next().text()).hasSize(largest.length);
    assertThatThrownBy(() -> a.send(b.publicKey(), new byte[largest.length + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit " + largest.length);
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void sendingToAnUnknownPeerIsRefusedAndCounted(SuiteId suite) throws Exception {
    P2pNode a = net.start(config(key(suite)), new RecordingHandler());
    PublicKey stranger = key(suite).publicKey();

    assertThat(a.send(stranger, utf8("anyone?"))).isFalse();
    assertThat(a.stats().droppedNotConnected()).isEqualTo(1);
  }
}
