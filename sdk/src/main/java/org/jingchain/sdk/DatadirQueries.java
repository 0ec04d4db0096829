package org.jingchain.sdk;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.jingchain.sdk.model.DatadirAsset;
import org.jingchain.sdk.model.DatadirAudit;
import org.jingchain.sdk.model.DatadirGrant;
import org.jingchain.sdk.model.DatadirLineage;
import org.jingchain.sdk.model.DatadirRequest;
import org.jingchain.sdk.model.DatadirSearch;
import org.jingchain.sdk.model.DatadirVersion;

/**
 * Reads of the data directory through a node's API ({@code /api/v1/datadir}, docs/api.md): assets,
 * search, lineage, audit trail, requests and grants, each as its record of {@link
 * org.jingchain.sdk.model}. Errors are {@link JingApiException}s as with {@link JingClient} ({@code
 * NOT_FOUND} for an unknown asset, request or grant; {@code UNREACHABLE} when the node cannot be
 * reached). Thread-safe.
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

  /** Queries through {@code client}, with its token (a chain whose reads are for members). */
  public DatadirQueries(JingClient client) {
    this.client = client;
  }

  /** The asset with its latest version ({@code latest}); {@code NOT_FOUND} when unknown. */
  public DatadirAsset asset(String id) {
    return get("/assets/" + enc(id), DatadirAsset.class);
  }

  /** Version {@code n} (from 1) of an asset. */
  public DatadirVersion version(String id, int n) {
    return get("/assets/" + enc(id) + "/versions/" + n, DatadirVersion.class);
  }

  /**
   * Searches the node's catalogue: {@code text} (may be empty) and {@code filters} (keys {@code
   * sector}, {@code tag}, {@code owner}, {@code policy}, {@code status}); returns {@code total},
   * {@code offset}, {@code hits} and {@code facets}.
   */
  public DatadirSearch search(String text, Map<String, String> filters, int offset, int limit) {
    StringJoiner q = new StringJoiner("&", "?", "");
    q.add("q=" + enc(text));
    new TreeMap<>(filters).forEach((k, v) -> q.add(enc(k) + "=" + enc(v)));
    q.add("offset=" + offset).add("limit=" + limit);
    return get("/search" + q, DatadirSearch.class);
  }

  /**
   * The lineage graph from {@code id}, breadth-first, at most {@code maxNodes} nodes: {@code root},
   * {@code direction}, {@code nodes}, {@code edges} (each {@code from} a child {@code to} a parent)
   * and {@code truncated}.
   */
  public DatadirLineage lineage(String id, Direction direction, int maxNodes) {
    return get(
        "/assets/" + enc(id) + "/lineage?direction=" + direction.label() + "&max=" + maxNodes,
        DatadirLineage.class);
  }

  /**
   * One page of an audit index: entries {@code from .. from+limit-1} in the order they were
   * appended, with the index's {@code total}.
   */
  public DatadirAudit audit(AuditIndex index, String key, long from, int limit) {
    return get(
        "/audit?" + index.label() + "=" + enc(key) + "&from=" + from + "&limit=" + limit,
        DatadirAudit.class);
  }

  /** An access request by id; {@code NOT_FOUND} when unknown. */
  public DatadirRequest request(long id) {
    return get("/requests/" + id, DatadirRequest.class);
  }

  /** A grant (access or consent) by id; {@code NOT_FOUND} when unknown. */
  public DatadirGrant grant(long id) {
    return get("/grants/" + id, DatadirGrant.class);
  }

  private <T> T get(String path, Class<T> type) {
    return client.get("/datadir" + path, type);
  }

  private static String enc(String s) {
    return JingClient.enc(s);
  }
}
