package org.jingchain.asset;

import java.util.List;
import java.util.Optional;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;

/** Typed views of the events the asset contract emits; {@link #toEvent()} gives the wire form. */
public sealed interface AssetEvent {
  Event toEvent();

  /** A token was created; its sender is the issuer. */
  record TokenCreated(String symbol, String issuer, String name, int decimals)
      implements AssetEvent {
    @Override
    public Event toEvent() {
      return event(
          "TokenCreated",
          attr("symbol", symbol),
          attr("issuer", issuer),
          attr("name", name),
          attr("decimals", Integer.toString(decimals)));
    }
  }

  /** The issuer minted {@code amount} to {@code to}. */
  record Minted(String symbol, String to, long amount) implements AssetEvent {
    @Override
    public Event toEvent() {
      return event(
          "Minted", attr("symbol", symbol), attr("to", to), attr("amount", Long.toString(amount)));
    }
  }

  /** {@code amount} moved from {@code from} to {@code to}. */
  record Transferred(String symbol, String from, String to, long amount) implements AssetEvent {
    @Override
    public Event toEvent() {
      return event(
          "Transferred",
          attr("symbol", symbol),
          attr("from", from),
          attr("to", to),
          attr("amount", Long.toString(amount)));
    }
  }

  /** A collectible was minted to its creator. */
  record NftMinted(String id, String owner, String digest) implements AssetEvent {
    @Override
    public Event toEvent() {
      return event("NftMinted", attr("id", id), attr("owner", owner), attr("digest", digest));
    }
  }

  /** A collectible changed owner. */
  record NftTransferred(String id, String from, String to) implements AssetEvent {
    @Override
    public Event toEvent() {
      return event("NftTransferred", attr("id", id), attr("from", from), attr("to", to));
    }
  }

  /** The typed view of a wire event, if it is a well-formed asset event. */
  static Optional<AssetEvent> from(Event e) {
    if (!e.contract().equals(AssetCalls.CONTRACT)) {
      return Optional.empty();
    }
    try {
      AssetEvent typed =
          switch (e.type()) {
            case "TokenCreated" ->
                new TokenCreated(
                    get(e, "symbol"),
                    get(e, "issuer"),
                    get(e, "name"),
                    Integer.parseInt(get(e, "decimals")));
            case "Minted" ->
                new Minted(get(e, "symbol"), get(e, "to"), Long.parseLong(get(e, "amount")));
            case "Transferred" ->
                new Transferred(
                    get(e, "symbol"),
                    get(e, "from"),
                    get(e, "to"),
                    Long.parseLong(get(e, "amount")));
            case "NftMinted" -> new NftMinted(get(e, "id"), get(e, "owner"), get(e, "digest"));
            case "NftTransferred" -> new NftTransferred(get(e, "id"), get(e, "from"), get(e, "to"));
            default -> null;
          };
      return Optional.ofNullable(typed);
    } catch (IllegalArgumentException | java.util.NoSuchElementException ex) {
      return Optional.empty();
    }
  }

  private static String get(Event e, String key) {
    return e.attribute(key).orElseThrow();
  }

  private static EventAttribute attr(String k, String v) {
    return new EventAttribute(k, v);
  }

  private static Event event(String type, EventAttribute... attrs) {
    return new Event(AssetCalls.CONTRACT, type, List.of(attrs));
  }
}
