package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A data asset of the catalogue ({@code GET /datadir/assets/{id}}; docs/spec/datadir.md): owner,
 * metadata, access policy, delegates, lineage both ways, status and its latest version. Texts the
 * owner did not give are empty, never null.
 *
 * @param owner the owner's DID
 * @param sector {@code healthcare}, {@code education}, {@code ai}, {@code finance}, {@code
 *     transport}, {@code government} or {@code other}
 * @param delegates DIDs that may answer requests for the owner
 * @param derivedFrom the assets this one was derived from (its lineage parents)
 * @param derivedInto the assets derived from this one (its lineage children)
 * @param versions the number of the latest version (0 before the first)
 * @param status {@code active} or {@code retired}
 * @param retiredReason why it was retired, empty while active
 * @param latest the latest version, or null when it has none
 * @param transferOffer the pending ownership transfer offer, or null when there is none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatadirAsset(
    String id,
    String owner,
    String title,
    String description,
    String sector,
    List<String> tags,
    String format,
    String licence,
    Policy policy,
    List<String> delegates,
    List<String> derivedFrom,
    List<String> derivedInto,
    int versions,
    String status,
    String retiredReason,
    long createdHeight,
    long createdMillis,
    long updatedHeight,
    long updatedMillis,
    DatadirVersion latest,
    TransferOffer transferOffer) {
  public DatadirAsset {
    tags = Copies.list(tags);
    delegates = Copies.list(delegates);
    derivedFrom = Copies.list(derivedFrom);
    derivedInto = Copies.list(derivedInto);
  }

  /**
   * Who may be served the asset without a grant.
   *
   * @param kind {@code public} (everyone), {@code approval} (nobody) or {@code group}
   * @param members the member DIDs of a {@code group} policy, empty otherwise
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Policy(String kind, List<String> members) {
    public Policy {
      members = Copies.list(members);
    }
  }

  /**
   * An owner's pending offer to hand the asset to another DID [DD-22].
   *
   * @param from the owner who made the offer
   * @param to the DID that may accept it
   * @param height the block that recorded the offer
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record TransferOffer(String from, String to, long height) {}
}
