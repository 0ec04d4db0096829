package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of catalogue search hits ({@code GET /datadir/search}), best first, with facet counts over
 * every hit.
 *
 * @param total how many assets match in all
 * @param offset how many hits this page skipped
 * @param facets per facet ({@code owner}, {@code policy}, {@code sector}, {@code status}, {@code
 *     tag}), its most frequent values' hit counts, most frequent first
 * @param indexedHeight the height up to which the node's index had applied the chain when it
 *     searched
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatadirSearch(
    long total,
    int offset,
    List<Hit> hits,
    Map<String, Map<String, Long>> facets,
    long indexedHeight) {
  public DatadirSearch {
    hits = Copies.list(hits);
    if (facets != null) {
      Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
      facets.forEach((k, v) -> copy.put(k, Copies.map(v)));
      facets = Copies.map(copy);
    }
  }

  /**
   * One matching asset, as the index keeps it (no description: read the asset for that).
   *
   * @param owner the owner's DID
   * @param policy {@code public}, {@code approval} or {@code group}
   * @param status {@code active} or {@code retired}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Hit(
      String id,
      String owner,
      String title,
      String sector,
      List<String> tags,
      String policy,
      String status,
      String format,
      String licence) {
    public Hit {
      tags = Copies.list(tags);
    }
  }
}
