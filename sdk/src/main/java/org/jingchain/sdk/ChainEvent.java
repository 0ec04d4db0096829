package org.jingchain.sdk;

import java.util.Map;

/** One event of a committed transaction's receipt, with where it happened. */
public record ChainEvent(
    long height, String txHash, String contract, String type, Map<String, String> attributes) {
  public ChainEvent {
    attributes = Map.copyOf(attributes);
  }
}
