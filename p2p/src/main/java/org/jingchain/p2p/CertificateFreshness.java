package org.jingchain.p2p;

import java.util.concurrent.ConcurrentHashMap;
import org.jingchain.types.PublicKey;

/**
 * The newest node certificate this node has seen from each admitted node key [P2P-15]: a
 * certificate older than that is refused, so the transport key of a node's earlier start stops
 * working once its newer certificate has been seen. Only keys the authorizer admitted are kept.
 */
final class CertificateFreshness {
  private final ConcurrentHashMap<PublicKey, Long> newest = new ConcurrentHashMap<>();

  /**
   * Records {@code c} (its signature checked already) and says whether it is at least as new as
   * every certificate seen from its node.
   */
  boolean admit(NodeCertificate c) {
    long seen = newest.merge(c.node(), c.issuedAtMillis(), Math::max);
    return c.issuedAtMillis() >= seen;
  }
}
