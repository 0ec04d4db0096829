package org.jingchain.p2p;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * Turns the agreed secret into the two direction keys [P2P-3]: HKDF (RFC 5869) built on HMAC (RFC
 * 2104) over the suite hash, so {@code intl} uses HKDF-SHA256 and {@code sm} the same construction
 * over SM3. Both hashes have 64-byte blocks and 32-byte outputs.
 */
final class KeySchedule {
  static final int BLOCK_BYTES = 64;

  static final byte[] TRANSCRIPT_LABEL = ascii("jing-p2p-v1 transcript");
  static final byte[] INITIATOR_KEY_LABEL = ascii("jing-p2p-v1 initiator->responder");
  static final byte[] RESPONDER_KEY_LABEL = ascii("jing-p2p-v1 responder->initiator");
  static final byte[] INITIATOR_CONFIRM_LABEL = ascii("jing-p2p-v1 confirm initiator");
  static final byte[] RESPONDER_CONFIRM_LABEL = ascii("jing-p2p-v1 confirm responder");

  private KeySchedule() {}

  /** The keys of one connection: one per direction, never the same. */
  static final class DirectionKeys {
    private final byte[] initiatorToResponder;
    private final byte[] responderToInitiator;

    DirectionKeys(byte[] initiatorToResponder, byte[] responderToInitiator) {
      this.initiatorToResponder = initiatorToResponder;
      this.responderToInitiator = responderToInitiator;
    }

    byte[] initiatorToResponder() {
      return initiatorToResponder;
    }

    byte[] responderToInitiator() {
      return responderToInitiator;
    }
  }

  /** H(label || u32(|init|) || init || u32(|response|) || response). */
  static Hash transcript(HashFunction h, byte[] init, byte[] response) {
    return h.hash(TRANSCRIPT_LABEL, u32(init.length), init, u32(response.length), response);
  }

  /**
   * PRK = HMAC(salt = transcript, secret); each key = HMAC(PRK, label || 0x01), cut to {@code
   * keyBytes}: HKDF-Extract then a one-block HKDF-Expand per direction.
   */
  static DirectionKeys derive(HashFunction h, byte[] secret, Hash transcript, int keyBytes) {
    if (keyBytes > Hash.LENGTH) {
      throw new IllegalArgumentException(
          "one HKDF block gives at most 32 bytes, asked " + keyBytes);
    }
    byte[] prk = hmac(h, transcript.unsafeArray(), secret);
    byte[] one = {1};
    byte[] i2r = Arrays.copyOf(hmac(h, prk, INITIATOR_KEY_LABEL, one), keyBytes);
    byte[] r2i = Arrays.copyOf(hmac(h, prk, RESPONDER_KEY_LABEL, one), keyBytes);
    Arrays.fill(prk, (byte) 0);
    return new DirectionKeys(i2r, r2i);
  }

  /** What a side signs to confirm: its role's label and the transcript hash. */
  static byte[] confirmMessage(boolean initiator, Hash transcript) {
    byte[] label = initiator ? INITIATOR_CONFIRM_LABEL : RESPONDER_CONFIRM_LABEL;
    byte[] m = Arrays.copyOf(label, label.length + Hash.LENGTH);
    System.arraycopy(transcript.unsafeArray(), 0, m, label.length, Hash.LENGTH);
    return m;
  }

  /** HMAC(key, message parts concatenated) over {@code h}. */
  static byte[] hmac(HashFunction h, byte[] key, byte[]... message) {
    byte[] k = key.length > BLOCK_BYTES ? h.hash(key).toByteArray() : key;
    byte[] ipad = new byte[BLOCK_BYTES];
    byte[] opad = new byte[BLOCK_BYTES];
    for (int i = 0; i < BLOCK_BYTES; i++) {
      byte b = i < k.length ? k[i] : 0;
      ipad[i] = (byte) (b ^ 0x36);
      opad[i] = (byte) (b ^ 0x5c);
    }
    byte[][] inner = new byte[message.length + 1][];
    inner[0] = ipad;
    System.arraycopy(message, 0, inner, 1, message.length);
    byte[] innerHash = h.hash(inner).unsafeArray();
    return h.hash(opad, innerHash).toByteArray();
  }

  private static byte[] u32(int n) {
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
