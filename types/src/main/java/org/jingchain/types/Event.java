package org.jingchain.types;

import java.util.List;
import java.util.Optional;

/**
 * An event emitted by a contract, in its wire form; contracts define typed views over it (for
 * example the asset contract's {@code AssetEvent}).
 */
public record Event(String contract, String type, List<EventAttribute> attributes) {
  public Event {
    attributes = List.copyOf(attributes);
  }

  public Optional<String> attribute(String key) {
    return attributes.stream()
        .filter(a -> a.key().equals(key))
        .map(EventAttribute::value)
        .findFirst();
  }
}
