package org.jingchain.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.SuiteId;

/**
 * Reads canonical encodings strictly: every read is bounds-checked, every length is capped by the
 * caller, and {@link #finish(String)} rejects trailing bytes. Failures throw {@link
 * DecodeException}.
 */
public final class Decoder {
  private final byte[] in;
  private int pos;

  public Decoder(byte[] in) {
    this.in = in;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return in.length - pos;
  }

  private void need(int n, String what) {
    if (n < 0 || in.length - pos < n) {
      throw new DecodeException(
          "truncated input: "
              + what
              + " needs "
              + n
              + " bytes at offset "
              + pos
              + ", "
              + remaining()
              + " left");
    }
  }

  public int u8(String what) {
    need(1, what);
    return in[pos++] & 0xff;
  }

  public boolean bool(String what) {
    int v = u8(what);
    if (v > 1) {
      throw new DecodeException(what + ": boolean must be 0 or 1, got " + v);
    }
    return v == 1;
  }

  public long u32(String what) {
    need(4, what);
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (in[pos++] & 0xff);
    }
    return v;
  }

  public long u64(String what) {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[pos++] & 0xff);
    }
    if (v < 0) {
      throw new DecodeException(what + ": value exceeds 2^63-1");
    }
    return v;
  }

  /** A u32 count, rejected when above {@code max}. */
  public int count(String what, int max) {
    long n = u32(what);
    if (n > max) {
      throw new DecodeException(what + ": " + n + " exceeds the limit of " + max);
    }
    return (int) n;
  }

  public byte[] raw(int n, String what) {
    need(n, what);
    byte[] out = Arrays.copyOfRange(in, pos, pos + n);
    pos += n;
    return out;
  }

  /** Advances past {@code n} bytes without copying them. */
  public void skip(int n, String what) {
    need(n, what);
    pos += n;
  }

  /** u32-length-prefixed bytes, at most {@code max} long. */
  public byte[] bytes(String what, int max) {
    int n = count(what + " length", max);
    return raw(n, what);
  }

  public Bytes bytesValue(String what, int max) {
    return Bytes.wrap(bytes(what, max));
  }

  /** u32-length-prefixed UTF-8, at most {@code maxBytes} long; malformed UTF-8 is rejected. */
  public String string(String what, int maxBytes) {
    byte[] b = bytes(what, maxBytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException(what + ": not valid UTF-8");
    }
  }

  public Hash hash(String what) {
    return Hash.wrap(raw(Hash.LENGTH, what));
  }

  public SuiteId suite(String what) {
    int tag = u8(what + " suite");
    return SuiteId.fromTag(tag)
        .orElseThrow(() -> new DecodeException(what + ": unknown suite tag " + tag));
  }

  public Address address(String what) {
    SuiteId suite = suite(what);
    return new Address(suite, Bytes.wrap(raw(Address.BODY_LENGTH, what)));
  }

  public PublicKey publicKey(String what) {
    SuiteId suite = suite(what);
    return new PublicKey(suite, Bytes.wrap(raw(suite.publicKeyLength(), what)));
  }

  /** Asserts the whole input was consumed. */
  public void finish(String what) {
    if (pos != in.length) {
      throw new DecodeException(what + ": " + remaining() + " trailing bytes after offset " + pos);
    }
  }
}
