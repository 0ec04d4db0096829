package org.jingchain.datadir;

import java.util.Objects;

/**
 * An owner's pending offer to hand an asset to another DID [DD-22]; the asset changes hands when
 * {@code to} accepts.
 *
 * @param assetId the asset offered
 * @param from the owner who offered it
 * @param to the DID that may accept
 * @param height the block that recorded the offer
 * @param timeMillis that block's time
 */
public record TransferOffer(String assetId, String from, String to, long height, long timeMillis) {
  public TransferOffer {
    Objects.requireNonNull(assetId, "assetId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }
}
