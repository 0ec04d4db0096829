package org.jingchain.sdk.datadir;

import java.util.Objects;
import org.jingchain.datadir.DatadirErrors;
import org.jingchain.sdk.datadir.AccessTokenException.Reason;

/**
 * A data server's error answer (docs/spec/datadir-access.md, "Answers"): the HTTP status and the
 * stable code in the JSON body ({@code {"error": code, "message": message}}). Codes are a token
 * {@link Reason}, a data directory code ({@code DD_…}) or one of the server's own below.
 */
public record Refusal(int status, String code, String message) {
  public static final String MISSING_TOKEN = "MISSING_TOKEN";
  public static final String TOKEN_WRONG_ASSET = "TOKEN_WRONG_ASSET";
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String NOT_MAPPED = "NOT_MAPPED";
  public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
  public static final String URI_TOO_LONG = "URI_TOO_LONG";
  public static final String HEADERS_TOO_LARGE = "HEADERS_TOO_LARGE";
  public static final String CONTENT_MISMATCH = "CONTENT_MISMATCH";
  public static final String FILE_UNAVAILABLE = "FILE_UNAVAILABLE";
  public static final String RECORDING_REFUSED = "RECORDING_REFUSED";
  public static final String CHAIN_UNAVAILABLE = "CHAIN_UNAVAILABLE";
  public static final String BUSY = "BUSY";
  public static final String INTERNAL = "INTERNAL";

  public Refusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 4xx or 5xx, got " + status);
    }
  }

  /** A refused token: 401, but 403 for a valid token made for elsewhere, 503 for the chain. */
  public static Refusal of(AccessTokenException e) {
    int status =
        switch (e.reason()) {
          case WRONG_AUDIENCE, WRONG_CHAIN -> 403;
          case CHAIN_UNVERIFIED -> 503;
          default -> 401;
        };
    String code = e.reason() == Reason.CHAIN_UNVERIFIED ? CHAIN_UNAVAILABLE : e.reason().name();
    return new Refusal(status, code, e.detail());
  }

  /**
   * What the data directory's {@code code} means for the requester: [DD-14] refusals 403, no asset
   * 404, the access id taken 409, retired 410; anything else is the server's problem (500, {@link
   * #RECORDING_REFUSED}).
   */
  public static Refusal ofChain(String code, String message) {
    return switch (code) {
      case DatadirErrors.NO_GRANT,
          DatadirErrors.WRONG_ASSET,
          DatadirErrors.GRANT_REVOKED,
          DatadirErrors.GRANT_EXPIRED ->
          new Refusal(403, code, message);
      case DatadirErrors.NOT_FOUND -> new Refusal(404, code, message);
      case DatadirErrors.EXISTS -> new Refusal(409, code, message);
      case DatadirErrors.RETIRED -> new Refusal(410, code, message);
      default ->
          new Refusal(
              500,
              RECORDING_REFUSED,
              "the chain refused to record the access: " + code + " " + message);
    };
  }
}
