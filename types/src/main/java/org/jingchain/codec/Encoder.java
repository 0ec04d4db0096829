package org.jingchain.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;

/**
 * Appends canonical encodings to a growable buffer: big-endian integers, u32-length-prefixed bytes.
 */
public final class Encoder {
  private byte[] buf;
  private int size;

  public Encoder() {
    this(128);
  }

  public Encoder(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }

  public Encoder u8(int v) {
    if (v < 0 || v > 0xff) {
      throw new IllegalArgumentException("u8 out of range: " + v);
    }
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public Encoder bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  public Encoder u32(long v) {
    if (v < 0 || v > 0xffffffffL) {
      throw new IllegalArgumentException("u32 out of range: " + v);
    }
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
    return this;
  }

  /** Encodes a non-negative long as 8 bytes big-endian (values are u63 in the domain). */
  public Encoder u64(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("u64 must be non-negative here: " + v);
    }
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[size++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Raw bytes with no length prefix (fixed-size fields). */
  public Encoder raw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
    return this;
  }

  /** A u32 length followed by the bytes. */
  public Encoder bytes(byte[] b) {
    u32(b.length);
    return raw(b);
  }

  public Encoder bytes(Bytes b) {
    return bytes(b.unsafeArray());
  }

  /** UTF-8 bytes with a u32 length prefix. */
  public Encoder string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public Encoder hash(Hash h) {
    return raw(h.unsafeArray());
  }

  /** Suite tag byte then the 20-byte body. */
  public Encoder address(Address a) {
    u8(a.suite().tag());
    return raw(a.body().unsafeArray());
  }

  /** Suite tag byte then the suite's fixed-length key bytes. */
  public Encoder publicKey(PublicKey k) {
    u8(k.suite().tag());
    return raw(k.bytes().unsafeArray());
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }
}
