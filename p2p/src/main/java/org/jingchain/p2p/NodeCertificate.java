package org.jingchain.p2p;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.types.Bytes;
import org.jingchain.types.PublicKey;

/**
 * A node key's statement that a transport key speaks for it on one chain [P2P-15]: how a node whose
 * key can only sign (a validator key in a PKCS#11 token) takes part in the handshake, whose key
 * agreement needs a static private key in memory. The node makes a transport key, signs this
 * certificate with its own key, and presents both; its peers admit and address it by {@link
 * #node()}.
 *
 * @param node the certified identity: the key peers admit, dial and tag payloads with
 * @param issuedAtMillis when the node issued it; a peer refuses a certificate of a node older than
 *     the newest it has seen from that node, so an old transport key stops working
 * @param signature the node key's 64-byte signature over {@link #signingBytes}
 */
public record NodeCertificate(PublicKey node, long issuedAtMillis, Bytes signature) {
  /** Both suites' signatures are 64 bytes (Ed25519; SM2 r || s). */
  public static final int SIGNATURE_BYTES = 64;

  static final byte[] LABEL = "jing-p2p-v1 node certificate".getBytes(StandardCharsets.US_ASCII);

  public NodeCertificate {
    Objects.requireNonNull(node, "node");
    if (signature.length() != SIGNATURE_BYTES) {
      throw new IllegalArgumentException(
          "a node certificate's signature is "
              + SIGNATURE_BYTES
              + " bytes, got "
              + signature.length());
    }
  }

  /**
   * What the node key signs: {@code "jing-p2p-v1 node certificate" || u8(c) || chain id (c bytes,
   * UTF-8) || suite tag || transport public key || u64(issuedAtMillis)}.
   */
  public static byte[] signingBytes(String chainId, PublicKey transport, long issuedAtMillis) {
    byte[] chain = chainId.getBytes(StandardCharsets.UTF_8);
    if (chain.length < 1 || chain.length > 255) {
      throw new IllegalArgumentException("chain id must be 1..255 UTF-8 bytes");
    }
    byte[] key = transport.bytes().unsafeArray();
    byte[] m = Arrays.copyOf(LABEL, LABEL.length + 2 + chain.length + key.length + 8);
    int at = LABEL.length;
    m[at++] = (byte) chain.length;
    System.arraycopy(chain, 0, m, at, chain.length);
    at += chain.length;
    m[at++] = (byte) transport.suite().tag();
    System.arraycopy(key, 0, m, at, key.length);
    at += key.length;
    for (int i = 7; i >= 0; i--) {
      m[at++] = (byte) (issuedAtMillis >>> (8 * i));
    }
    return m;
  }

  /** True when {@link #node()} signed {@code transport} for {@code chainId}. */
  public boolean certifies(CryptoSuite suite, String chainId, PublicKey transport) {
    return node.suite() == transport.suite()
        && suite.verify(
            node, signingBytes(chainId, transport, issuedAtMillis), signature.unsafeArray());
  }
}
