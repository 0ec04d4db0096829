package org.jingchain.privacy;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;

/** Builds the events of the privacy contracts: a type and its attributes as key, value pairs. */
final class Events {
  private Events() {}

  static Event of(String contract, String type, String... kv) {
    List<EventAttribute> attrs = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      attrs.add(new EventAttribute(kv[i], kv[i + 1]));
    }
    return new Event(contract, type, attrs);
  }
}
