package org.jingchain.datadir;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;

/**
 * Lists in state, which can only be read by exact key: key {@code K} holds the count (u64) and
 * {@code K/<seq>} item {@code seq}, numbered from 0, {@code <seq>} as 16 lowercase hex digits.
 */
final class StateLists {
  private StateLists() {}

  /** A number as 16 lowercase hex digits, so key order is numeric order. */
  static String seq(long n) {
    return HexFormat.of().toHexDigits(n);
  }

  static String itemKey(String list, long index) {
    return list + "/" + seq(index);
  }

  static long count(StateReader s, String list) {
    return s.get(WriteSet.key(list)).map(DatadirCodec::u64).orElse(0L);
  }

  static Optional<Bytes> item(StateReader s, String list, long index) {
    return s.get(WriteSet.key(itemKey(list, index)));
  }

  /** Appends {@code value} and returns its index. */
  static long append(WriteSet s, String list, Bytes value) {
    long n = count(s, list);
    s.put(itemKey(list, n), value);
    s.put(list, DatadirCodec.u64(n + 1));
    return n;
  }

  static void set(WriteSet s, String list, long index, Bytes value) {
    s.put(itemKey(list, index), value);
  }

  /** Removes the last item. */
  static void removeLast(WriteSet s, String list) {
    long n = count(s, list);
    s.delete(WriteSet.key(itemKey(list, n - 1)));
    if (n == 1) {
      s.delete(WriteSet.key(list));
    } else {
      s.put(list, DatadirCodec.u64(n - 1));
    }
  }

  static Bytes text(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  static String text(Bytes b) {
    return new String(b.unsafeArray(), StandardCharsets.UTF_8);
  }
}
