package org.jingchain.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Reads of the data directory through a node's API ({@code /api/v1/datadir}, docs/api.md): assets,
 * search, lineage, audit trail, requests and grants, each as the node's JSON. Errors are {@link
 * JingApiException}s as with {@link JingClient} ({@code NOT_FOUND} for an unknown asset, request or
 * grant; {@code UNREACHABLE} when the node cannot be reached). Thread-safe.
 */
public final class DatadirQueries {
  /** Which way {@link #lineage} walks from an asset. */
  public enum Direction {
    /** What the asset was derived from, transitively. */
    ANCESTORS,
    /** What was derived from the asset, transitively. */
    DESCENDANTS;

    /** The query value: {@code ancestors} or {@code descendants}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The audit indexes: by asset id, by requester (or grantee, organisation) DID, by owner DID. */
  public enum AuditIndex {
    ASSET,
    REQUESTER,
    OWNER;

    /** The query parameter: {@code asset}, {@code requester} or {@code owner}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final JingClient client;

  public DatadirQueries(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(30));
  }

  public DatadirQueries(String baseUrl, Duration timeout) {
    this.client = new JingClient(baseUrl, timeout);
  }

  /** The asset with its latest version ({@code latest}); {@code NOT_FOUND} when unknown. */
  public JsonNode asset(String id) {
    return get("/assets/" + enc(id));
  }

  /** Version {@code n} (from 1) of an asset. */
  public JsonNode version(String id, int n) {
    return get("/assets/" + enc(id) + "/versions/" + n);
  }

  /**
   * Searches the node's catalogue: {@code text} (may be empty) and {@code filters} (keys {@code
   * sector}, {@code tag}, {@code owner}, {@code policy}, {@code status}); returns {@code total},
   * {@code offset}, {@code hits} and {@code facets}.
   */
  public JsonNode search(String text, Map<String, String> filters, int offset, int limit) {
    StringJoiner q = new StringJoiner("&", "?", "");
    q.add("q=" + enc(text));
    new TreeMap<>(filters).forEach((k, v) -> q.add(enc(k) + "=" + enc(v)));
    q.add("offset=" + offset).add("limit=" + limit);
    return get("/search" + q);
  }

  /**
   * The lineage graph from {@code id}, breadth-first, at most {@code maxNodes} nodes: {@code root},
   * {@code direction}, {@code nodes}, {@code edges} (each {@code from} a child {@code to} a parent)
   * and {@code truncated}.
   */
  public JsonNode lineage(String id, Direction direction, int maxNodes) {
    return get(
        "/assets/" + enc(id) + "/lineage?direction=" + direction.label() + "&max=" + maxNodes);
  }

  /**
   * One page of an audit index: entries {@code from .. from+limit-1} in the order they were
   * appended, with the index's {@code total}.
   */
  public JsonNode audit(AuditIndex index, String key, long from, int limit) {
    return get("/audit?" + index.label() + "=" + enc(key) + "&from=" + from + "&limit=" + limit);
  }

  /** An access request by id; {@code NOT_FOUND} when unknown. */
  public JsonNode request(long id) {
    return get("/requests/" + id);
  }

  /** A grant (access or consent) by id; {@code NOT_FOUND} when unknown. */
  public JsonNode grant(long id) {
    return get("/grants/" + id);
  }

  private JsonNode get(String path) {
    return client.get("/datadir" + path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
