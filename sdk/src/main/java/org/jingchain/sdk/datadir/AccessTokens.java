package org.jingchain.sdk.datadir;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidRecord;
import org.jingchain.identity.DidSignatures;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.sdk.datadir.AccessTokenException.Reason;
import org.jingchain.vc.Algorithms;
import org.jingchain.vc.ChainView;
import org.jingchain.vc.VcException;

/**
 * Access tokens (docs/spec/datadir-access.md section 1): a requester's short-lived, signed
 * capability to be served one asset once by one data server. {@link #issue} makes one; {@link
 * #verify} checks it against the requester's DID as the chain has it now [DDA-2].
 */
public final class AccessTokens {
  /** The JWS header's {@code typ}. */
  public static final String TYP = "jing-access+jwt";

  /** Longer tokens are refused before parsing ({@link Reason#OVERSIZED}). */
  public static final int MAX_TOKEN_CHARS = 8 * 1024;

  /** The longest lifetime ({@code exp − iat}) a token may have; a verifier may allow less. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

  /** How far apart the requester's and the server's clocks may be, by default. */
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

  /** The most skew a verifier may allow. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(5);

  static final Pattern ASSET_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final Pattern ACCESS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** 9999-12-31T23:59:59Z: later times are not dates we deal in. */
  static final long MAX_EPOCH_SECOND = 253_402_300_799L;

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  static final Base64.Encoder B64_ENC = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private AccessTokens() {}

  /** What a requester puts in a token; {@code lifetime} is whole seconds, 1..300 [DDA-1]. */
  public record Request(
      String asset,
      long grant,
      String audience,
      String chainId,
      Instant issuedAt,
      Duration lifetime,
      String accessId) {
    public Request {
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(audience, "audience");
      Objects.requireNonNull(chainId, "chainId");
      Objects.requireNonNull(issuedAt, "issuedAt");
      Objects.requireNonNull(lifetime, "lifetime");
      Objects.requireNonNull(accessId, "accessId");
      if (!ASSET_ID.matcher(asset).matches()) {
        throw new IllegalArgumentException("not an asset id: " + asset);
      }
      if (grant < 0) {
        throw new IllegalArgumentException("grant must be >= 0, got " + grant);
      }
      if (audience.isEmpty() || chainId.isEmpty()) {
        throw new IllegalArgumentException("audience and chainId must not be empty");
      }
      if (lifetime.toSeconds() < 1
          || lifetime.compareTo(MAX_LIFETIME) > 0
          || lifetime.toNanosPart() != 0) {
        throw new IllegalArgumentException(
            "lifetime must be 1..300 whole seconds, got " + lifetime);
      }
      if (!ACCESS_ID.matcher(accessId).matches()) {
        throw new IllegalArgumentException("access id must match " + ACCESS_ID + ": " + accessId);
      }
    }
  }

  /**
   * What a verifier expects: its own id ({@code aud}), the chain's id, its clock, how far clocks
   * may disagree and the longest lifetime it accepts.
   */
  public record Options(
      String audience, String chainId, Instant now, Duration maxSkew, Duration maxLifetime) {
    public Options {
      Objects.requireNonNull(audience, "audience");
      Objects.requireNonNull(chainId, "chainId");
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(maxSkew, "maxSkew");
      Objects.requireNonNull(maxLifetime, "maxLifetime");
      if (audience.isEmpty() || chainId.isEmpty()) {
        throw new IllegalArgumentException("audience and chainId must not be empty");
      }
      if (maxSkew.isNegative() || maxSkew.compareTo(MAX_SKEW) > 0) {
        throw new IllegalArgumentException("maxSkew must be 0..5 minutes, got " + maxSkew);
      }
      if (maxLifetime.toSeconds() < 1 || maxLifetime.compareTo(MAX_LIFETIME) > 0) {
        throw new IllegalArgumentException("maxLifetime must be 1..300 s, got " + maxLifetime);
      }
    }

    /** Accepting tokens of up to 300 s. */
    public Options(String audience, String chainId, Instant now, Duration maxSkew) {
      this(audience, chainId, now, maxSkew, MAX_LIFETIME);
    }

    /** Accepting tokens of up to 300 s with the default skew. */
    public static Options of(String audience, String chainId, Instant now) {
      return new Options(audience, chainId, now, DEFAULT_SKEW);
    }
  }

  // ---- issuing

  /** A fresh random access id: 128 bits as 22 base64url characters. */
  public static String newAccessId() {
    return newAccessId(RANDOM);
  }

  /** An access id from {@code random} (tests pass a seeded one). */
  public static String newAccessId(RandomGenerator random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return B64_ENC.encodeToString(b);
  }

  /** A token for {@code asset} under {@code grant}, valid {@code lifetime} from {@code now}. */
  public static String issue(
      AccessSigner signer,
      String asset,
      long grant,
      String audience,
      String chainId,
      Instant now,
      Duration lifetime) {
    return issue(
        signer, new Request(asset, grant, audience, chainId, now, lifetime, newAccessId()));
  }

