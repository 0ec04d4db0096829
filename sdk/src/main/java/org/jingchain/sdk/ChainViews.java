package org.jingchain.sdk;

import java.util.Optional;
import org.jingchain.light.CommittedHeader;
import org.jingchain.light.LightClient;
import org.jingchain.types.Bytes;
import org.jingchain.vc.ChainView;
import org.jingchain.vc.VcException;

/**
 * The chain as a credential verifier reads it ({@link org.jingchain.vc.CredentialVerifier}).
 *
 * <p>{@link #certified} trusts nothing the node says: it pins the latest block that the validators
 * a {@link LightClient} trusts certified as committed, and checks every read's Merkle proof against
 * that block's state root. {@link #proven} checks proofs against the root the node reports: it
 * catches a node that lies about one key, not one that lies about the root.
 */
public final class ChainViews {
  private ChainViews() {}

  /** Reads pinned to one certified height: one consistent state for a whole verification. */
  public static ChainView certified(JingClient client, LightClient light) throws VcException {
    CommittedHeader head;
    try {
      head = client.certifiedHead(light);
    } catch (JingApiException e) {
      throw new VcException(VcException.Reason.CHAIN_UNVERIFIED, e.getMessage(), e);
    }
    return key -> {
      try {
        return client.readStateAt(head, key, light).value().map(Bytes::toByteArray);
      } catch (JingApiException e) {
        throw new VcException(VcException.Reason.CHAIN_UNVERIFIED, e.getMessage(), e);
      }
    };
  }

  /** Reads at the node's latest state, each proof checked against the root the node reports. */
  public static ChainView proven(JingClient client) {
    return key -> {
      try {
        return client.readStateVerified(key, Optional.empty()).value().map(Bytes::toByteArray);
      } catch (JingApiException e) {
        throw new VcException(VcException.Reason.CHAIN_UNVERIFIED, e.getMessage(), e);
      }
    };
  }
}
