package org.jingchain.types;

import java.util.Objects;

/** One named value of an event. */
public record EventAttribute(String key, String value) {
  public EventAttribute {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