  /** A token carrying exactly {@code r}, signed by {@code signer} [DDA-1]. */
  public static String issue(AccessSigner signer, Request r) {
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", signer.alg()).put("typ", TYP).put("kid", signer.kid());
    long iat = r.issuedAt().getEpochSecond();
    ObjectNode claims = JSON.createObjectNode();
    claims
        .put("iss", signer.did())
        .put("sub", r.asset())
        .put("grant", r.grant())
        .put("aud", r.audience())
        .put("chain", r.chainId())
        .put("iat", iat)
        .put("exp", iat + r.lifetime().toSeconds())
        .put("jti", r.accessId());
    String input = part(header) + "." + part(claims);
    byte[] signature = signer.sign(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + B64_ENC.encodeToString(signature);
  }

  private static String part(JsonNode json) {
    try {
      return B64_ENC.encodeToString(JSON.writeValueAsBytes(json));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode token JSON", e);
    }
  }

  // ---- verifying

  /**
   * Checks {@code token} as [DDA-2] lists, reading the requester's DID through {@code chain}.
   *
   * @throws AccessTokenException with the first reason that applies
   */
  public static VerifiedAccess verify(String token, ChainView chain, Options o)
      throws AccessTokenException {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(o, "options");
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new AccessTokenException(
          Reason.OVERSIZED, "a token is at most " + MAX_TOKEN_CHARS + " characters");
    }
    TokenParts.Jws jws = TokenParts.Jws.parse(token);
    JsonNode typ = jws.header().get("typ");
    if (typ == null || !typ.isTextual() || !TYP.equalsIgnoreCase(typ.asText())) {
      throw new AccessTokenException(Reason.BAD_TYPE, "typ must be " + TYP);
    }
    JsonNode alg = jws.header().get("alg");
    Optional<DidKey.Type> algKey =
        alg != null && alg.isTextual() ? Algorithms.keyType(alg.asText()) : Optional.empty();
    if (algKey.isEmpty()) {
      throw new AccessTokenException(
          Reason.BAD_ALG, "alg must be EdDSA, ES256 or SM2SM3, got " + abbreviate(alg));
    }
    TokenParts.Claims c = TokenParts.Claims.of(jws);
    if (!o.audience().equals(c.aud())) {
      throw new AccessTokenException(
          Reason.WRONG_AUDIENCE, "the token is for " + abbreviate(c.aud()) + ", not this server");
    }
    if (!o.chainId().equals(c.chain())) {
      throw new AccessTokenException(
          Reason.WRONG_CHAIN, "the token is for chain " + abbreviate(c.chain()));
    }
    checkTimes(c, o);
    DidKey key = currentKey(chain, c.iss(), c.kid());
    if (key.type() != algKey.get()) {
      throw new AccessTokenException(
          Reason.BAD_ALG, "alg " + alg.asText() + " does not fit the " + key.type() + " key");
    }
    if (!DidSignatures.verify(
        key, jws.signingInput().unsafeArray(), jws.signature().unsafeArray())) {
      throw new AccessTokenException(
          Reason.BAD_SIGNATURE, "the signature does not verify with " + c.kid());
    }
    return new VerifiedAccess(
        c.iss(),
        c.kid(),
        c.sub(),
        c.grant(),
        c.jti(),
        Instant.ofEpochSecond(c.iat()),
        Instant.ofEpochSecond(c.exp()));
  }

  private static void checkTimes(TokenParts.Claims c, Options o) throws AccessTokenException {
    long lifetime = c.exp() - c.iat();
    if (lifetime <= 0 || lifetime > o.maxLifetime().toSeconds()) {
      throw new AccessTokenException(
          Reason.TOO_LONG_LIVED,
          "exp - iat is " + lifetime + " s; it must be 1.." + o.maxLifetime().toSeconds() + " s");
    }
    Instant iat = Instant.ofEpochSecond(c.iat());
    Instant exp = Instant.ofEpochSecond(c.exp());
    if (iat.isAfter(o.now().plus(o.maxSkew()))) {
      throw new AccessTokenException(
          Reason.NOT_YET_VALID, "issued at " + iat + ", after now (" + o.now() + ")");
    }
    if (!o.now().isBefore(exp.plus(o.maxSkew()))) {
      throw new AccessTokenException(Reason.EXPIRED, "expired at " + exp + ", now is " + o.now());
    }
  }

  /** [DDA-3] The authentication key {@code kid} names, as the requester's DID has it now. */
  private static DidKey currentKey(ChainView chain, String iss, String kid)
      throws AccessTokenException {
    String id = Did.id(iss).orElseThrow();
    Optional<byte[]> stored;
    try {
      stored = chain.read(Did.stateKey(id));
    } catch (VcException e) {
      throw new AccessTokenException(
          Reason.CHAIN_UNVERIFIED, "cannot read " + iss + " from the chain: " + e.getMessage(), e);
    }
    if (stored.isEmpty()) {
      throw new AccessTokenException(Reason.UNKNOWN_DID, iss + " does not exist on chain");
    }
    DidRecord r;
    try {
      r = DidCodec.decodeRecord(stored.get());
    } catch (RuntimeException e) {
      throw new AccessTokenException(Reason.CHAIN_UNVERIFIED, "DID record does not decode", e);
    }
    if (r.deactivated()) {
      throw new AccessTokenException(Reason.DEACTIVATED, iss + " is deactivated");
    }
    String prefix = iss + "#";
    if (kid.startsWith(prefix)) {
      String fragment = kid.substring(prefix.length());
      for (VerificationMethod m : r.methods()) {
        if (m.id().equals(fragment)
            && (m.relationships() & VerificationMethod.AUTHENTICATION) != 0) {
          return m.key();
        }
      }
    }
    throw new AccessTokenException(
        Reason.UNKNOWN_KEY,
        abbreviate(kid)
            + " is not an authentication key of "
            + iss
            + " (rotated, removed or never)");
  }

  /** Untrusted text in messages: at most 80 characters, printable ASCII. */
  static String abbreviate(Object value) {
    String s = value == null ? "nothing" : value.toString();
    if (s.length() > 80) {
      s = s.substring(0, 77) + "...";
    }
    return s.replaceAll("[^ -~]", "?");
  }
}
