package org.jingchain.sdk.datadir;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token that passed every check of [DDA-2]: who asks ({@code requester}, a DID, signing
 * with key {@code kid}), for which asset under which grant (0: none), with which access id ({@code
 * jti}), valid from {@code issuedAt} until {@code expiresAt}.
 */
public record VerifiedAccess(
    String requester,
    String kid,
    String asset,
    long grant,
    String jti,
    Instant issuedAt,
    Instant expiresAt) {
  public VerifiedAccess {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(kid, "kid");
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
