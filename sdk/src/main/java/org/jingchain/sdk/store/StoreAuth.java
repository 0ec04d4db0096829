package org.jingchain.sdk.store;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;

/**
 * Signed requests to storage nodes (docs/spec/storage.md [STORE-20]): the {@code Authorization}
 * header {@code Jing-Signature address=…,key=…,time=…,signature=…} signs, with an account key of
 * the chain's suite, the chain id, the node id, the method, the request target, the time in
 * milliseconds and the hash of the body — so a header is good for one request to one node of one
 * chain, within {@link #MAX_SKEW_MILLIS} of its time.
 */
public final class StoreAuth {
  public static final String SCHEME = "Jing-Signature";

  /** How far a request's time may be from the node's clock. */
  public static final long MAX_SKEW_MILLIS = 5 * 60 * 1000;

  private static final HexFormat HEX = HexFormat.of();

  /** A refused request: the code the node answers and why. */
  public static final class AuthException extends Exception {
    private final String code;

    public AuthException(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private StoreAuth() {}

  /**
   * The header an upload names its body's hash in ({@code H(body)}, hex), so that a node checks the
   * signature, and who may upload, before it reads the body.
   */
  public static final String CONTENT_HASH = "X-Jing-Content-Hash";

  static byte[] message(
      CryptoSuite suite,
      String chainId,
      String nodeId,
      String method,
      String target,
      long millis,
      byte[] body) {
    return message(chainId, nodeId, method, target, millis, suite.hash(body));
  }

  static byte[] message(
      String chainId, String nodeId, String method, String target, long millis, Hash bodyHash) {
    String m =
        "jing-store-request/1\n"
            + chainId
            + "\n"
            + nodeId
            + "\n"
            + method
            + "\n"
            + target
            + "\n"
            + millis
            + "\n"
            + bodyHash.toHex();
    return m.getBytes(StandardCharsets.UTF_8);
  }

  /** The header value for a request of {@code key}'s account. */
  public static String header(
      KeyPair key,
      String chainId,
      String nodeId,
      String method,
      String target,
      long millis,
      byte[] body) {
    byte[] sig = key.sign(message(key.suite(), chainId, nodeId, method, target, millis, body));
    return SCHEME
        + " address="
        + key.address()
        + ",key="
        + HEX.formatHex(key.publicKey().bytes().unsafeArray())
        + ",time="
        + millis
        + ",signature="
        + HEX.formatHex(sig);
  }

  /**
   * The account that signed {@code header} for this request.
   *
   * @throws AuthException UNAUTHENTICATED when the header is missing or malformed, BAD_SIGNATURE
   *     when the key does not match the address or the signature does not verify, STALE_REQUEST
   *     when its time is too far from {@code nowMillis}
   */
  public static Address verify(
      CryptoSuite suite,
      String chainId,
      String nodeId,
      String header,
      String method,
      String target,
      byte[] body,
      long nowMillis)
      throws AuthException {
    return verify(suite, chainId, nodeId, header, method, target, suite.hash(body), nowMillis);
  }

  /**
   * As {@link #verify(CryptoSuite, String, String, String, String, String, byte[], long)}, for a
   * body known by its hash (checked against the body once it is read).
   */
  public static Address verify(
      CryptoSuite suite,
      String chainId,
      String nodeId,
      String header,
      String method,
      String target,
      Hash bodyHash,
      long nowMillis)
      throws AuthException {
    if (header == null || !header.startsWith(SCHEME + " ")) {
      throw new AuthException(
          "UNAUTHENTICATED", "sign the request: Authorization: " + SCHEME + " address=…");
    }
    Map<String, String> f = new LinkedHashMap<>();
    for (String part : header.substring(SCHEME.length() + 1).split(",", 8)) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new AuthException("UNAUTHENTICATED", "malformed " + SCHEME + " header");
      }
      f.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    if (!f.keySet().equals(java.util.Set.of("address", "key", "time", "signature"))) {
      throw new AuthException(
          "UNAUTHENTICATED", "the header needs exactly address, key, time and signature");
    }
    Address address;
    PublicKey key;
    long time;
    byte[] sig;
    try {
      address = Address.parse(f.get("address"));
      key = new PublicKey(suite.id(), Bytes.wrap(HEX.parseHex(f.get("key"))));
      time = Long.parseLong(f.get("time"));
      sig = HEX.parseHex(f.get("signature"));
    } catch (IllegalArgumentException e) {
      throw new AuthException(
          "UNAUTHENTICATED", "malformed " + SCHEME + " header: " + e.getMessage());
    }
    if (!suite.isValidPublicKey(key) || !suite.address(key).equals(address)) {
      throw new AuthException("BAD_SIGNATURE", "the key is not the address's");
    }
    if (Math.abs(nowMillis - time) > MAX_SKEW_MILLIS) {
      throw new AuthException(
          "STALE_REQUEST",
          "the request's time is "
              + Math.abs(nowMillis - time) / 1000
              + " s from this node's clock; at most "
              + MAX_SKEW_MILLIS / 1000
              + " s are allowed");
    }
    if (!suite.verify(key, message(chainId, nodeId, method, target, time, bodyHash), sig)) {
      throw new AuthException("BAD_SIGNATURE", "the signature does not verify");
    }
    return address;
  }
}
