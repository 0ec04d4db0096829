/**
 * The node's REST API answers as records (docs/api.md; the node's OpenAPI document).
 *
 * <p>Each record mirrors one JSON shape field for field, with the node's names and in the node's
 * order, so that writing a record back with Jackson gives the node's JSON again ({@code jing
 * --json} prints answers that way). Conventions, the same in every record:
 *
 * <ul>
 *   <li>Hashes, keys, signatures and stored bytes stay the API's lower-case hex {@code String}s,
 *       and addresses and public keys their text form: a record is a lossless copy of the answer,
 *       and decoding never fails on a value a newer node formats differently. Parse them where you
 *       need them typed: {@code Hash.fromHex}, {@code Address.parse}, {@code Bytes.fromHex}.
 *   <li>Fields the API may leave out or set to null have boxed or reference types and say so in
 *       their record's comment; all others are always present.
 *   <li>Unknown fields are ignored ({@code @JsonIgnoreProperties(ignoreUnknown = true)}), so a
 *       newer node does not break an older SDK.
 *   <li>Lists and maps are unmodifiable and keep the node's order.
 * </ul>
 */
package org.jingchain.sdk.model;
