package org.jingchain.p2p;

import java.util.Arrays;
import org.jingchain.crypto.Aead;
import org.jingchain.crypto.AeadException;

/**
 * Seals or opens the frames of one direction of one connection [P2P-6]: the suite AEAD under the
 * direction's key, with the frame counter as nonce, so every nonce is used once and frames cannot
 * be dropped, replayed or reordered without the next one failing. Not thread-safe: each direction
 * is driven by its connection's event loop.
 */
final class FrameCipher {
  /** Frame types, the first plaintext byte. */
  static final byte CONFIRM = 1;

  static final byte DATA = 2;
  static final byte PING = 3;

  static final int TAG_BYTES = 16;

  /** Type byte, GCM tag and length prefix: what a frame adds to its payload on the wire. */
  static final int OVERHEAD_BYTES = 1 + TAG_BYTES + Frames.PREFIX_BYTES;

  /** Frames per key: far below nonce wrap; a reconnect brings fresh keys [P2P-7]. */
  static final long DEFAULT_MAX_FRAMES = 1L << 32;

  /** Plaintext bytes per key, a conservative GCM usage limit (TLS 1.3 allows about 2^38). */
  static final long DEFAULT_MAX_BYTES = 1L << 36;

  private static final byte[] NO_AD = new byte[0];

  private final Aead aead;
  private final byte[] key;
  private final long maxFrames;
  private final long maxBytes;
  private long frames;
  private long bytes;

  FrameCipher(Aead aead, byte[] key) {
    this(aead, key, DEFAULT_MAX_FRAMES, DEFAULT_MAX_BYTES);
  }

  FrameCipher(Aead aead, byte[] key, long maxFrames, long maxBytes) {
    if (key.length != aead.keyLength()) {
      throw new IllegalArgumentException(
          aead + " needs a " + aead.keyLength() + "-byte key, got " + key.length);
    }
    this.aead = aead;
    this.key = key.clone();
    this.maxFrames = maxFrames;
    this.maxBytes = maxBytes;
  }

  /** A decrypted frame: its type and body. */
  static final class Frame {
    private final byte type;
    private final byte[] body;

    Frame(byte type, byte[] body) {
      this.type = type;
      this.body = body;
    }

    byte type() {
      return type;
    }

    /** The body itself, not a copy: a frame is handed on once. */
    byte[] body() {
      return body;
    }
  }

  /** Encrypts {@code type || body} under the next nonce. */
  byte[] seal(byte type, byte[] body) throws FrameException {
    byte[] nonce = nextNonce(body.length + 1);
    byte[] plaintext = new byte[body.length + 1];
    plaintext[0] = type;
    System.arraycopy(body, 0, plaintext, 1, body.length);
    return aead.encrypt(key, nonce, plaintext, NO_AD);
  }

  /** Decrypts the next frame of this direction. */
  Frame open(byte[] sealed) throws FrameException {
    if (sealed.length < TAG_BYTES + 1) {
      throw new FrameException(
          DisconnectReason.UNDECRYPTABLE, "frame of " + sealed.length + " bytes has no room");
    }
    byte[] nonce = nextNonce(sealed.length - TAG_BYTES);
    byte[] plaintext;
    try {
      plaintext = aead.decrypt(key, nonce, sealed, NO_AD);
    } catch (AeadException e) {
      throw new FrameException(DisconnectReason.UNDECRYPTABLE, e.getMessage());
    }
    return new Frame(plaintext[0], Arrays.copyOfRange(plaintext, 1, plaintext.length));
  }

  /** Frames sealed or opened so far. */
  long frames() {
    return frames;
  }

  /** Nonce = 4 zero bytes || the 8-byte big-endian frame counter [P2P-6]. */
  private byte[] nextNonce(int plaintextBytes) throws FrameException {
    if (frames >= maxFrames || bytes + plaintextBytes > maxBytes) {
      throw new FrameException(
          DisconnectReason.KEY_USAGE_LIMIT,
          "key used for " + frames + " frames and " + bytes + " bytes");
    }
    byte[] nonce = new byte[12];
    long n = frames;
    for (int i = 11; i >= 4; i--) {
      nonce[i] = (byte) n;
      n >>>= 8;
    }
    frames++;
    bytes += plaintextBytes;
    return nonce;
  }
}
