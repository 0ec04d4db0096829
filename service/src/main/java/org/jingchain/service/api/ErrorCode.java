package org.jingchain.service.api;

/**
 * Stable error codes of the node's API, each with its HTTP status. Codes never change meaning;
 * docs/api.md lists them and the OpenAPI document names them.
 */
public enum ErrorCode {
  TX_MALFORMED(400, "the transaction bytes are not a canonical transaction"),
  TX_TOO_LARGE(413, "the encoded transaction exceeds the size limit"),
  TX_WRONG_CHAIN(400, "the transaction names another chain id"),
  TX_WRONG_SUITE(400, "the sender key is of another crypto suite than the chain's"),
  TX_BAD_SIGNATURE(400, "the signature does not verify against the sender key"),
  TX_EXPIRED(400, "the transaction's expiry has passed"),
  TX_EXPIRY_TOO_FAR(400, "the expiry is further ahead than the mempool keeps transactions"),
  TX_NONCE_TOO_LOW(409, "the nonce was already used (a replay)"),
  TX_NONCE_GAP(409, "the nonce skips ahead of the sender's next nonce"),
  TX_DUPLICATE(409, "the same transaction is already pending"),
  NOT_A_MEMBER(403, "the sender holds no role that may submit transactions on this chain"),
  AUTH_REQUIRED(
      401,
      "the chain's read rule for this route admits only callers who prove who they are; send a"
          + " token (Authorization: Bearer, jing auth token)"),
  TOKEN_INVALID(
      401,
      "the bearer token is malformed, for another chain, signed wrongly or lives longer than an"
          + " hour"),
  TOKEN_EXPIRED(401, "the bearer token expired; make a new one"),
  ACCESS_DENIED(403, "the caller's roles do not satisfy the chain's read rule for this route"),
  MEMPOOL_FULL(429, "the mempool is at its count or byte limit; retry later"),
  RATE_LIMITED(429, "too many requests from this client; retry later"),
  BODY_TOO_LARGE(413, "the request body exceeds the limit"),
  BATCH_TOO_LARGE(413, "the batch has more transactions than allowed"),
  BAD_REQUEST(400, "the request is malformed (JSON, fields or parameters)"),
  NOT_FOUND(404, "no such resource"),
  METHOD_NOT_ALLOWED(405, "the path does not accept this method"),
  UNSUPPORTED_MEDIA_TYPE(
      415, "a request with a body must be sent as Content-Type application/json"),
  HOST_NOT_ALLOWED(
      421, "the Host header names neither this node's address nor one of api.allowedHosts"),
  VERSION_PRUNED(410, "the state version was pruned; the node keeps only recent versions"),
  TOO_MANY_STREAMS(503, "the node serves its maximum number of event streams"),
  INTERNAL(500, "the node failed; see its log");

  private final int httpStatus;
  private final String meaning;

  ErrorCode(int httpStatus, String meaning) {
    this.httpStatus = httpStatus;
    this.meaning = meaning;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String meaning() {
    return meaning;
  }
}
