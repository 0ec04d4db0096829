package org.jingchain.sdk.datadir;

import java.util.Objects;
import org.jingchain.light.CommittedHeader;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.ChainViews;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.types.Bytes;
import org.jingchain.vc.ChainView;
import org.jingchain.vc.VcException;

/**
 * Certified reads through a node that is trusted for nothing, as {@link ChainViews#certified}: each
 * snapshot pins the latest block that the validators {@code light} trusts committed, and every read
 * is checked with a Merkle proof against that block's state root.
 */
public final class CertifiedChain implements CertifiedReads {
  private final JingClient client;
  private final LightClient light;

  public CertifiedChain(JingClient client, LightClient light) {
    this.client = Objects.requireNonNull(client, "client");
    this.light = Objects.requireNonNull(light, "light");
  }

  @Override
  public ChainSnapshot snapshot() throws ChainUnavailableException {
    CommittedHeader head;
    try {
      head = client.certifiedHead(light);
    } catch (JingApiException e) {
      throw new ChainUnavailableException(e.code(), e.getMessage(), e);
    } catch (RuntimeException e) {
      // a node may send anything; an answer that does not even decode proves nothing
      throw new ChainUnavailableException(
          "PROOF_INVALID", "the node's certificate does not decode: " + e.getMessage(), e);
    }
    ChainView view =
        key -> {
          try {
            return client.readStateAt(head, key, light).value().map(Bytes::toByteArray);
          } catch (RuntimeException e) {
            throw new VcException(
                VcException.Reason.CHAIN_UNVERIFIED,
                "cannot read " + key + ": " + e.getMessage(),
                e);
          }
        };
    return new ChainSnapshot(head.chainId(), head.height(), head.header().timestampMillis(), view);
  }
}
