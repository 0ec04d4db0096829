package org.jingchain.sdk.datadir;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jingchain.identity.Did;
import org.jingchain.sdk.datadir.AccessTokenException.Reason;
import org.jingchain.types.Bytes;

/**
 * The parts of an access token, split, decoded and checked for form (steps 2 and 5 of [DDA-2]);
 * nothing here is verified against the chain.
 */
final class TokenParts {
  private TokenParts() {}

  /** A compact JWS split and decoded; nothing verified yet. */
  record Jws(JsonNode header, JsonNode claims, Bytes signingInput, Bytes signature) {
    static Jws parse(String token) throws AccessTokenException {
      int first = token.indexOf('.');
      int second = first < 0 ? -1 : token.indexOf('.', first + 1);
      if (second < 0 || token.indexOf('.', second + 1) >= 0) {
        throw malformed("a compact JWS has three parts separated by '.'");
      }
      for (int i = 0; i < token.length(); i++) {
        char ch = token.charAt(i);
        boolean ok =
            (ch >= 'A' && ch <= 'Z')
                || (ch >= 'a' && ch <= 'z')
                || (ch >= '0' && ch <= '9')
                || ch == '-'
                || ch == '_'
                || ch == '.';
        if (!ok) {
          throw malformed("a compact JWS holds only base64url characters and '.'");
        }
      }
      JsonNode header = object(decode(token.substring(0, first)), "header");
      JsonNode claims = object(decode(token.substring(first + 1, second)), "claims");
      byte[] signature = decode(token.substring(second + 1));
      byte[] input = token.substring(0, second).getBytes(StandardCharsets.US_ASCII);
      return new Jws(header, claims, Bytes.wrap(input), Bytes.wrap(signature));
    }

    private static byte[] decode(String part) throws AccessTokenException {
      byte[] b;
      try {
        b = Base64.getUrlDecoder().decode(part);
      } catch (IllegalArgumentException e) {
        throw malformed("a part is not base64url");
      }
      if (!AccessTokens.B64_ENC.encodeToString(b).equals(part)) {
        throw malformed("a part is not canonical base64url without padding");
      }
      return b;
    }

    private static JsonNode object(byte[] json, String what) throws AccessTokenException {
      try {
        JsonNode n = AccessTokens.JSON.readTree(json);
        if (n == null || !n.isObject()) {
          throw malformed("the " + what + " is not a JSON object");
        }
        return n;
      } catch (IOException e) {
        throw malformed("the " + what + " is not JSON without duplicate names");
      }
    }
  }

  /** The header's kid and the claims, each of its required form. */
  record Claims(
      String kid,
      String iss,
      String sub,
      long grant,
      String aud,
      String chain,
      long iat,
      long exp,
      String jti) {
    static Claims of(Jws jws) throws AccessTokenException {
      if (jws.header().has("crit")) {
        throw malformed("crit header parameters are not understood");
      }
      JsonNode c = jws.claims();
      String iss = text(c, "iss");
      if (Did.id(iss).isEmpty()) {
        throw malformed("iss must be a did:jing DID");
      }
      String sub = text(c, "sub");
      if (!AccessTokens.ASSET_ID.matcher(sub).matches()) {
        throw malformed("sub must be an asset id");
      }
      String jti = text(c, "jti");
      if (!AccessTokens.ACCESS_ID.matcher(jti).matches()) {
        throw malformed("jti must match " + AccessTokens.ACCESS_ID);
      }
      return new Claims(
          text(jws.header(), "kid"),
          iss,
          sub,
          number(c, "grant", Long.MAX_VALUE),
          text(c, "aud"),
          text(c, "chain"),
          number(c, "iat", AccessTokens.MAX_EPOCH_SECOND),
          number(c, "exp", AccessTokens.MAX_EPOCH_SECOND),
          jti);
    }

    private static String text(JsonNode n, String name) throws AccessTokenException {
      JsonNode v = n.get(name);
      if (v == null || !v.isTextual() || v.asText().isEmpty()) {
        throw malformed(name + " must be a non-empty string");
      }
      return v.asText();
    }

    private static long number(JsonNode n, String name, long max) throws AccessTokenException {
      JsonNode v = n.get(name);
      if (v == null
          || !v.isIntegralNumber()
          || !v.canConvertToLong()
          || v.asLong() < 0
          || v.asLong() > max) {
        throw malformed(name + " must be an integer 0.." + max);
      }
      return v.asLong();
    }
  }

  static AccessTokenException malformed(String why) {
    return new AccessTokenException(Reason.MALFORMED, why);
  }
}
