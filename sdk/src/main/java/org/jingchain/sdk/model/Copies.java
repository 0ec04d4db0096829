package org.jingchain.sdk.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies for the records' compact constructors: unlike {@code List.copyOf}, they keep
 * the node's order, its nulls, and a null for an absent field (so a record writes back what it
 * read).
 */
final class Copies {
  private Copies() {}

  static <T> List<T> list(List<T> l) {
    return l == null ? null : Collections.unmodifiableList(new ArrayList<>(l));
  }

  static <K, V> Map<K, V> map(Map<K, V> m) {
    return m == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
