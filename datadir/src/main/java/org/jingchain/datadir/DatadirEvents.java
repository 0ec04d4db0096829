package org.jingchain.datadir;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;

/** Builds the contract's events (docs/spec/datadir.md section 8). */
final class DatadirEvents {
  private DatadirEvents() {}

  /** An event of type {@code type} with attributes given as key, value, key, value, … */
  static Event of(String type, Object... keyValues) {
    List<EventAttribute> attrs = new ArrayList<>(keyValues.length / 2);
    for (int i = 0; i < keyValues.length; i += 2) {
      attrs.add(new EventAttribute((String) keyValues[i], String.valueOf(keyValues[i + 1])));
    }
    return new Event(DatadirCalls.CONTRACT, type, attrs);
  }
}
