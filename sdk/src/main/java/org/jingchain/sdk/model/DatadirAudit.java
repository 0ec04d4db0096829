package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A page of an audit index ({@code GET /datadir/audit}; docs/spec/datadir.md section 4): entries
 * {@code from .. from + entries.size() - 1} in the order they were appended, of {@code total}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatadirAudit(long total, long from, List<Entry> entries) {
  public DatadirAudit {
    entries = Copies.list(entries);
  }

  /**
   * One audit entry: what happened to which asset, who did it, about whom, and where on chain.
   * Numbers that do not apply are 0, texts empty.
   *
   * @param seq its number in the chain's global audit log
   * @param type what happened: requested, granted, refused, revoked, consented, accessed, retired
   *     or transferred
   * @param asset the asset id (empty for a consent tied to no asset)
   * @param actor the DID that acted
   * @param subject the DID it concerned (the requester, grantee or organisation)
   * @param version the asset version accessed
   * @param tx the hash of the transaction that recorded it (hex)
   * @param proof the stored entry with its Merkle proof, or null unless the read asked {@code
   *     proof=true} (which {@link org.jingchain.sdk.DatadirQueries#audit} does not)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Entry(
      long seq,
      String type,
      String asset,
      String actor,
      String subject,
      long requestId,
      long grantId,
      int version,
      String detail,
      long height,
      long timeMillis,
      String tx,
      @JsonInclude(JsonInclude.Include.NON_NULL) StateRead proof) {}
}
