package org.jingchain.sdk;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jingchain.light.CommittedHeader;
import org.jingchain.light.LightClient;
import org.jingchain.types.Bytes;
import org.jingchain.vc.ChainView;
import org.jingchain.vc.VcException;
import org.jingchain.xchain.ClientState;
import org.jingchain.xchain.ConsensusState;
import org.jingchain.xchain.XchainKeys;

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

  /**
   * A view of another chain's state through this chain's client of it (docs/xchain.md, cross-chain
   * identity): {@code home}'s certified state — checked by {@code homeLight}, from the validators
   * the caller trusts — gives the client's latest committed height of the other chain and its state
   * root; every read of {@code remote}, any node of the other chain, is then checked with its
   * Merkle proof against that root. Trusts neither node. The view sees the other chain as of the
   * client's latest height: a change there (a revocation) shows once a relayer or {@code jing
   * xchain client update} brought the client past it.
   *
   * @param view the reads
   * @param chainId the other chain
   * @param height the other chain's height the reads are pinned to
   * @param timestampMillis that block's time
   */
  public record Remote(ChainView view, String chainId, long height, long timestampMillis) {}

  /**
   * {@link Remote} through client {@code clientId} of {@code home}.
   *
   * @throws VcException with {@code CHAIN_UNVERIFIED} when the client does not exist, is frozen,
   *     holds no height, or follows another chain than {@code remote}'s
   */
  public static Remote throughClient(
      JingClient home, LightClient homeLight, String clientId, JingClient remote)
      throws VcException {
    try {
      CommittedHeader head = home.certifiedHead(homeLight);
      org.jingchain.execution.StateReader homeState =
          k ->
              home.readStateAt(head, new String(k.unsafeArray(), StandardCharsets.UTF_8), homeLight)
                  .value();
      ClientState c =
          XchainKeys.clientState(homeState, clientId)
              .orElseThrow(() -> unverified("this chain has no client " + clientId));
      if (c.frozen()) {
        throw unverified(clientId + " is frozen: its chain signed conflicting headers");
      }
      ConsensusState s =
          XchainKeys.consensusState(homeState, clientId, c.latestHeight())
              .orElseThrow(() -> unverified(clientId + " holds no height of its chain yet"));
      String remoteChain = remote.status().chainId();
      if (!remoteChain.equals(c.counterpartyChainId())) {
        throw unverified(clientId + " follows " + c.counterpartyChainId() + ", not " + remoteChain);
      }
      long height = c.latestHeight();
      ChainView view =
          key -> {
            try {
              VerifiedState v =
                  JingClient.verified(key, remote.readStateRaw(key, Optional.of(height)));
              if (!v.stateRoot().equals(s.stateRoot()) || !v.suite().equals(c.suite().label())) {
                throw new VcException(
                    VcException.Reason.CHAIN_UNVERIFIED,
                    "the node of "
                        + remoteChain
                        + " answered for another state than the one "
                        + clientId
                        + " certified at height "
                        + height);
              }
              return v.value().map(Bytes::toByteArray);
            } catch (JingApiException e) {
              throw new VcException(VcException.Reason.CHAIN_UNVERIFIED, e.getMessage(), e);
            }
          };
      return new Remote(view, remoteChain, height, s.timestampMillis());
    } catch (JingApiException e) {
      throw new VcException(VcException.Reason.CHAIN_UNVERIFIED, e.getMessage(), e);
    }
  }

  /**
   * W3C DID Resolution of {@code did}, a DID of the chain {@code remote} reads: the DID's record
   * read through the client, checked against the state root it certified, turned into the document
   * the other chain's nodes would serve (docs/spec/did-method.md). As {@code GET /dids/{did}}:
   * {@code invalidDid}, {@code notFound} or {@code deactivated} (with the last document) as the
   * resolution metadata's error.
   *
   * @throws VcException with {@code CHAIN_UNVERIFIED} when a read cannot be verified
   */
  public static org.jingchain.sdk.model.DidResolution resolveDid(Remote remote, String did)
      throws VcException {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("@context", "https://w3id.org/did-resolution/v1");
    Optional<String> id = org.jingchain.identity.Did.id(did);
    Object document = null;
    Object documentMetadata = java.util.Map.of();
    java.util.Map<String, Object> resolution;
    Optional<byte[]> stored =
        id.isEmpty()
            ? Optional.empty()
            : remote.view().read(org.jingchain.identity.Did.stateKey(id.get()));
    if (id.isEmpty()) {
      resolution = java.util.Map.of("error", "invalidDid");
    } else if (stored.isEmpty()) {
      resolution = java.util.Map.of("error", "notFound");
    } else {
      org.jingchain.identity.DidRecord r =
          org.jingchain.identity.DidCodec.decodeRecord(stored.get());
      document = org.jingchain.identity.DidDocuments.document(did, r);
      documentMetadata = org.jingchain.identity.DidDocuments.metadata(r);
      resolution =
          r.deactivated()
              ? java.util.Map.of("error", "deactivated")
              : java.util.Map.of("contentType", "application/did+ld+json");
    }
    out.put("didDocument", document);
    out.put("didResolutionMetadata", resolution);
    out.put("didDocumentMetadata", documentMetadata);
    return RECORDS.convertValue(out, org.jingchain.sdk.model.DidResolution.class);
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper RECORDS =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .disable(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static VcException unverified(String message) {
    return new VcException(VcException.Reason.CHAIN_UNVERIFIED, message);
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
