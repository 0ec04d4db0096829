package org.jingchain.privacy;

import java.util.Optional;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;

/** Where the aggregate service keeps its state ({@code agg/}), and the reads over it. */
public final class AggregateState {
  private AggregateState() {}

  static String committeeKey(String id) {
    return "agg/committee/" + id;
  }

  static String dealKey(String committee, int dealer) {
    return "agg/deal/" + committee + "/" + dealer;
  }

  static String aggregateKey(String id) {
    return "agg/aggregate/" + id;
  }

  static String contributionKey(String aggregate, Address sender) {
    return "agg/contrib/" + aggregate + "/" + sender;
  }

  public static Optional<Committee> committee(StateReader s, String id) {
    return s.get(WriteSet.key(committeeKey(id))).map(b -> Committee.decode(b.unsafeArray()));
  }

  static void put(WriteSet s, Committee c) {
    s.put(committeeKey(c.id()), Bytes.wrap(c.encode()));
  }

  public static Optional<Deal> deal(StateReader s, String committee, int dealer) {
    return s.get(WriteSet.key(dealKey(committee, dealer))).map(b -> Deal.decode(b.unsafeArray()));
  }

  static void put(WriteSet s, String committee, int dealer, Deal d) {
    s.put(dealKey(committee, dealer), Bytes.wrap(d.encode()));
  }

  public static Optional<Aggregate> aggregate(StateReader s, String id) {
    return s.get(WriteSet.key(aggregateKey(id))).map(b -> Aggregate.decode(b.unsafeArray()));
  }

  static void put(WriteSet s, Aggregate a) {
    s.put(aggregateKey(a.id()), Bytes.wrap(a.encode()));
  }

  /** The encrypted sum a sender contributed ({@code C1 ‖ C2}), if it did. */
  public static Optional<Bytes> contribution(StateReader s, String aggregate, Address sender) {
    return s.get(WriteSet.key(contributionKey(aggregate, sender)));
  }

  static void putContribution(WriteSet s, String aggregate, Address sender, Bytes ct) {
    s.put(contributionKey(aggregate, sender), ct);
  }

  /** The two lists the state keeps in creation order: committees and aggregates. */
  public enum Kind {
    COMMITTEES,
    AGGREGATES;

    String prefix() {
      return "agg/" + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** How many of {@code kind} were ever created. */
  public static long count(StateReader s, Kind kind) {
    return s.get(WriteSet.key(kind.prefix() + "/count"))
        .map(b -> new org.jingchain.codec.Decoder(b.unsafeArray()).u64("count"))
        .orElse(0L);
  }

  /** The id of the {@code n}-th (from 0) of {@code kind} created. */
  public static Optional<String> nth(StateReader s, Kind kind, long n) {
    return s.get(WriteSet.key(kind.prefix() + "/seq/" + n))
        .map(b -> new String(b.unsafeArray(), java.nio.charset.StandardCharsets.UTF_8));
  }

  static void append(WriteSet s, Kind kind, String id) {
    long n = count(s, kind);
    s.put(
        kind.prefix() + "/seq/" + n,
        Bytes.wrap(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    s.put(
        kind.prefix() + "/count",
        Bytes.wrap(new org.jingchain.codec.Encoder().u64(n + 1).toByteArray()));
  }
}
