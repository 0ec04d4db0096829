package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An access request ({@code GET /datadir/requests/{id}}; [DD-9]) and its answer. Numbers that do
 * not apply yet are 0, texts empty.
 *
 * @param asset the asset asked for
 * @param requester the requesting DID
 * @param durationMillis how long access is asked for
 * @param height the block that recorded the request
 * @param status pending, granted or refused
 * @param grantId the grant once granted
 * @param reason why it was refused
 * @param answeredBy the DID that granted or refused it
 * @param answeredHeight the block that recorded the answer
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DatadirRequest(
    long id,
    String asset,
    String requester,
    String purpose,
    String scope,
    long durationMillis,
    long height,
    long timeMillis,
    String status,
    long grantId,
    String reason,
    String answeredBy,
    long answeredHeight) {}
