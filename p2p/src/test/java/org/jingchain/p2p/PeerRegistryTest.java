package org.jingchain.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;

/** Which of two connections to one peer survives, decided alike on both ends. */
class PeerRegistryTest {
  private final List<String> events = new ArrayList<>();
  private final StatsCounters stats = new StatsCounters();

  // [P2P-8]
  @Test
  void bothEndsKeepTheConnectionDialedByTheLowerKey() {
    PublicKey x = TestNet.key(SuiteId.INTL).publicKey();
    PublicKey y = TestNet.key(SuiteId.INTL).publicKey();
    PublicKey lower = x.bytes().compareTo(y.bytes()) < 0 ? x : y;
    PublicKey higher = lower.equals(x) ? y : x;
    PeerRegistry atLower = registry(lower);
    PeerRegistry atHigher = registry(higher);
    // Connection 1 is dialed by the lower key, connection 2 by the higher; each end sees both.
    PeerConnection c1AtLower = connection(higher, true);
    PeerConnection c2AtLower = connection(higher, false);
    PeerConnection c1AtHigher = connection(lower, false);
    PeerConnection c2AtHigher = connection(lower, true);

    // The two ends finish the handshakes in opposite orders.
    assertThat(atLower.register(c2AtLower)).isEmpty();
    assertThat(atLower.register(c1AtLower)).isEmpty(); // replaces c2
    assertThat(atHigher.register(c1AtHigher)).isEmpty();
    assertThat(atHigher.register(c2AtHigher)).contains(DisconnectReason.DUPLICATE);

    assertThat(atLower.isCurrent(c1AtLower)).isTrue();
    assertThat(atHigher.isCurrent(c1AtHigher)).isTrue();
    assertThat(c2AtLower.channel().isOpen()).isFalse();
    assertThat(c2AtLower.closeReason()).isEqualTo(DisconnectReason.DUPLICATE);
  }

  // [P2P-8]
  @Test
  void aNewerConnectionInTheSameDirectionReplacesTheOlder() {
    PublicKey self = TestNet.key(SuiteId.SM).publicKey();
    PublicKey peer = TestNet.key(SuiteId.SM).publicKey();
    PeerRegistry registry = registry(self);
    PeerConnection old = connection(peer, false);
    PeerConnection newer = connection(peer, false);

    registry.register(old);
    registry.register(newer);
    registry.unregister(old); // the replaced one closing later changes nothing

    assertThat(registry.isCurrent(newer)).isTrue();
    assertThat(events).containsExactly("connected " + peer);
  }

  // [P2P-8]
  @Test
  void connectionEventsAlternateAndAClosedRegistryRefuses() {
    PublicKey self = TestNet.key(SuiteId.INTL).publicKey();
    PublicKey peer = TestNet.key(SuiteId.INTL).publicKey();
    PeerRegistry registry = registry(self);
    PeerConnection c = connection(peer, true);

    registry.register(c);
    registry.unregister(c);
    registry.unregister(c);
    registry.close();

    assertThat(events).containsExactly("connected " + peer, "disconnected " + peer, "lost " + peer);
    assertThat(registry.register(connection(peer, true)))
        .isEqualTo(Optional.of(DisconnectReason.NODE_CLOSING));
  }

  // [P2P-9]
  @Test
  void aDisconnectWaitsForTheHandshakesAlreadyPastTheirKeyExchange() {
    PublicKey self = TestNet.key(SuiteId.INTL).publicKey();
    PublicKey peer = TestNet.key(SuiteId.INTL).publicKey();
    PeerRegistry registry = registry(self);
    Object winner = new Object();
    Object doomed = new Object();
    PeerConnection loser = connection(peer, true);
    registry.register(loser);

    registry.handshakeKeyed(peer, winner);
    registry.unregister(loser); // the other side closed the loser first
    registry.register(connection(peer, false));
    registry.handshakeEnded(peer, winner);
    assertThat(events).containsExactly("connected " + peer, "lost " + peer);

    PeerConnection kept = registry.get(peer).orElseThrow();
    registry.handshakeKeyed(peer, doomed);
    registry.unregister(kept);
    registry.handshakeKeyed(peer, new Object()); // a later attempt does not prolong the wait
    registry.handshakeEnded(peer, doomed);
    assertThat(events)
        .containsExactly(
            "connected " + peer, "lost " + peer, "lost " + peer, "disconnected " + peer);
  }

  private PeerRegistry registry(PublicKey self) {
    MessageHandler handler =
        new MessageHandler() {
          @Override
          public void onMessage(PublicKey from, byte[] payload) {}

          @Override
          public void onConnected(PublicKey peer) {
            events.add("connected " + peer);
          }

          @Override
          public void onDisconnected(PublicKey peer) {
            events.add("disconnected " + peer);
          }
        };
    return new PeerRegistry(self, handler, peer -> events.add("lost " + peer));
  }

  private PeerConnection connection(PublicKey peer, boolean initiatedLocally) {
    FrameCipher unused = new FrameCipher(CryptoSuites.intl().aead(), new byte[32]);
    Session session = new Session(peer, unused, unused, initiatedLocally);
    return new PeerConnection(session, new EmbeddedChannel(), 1 << 20, stats);
  }
}
