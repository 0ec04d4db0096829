package org.jingchain.p2p;

import java.util.Objects;
import org.jingchain.types.PublicKey;

/** A peer to dial: the key it must prove it holds, and where it listens. */
public record PeerAddress(PublicKey key, String host, int port) {
  public PeerAddress {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("peer host must not be blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("peer port must be 1..65535, got " + port);
    }
  }

  @Override
  public String toString() {
    return key + "@" + host + ":" + port;
  }
}
