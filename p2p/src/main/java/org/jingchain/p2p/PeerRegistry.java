package org.jingchain.p2p;

import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jingchain.types.PublicKey;

/**
 * The authenticated connections, at most one per peer [P2P-8], and the rule that picks it when two
 * exist: the one initiated by the side with the lower public key bytes, or, when both run the same
 * way, the newer. Connection events reach the {@link MessageHandler} under this registry's lock, so
 * for one peer they alternate connected / disconnected [P2P-9].
 *
 * <p>When a simultaneous dial is resolved, the other side may close the losing connection before
 * this side has read the winner's last handshake frame (two sockets, no order between them). So
 * when a peer's connection closes while handshakes with that peer are past their key exchange, the
 * disconnect is held back until those handshakes end: if one succeeds, the handler sees no flap.
 * Only the handshakes already running count, so the wait is bounded by the handshake timeout.
 */
final class PeerRegistry {
  private static final System.Logger LOG = System.getLogger(PeerRegistry.class.getName());

  private final PublicKey self;
  private final MessageHandler handler;
  private final Consumer<PublicKey> onPeerLost;
  private final ConcurrentHashMap<PublicKey, PeerConnection> current = new ConcurrentHashMap<>();
  private final Map<PublicKey, Set<Object>> keyed = new HashMap<>(); // guarded by this
  private final Map<PublicKey, Set<Object>> heldDisconnects = new HashMap<>(); // guarded by this
  private boolean closed; // guarded by this

  PeerRegistry(PublicKey self, MessageHandler handler, Consumer<PublicKey> onPeerLost) {
    this.self = self;
    this.handler = handler;
    this.onPeerLost = onPeerLost;
  }

  /**
   * Makes {@code c} the peer's connection, or says why it must close instead. A connection it
   * replaces is closed here as {@link DisconnectReason#DUPLICATE}.
   */
  synchronized Optional<DisconnectReason> register(PeerConnection c) {
    if (closed) {
      return Optional.of(DisconnectReason.NODE_CLOSING);
    }
    PeerConnection old = current.get(c.peer());
    if (old == null) {
      current.put(c.peer(), c);
      if (heldDisconnects.remove(c.peer()) == null) {
        notify(c.peer(), true);
      }
      return Optional.empty();
    }
    if (!keepNewer(old, c)) {
      return Optional.of(DisconnectReason.DUPLICATE);
    }
    current.put(c.peer(), c);
    old.close(DisconnectReason.DUPLICATE);
    return Optional.empty();
  }

  /** Forgets {@code c} if it is the peer's connection; the peer is then disconnected. */
  synchronized void unregister(PeerConnection c) {
    if (current.remove(c.peer(), c)) {
      Set<Object> running = keyed.getOrDefault(c.peer(), Set.of());
      if (closed || running.isEmpty()) {
        notify(c.peer(), false);
      } else {
        heldDisconnects.put(c.peer(), new HashSet<>(running));
      }
      onPeerLost.accept(c.peer());
    }
  }

  /** A handshake {@code attempt} with {@code peer} is past its key exchange. */
  synchronized void handshakeKeyed(PublicKey peer, Object attempt) {
    keyed.computeIfAbsent(peer, k -> new HashSet<>()).add(attempt);
  }

  /** The handshake {@code attempt} ended; after a success, call it after {@link #register}. */
  synchronized void handshakeEnded(PublicKey peer, Object attempt) {
    Set<Object> running = keyed.get(peer);
    if (running != null && running.remove(attempt) && running.isEmpty()) {
      keyed.remove(peer);
    }
    Set<Object> awaited = heldDisconnects.get(peer);
    if (awaited != null && awaited.remove(attempt) && awaited.isEmpty()) {
      heldDisconnects.remove(peer);
      notify(peer, false); // none of them became the peer's connection
    }
  }

  /** True while {@code c} is its peer's chosen connection; frames of a loser are not delivered. */
  boolean isCurrent(PeerConnection c) {
    return current.get(c.peer()) == c;
  }

  Optional<PeerConnection> get(PublicKey peer) {
    return Optional.ofNullable(current.get(peer));
  }

  Set<PublicKey> peers() {
    return Set.copyOf(current.keySet());
  }

  Collection<PeerConnection> connections() {
    return List.copyOf(current.values());
  }

  int size() {
    return current.size();
  }

  /** Refuses further registrations; returns the connections to close. */
  synchronized Collection<PeerConnection> close() {
    closed = true;
    return connections();
  }

  /**
   * Same direction: the newer wins, since the older is likely a half-open leftover of a restart.
   * Opposite directions: both sides keep the connection initiated by the lower key, so they agree
   * without talking.
   */
  private boolean keepNewer(PeerConnection old, PeerConnection newer) {
    if (old.initiatedLocally() == newer.initiatedLocally()) {
      return true;
    }
    boolean selfIsLower =
        self.bytes().compareTo(newer.peer().bytes()) < 0; // unsigned, byte by byte
    return newer.initiatedLocally() == selfIsLower;
  }

  private void notify(PublicKey peer, boolean connected) {
    try {
      if (connected) {
        handler.onConnected(peer);
      } else {
        handler.onDisconnected(peer);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "p2p message handler failed on a connection event of " + peer, e);
    }
  }
}
