package org.jingchain.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Limits;
import org.jingchain.types.PublicKey;

/**
 * A bearer token for a node's API (docs/spec/api-access.md [ACC-3]..[ACC-6]): an account's key
 * signs its chain id and a short lifetime, and any node of that chain checks it without a shared
 * secret. The text form is {@code jt1.<payload>.<signature>}, both parts unpadded base64url; the
 * payload is {@code u8 0x60, string chainId, publicKey holder, u64 issuedAtMillis, u64
 * expiresAtMillis} (docs/spec/encoding.md), and the signature is the holder's, over the payload.
 */
public record ApiToken(
    String chainId, PublicKey holder, long issuedAtMillis, long expiresAtMillis, Bytes signature) {
  /** The payload's type tag, unlike any other signed record's [ENC]. */
  public static final int TAG = 0x60;

  public static final String PREFIX = "jt1.";

  /** [ACC-3] The longest token text a node reads. */
  public static final int MAX_CHARS = 1024;

  /** [ACC-4] The longest lifetime a node accepts. */
  public static final Duration MAX_LIFETIME = Duration.ofHours(1);

  /** [ACC-4] How far a client's clock may be ahead of or behind a node's. */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final int MAX_SIGNATURE_BYTES = 128;

  /** Why a token was refused: {@code TOKEN_INVALID} or {@code TOKEN_EXPIRED}, with the reason. */
  public static final class Refused extends Exception {
    private final String code;

    Refused(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** The bytes the holder signs. */
  public byte[] payload() {
    return new Encoder(128)
        .u8(TAG)
        .string(chainId)
        .publicKey(holder)
        .u64(issuedAtMillis)
        .u64(expiresAtMillis)
        .toByteArray();
  }

  /** The text form, for an {@code Authorization: Bearer} header. */
  public String text() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return PREFIX
        + b64.encodeToString(payload())
        + "."
        + b64.encodeToString(signature.unsafeArray());
  }

  /** The account the token speaks for. */
  public Address holderAddress() {
    return CryptoSuites.of(holder.suite()).address(holder);
  }

  /**
   * A token for {@code key}'s account on {@code chainId}, valid from {@code nowMillis} for {@code
   * lifetime} (at most {@link #MAX_LIFETIME}).
   */
  public static ApiToken mint(KeyPair key, String chainId, long nowMillis, Duration lifetime) {
    if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
      throw new IllegalArgumentException(
          "a token lives more than 0 and at most " + MAX_LIFETIME.toMinutes() + " minutes");
    }
    ApiToken unsigned =
        new ApiToken(
            chainId, key.publicKey(), nowMillis, nowMillis + lifetime.toMillis(), Bytes.EMPTY);
    return new ApiToken(
        chainId,
        key.publicKey(),
        unsigned.issuedAtMillis,
        unsigned.expiresAtMillis,
        Bytes.wrap(key.sign(unsigned.payload())));
  }

  /**
   * [ACC-3] Reads a token's text, checking its form only (no signature, chain or time).
   *
   * @throws Refused {@code TOKEN_INVALID} for anything that is not exactly a token's text
   */
  public static ApiToken parse(String text) throws Refused {
    if (text == null || text.length() > MAX_CHARS || !text.startsWith(PREFIX)) {
      throw invalid("a token is jt1.<payload>.<signature>, at most " + MAX_CHARS + " characters");
    }
    String[] parts = text.substring(PREFIX.length()).split("\\.", -1);
    if (parts.length != 2) {
      throw invalid("a token is jt1.<payload>.<signature>");
    }
    byte[] payload = base64(parts[0]);
    byte[] signature = base64(parts[1]);
    if (signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
      throw invalid("the token's signature has " + signature.length + " bytes");
    }
    try {
      Decoder d = new Decoder(payload);
      int tag = d.u8("tag");
      if (tag != TAG) {
        throw invalid("not a token payload (tag 0x" + Integer.toHexString(tag) + ")");
      }
      String chainId = d.string("chainId", Limits.MAX_CHAIN_ID_BYTES);
      PublicKey holder = d.publicKey("holder");
      long issued = d.u64("issuedAtMillis");
      long expires = d.u64("expiresAtMillis");
      d.finish("token");
      if (chainId.isEmpty()) {
        throw invalid("the token names no chain");
      }
      return new ApiToken(chainId, holder, issued, expires, Bytes.wrap(signature));
    } catch (DecodeException e) {
      throw invalid("malformed token payload: " + e.getMessage());
    }
  }

  /**
   * [ACC-4] Parses and checks a token for a node of {@code chainId} whose clock reads {@code
   * nowMillis}: its form, its chain, its lifetime and times, and its holder's signature.
   *
   * @throws Refused {@code TOKEN_EXPIRED} for a token past its expiry, {@code TOKEN_INVALID} for
   *     any other reason
   */
  public static ApiToken verify(String text, CryptoSuite suite, String chainId, long nowMillis)
      throws Refused {
    ApiToken t = parse(text);
    if (!t.chainId.equals(chainId)) {
      throw invalid("the token is for chain " + t.chainId + ", this node serves " + chainId);
    }
    if (t.holder.suite() != suite.id()) {
      throw invalid(
          "the token's key is a " + t.holder.suite() + " key; this chain uses " + suite.id());
    }
    if (t.expiresAtMillis <= t.issuedAtMillis
        || t.expiresAtMillis - t.issuedAtMillis > MAX_LIFETIME.toMillis()) {
      throw invalid(
          "the token's lifetime must be more than 0 and at most "
              + MAX_LIFETIME.toMinutes()
              + " minutes");
    }
    if (t.issuedAtMillis > nowMillis + CLOCK_SKEW.toMillis()) {
      throw invalid("the token is issued in the future; check the client's clock");
    }
    if (!suite.verify(t.holder, t.payload(), t.signature.unsafeArray())) {
      throw invalid("the token's signature does not verify against its key");
    }
    if (t.expiresAtMillis + CLOCK_SKEW.toMillis() <= nowMillis) {
      throw new Refused("TOKEN_EXPIRED", "the token expired; make a new one (jing auth token)");
    }
    return t;
  }

  private static byte[] base64(String part) throws Refused {
    // unpadded base64url only: one spelling per token
    if (!part.chars()
        .allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
      throw invalid("a token's parts are unpadded base64url");
    }
    try {
      byte[] b = Base64.getUrlDecoder().decode(part.getBytes(StandardCharsets.US_ASCII));
      if (!Base64.getUrlEncoder().withoutPadding().encodeToString(b).equals(part)) {
        throw invalid("a token's parts are canonical unpadded base64url");
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw invalid("a token's parts are unpadded base64url");
    }
  }

  private static Refused invalid(String message) {
    return new Refused("TOKEN_INVALID", message);
  }
}
