package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A grant ({@code GET /datadir/grants/{id}}): an owner's or delegate's answer to a request, or a
 * person's consent to an organisation. Numbers that do not apply are 0, texts empty.
 *
 * @param kind {@code access} or {@code consent}
 * @param asset the asset (empty for a consent tied to no asset)
 * @param grantor the DID that granted (or consented)
 * @param grantee the DID granted access
 * @param requestId the request it answers (0 for a consent)
 * @param height the block that recorded it
 * @param expiresAtMillis when it ends, in block time
 * @param revokedBy the DID that revoked it, empty while not revoked
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatadirGrant(
    long id,
    String kind,
    String asset,
    String grantor,
    String grantee,
    String purpose,
    String scope,
    long requestId,
    long height,
    long timeMillis,
    long expiresAtMillis,
    boolean revoked,
    String revokedBy) {}
