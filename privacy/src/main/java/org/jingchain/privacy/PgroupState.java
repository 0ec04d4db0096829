package org.jingchain.privacy;

import java.util.Optional;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/** Where the private-group service keeps its state ({@code pg/}), and the reads over it. */
public final class PgroupState {
  private PgroupState() {}

  static String groupKey(String id) {
    return "pg/group/" + id;
  }

  static String countKey(String id) {
    return "pg/count/" + id;
  }

  static String recordKey(String id, long seq) {
    return "pg/rec/" + id + "/" + seq;
  }

  static String hashKey(String id, Hash h) {
    return "pg/hash/" + id + "/" + h.toHex();
  }

  public static Optional<PgroupDef> group(StateReader s, String id) {
    return s.get(WriteSet.key(groupKey(id))).map(b -> PgroupDef.decode(b.unsafeArray()));
  }

  public static long count(StateReader s, String id) {
    return s.get(WriteSet.key(countKey(id)))
        .map(b -> new Decoder(b.unsafeArray()).u64("count"))
        .orElse(0L);
  }

  public static Optional<PgroupRecord> record(StateReader s, String id, long seq) {
    return s.get(WriteSet.key(recordKey(id, seq))).map(b -> PgroupRecord.decode(b.unsafeArray()));
  }

  static boolean recorded(StateReader s, String id, Hash h) {
    return s.get(WriteSet.key(hashKey(id, h))).isPresent();
  }

  static void putGroup(WriteSet s, PgroupDef def) {
    s.put(groupKey(def.id()), Bytes.wrap(def.encode()));
  }

  static void putRecord(WriteSet s, String id, PgroupRecord r) {
    s.put(recordKey(id, r.seq()), Bytes.wrap(r.encode()));
    s.put(hashKey(id, r.hash()), Bytes.wrap(new Encoder().u64(r.seq()).toByteArray()));
  }

  static void putCount(WriteSet s, String id, long n) {
    s.put(countKey(id), Bytes.wrap(new Encoder().u64(n).toByteArray()));
  }

  /** How many groups were ever created. */
  public static long groups(StateReader s) {
    return s.get(WriteSet.key("pg/list/count"))
        .map(b -> new Decoder(b.unsafeArray()).u64("count"))
        .orElse(0L);
  }

  /** The id of the {@code n}-th group created. */
  public static Optional<String> nthGroup(StateReader s, long n) {
    return s.get(WriteSet.key("pg/list/" + n))
        .map(b -> new String(b.unsafeArray(), java.nio.charset.StandardCharsets.UTF_8));
  }

  static void appendGroup(WriteSet s, String id) {
    long n = groups(s);
    s.put("pg/list/" + n, Bytes.wrap(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    s.put("pg/list/count", Bytes.wrap(new Encoder().u64(n + 1).toByteArray()));
  }
}
