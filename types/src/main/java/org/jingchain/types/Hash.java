package org.jingchain.types;

import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte digest (SHA-256 or SM3, by the chain's suite). */
public final class Hash implements Comparable<Hash> {
  public static final int LENGTH = 32;

  /** All zeros: the parent of genesis and the root of an empty tree. */
  public static final Hash ZERO = new Hash(new byte[LENGTH]);

  private final byte[] value;

  private Hash(byte[] value) {
    if (value.length != LENGTH) {
      throw new IllegalArgumentException("hash must be 32 bytes, got " + value.length);
    }
    this.value = value;
  }

  /** Copies {@code value}, which must be 32 bytes. */
  public static Hash of(byte[] value) {
    return new Hash(value.clone());
  }

  /** Takes ownership of a 32-byte array. */
  public static Hash wrap(byte[] value) {
    return new Hash(value);
  }

  /** Parses 64 hex characters, with or without {@code 0x}. */
  public static Hash fromHex(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (h.length() != LENGTH * 2) {
      throw new IllegalArgumentException("hash must be 64 hex characters, got " + h.length());
    }
    return new Hash(HexFormat.of().parseHex(h));
  }

  public byte[] toByteArray() {
    return value.clone();
  }

  /** The backing array, for hot paths that promise not to modify it. */
  public byte[] unsafeArray() {
    return value;
  }

  /** Bit {@code i} counted from the most significant bit of byte 0. */
  public boolean bit(int i) {
    return ((value[i >>> 3] >>> (7 - (i & 7))) & 1) == 1;
  }

  public String toHex() {
    return HexFormat.of().formatHex(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && Arrays.equals(value, h.value);
  }

  @Override
  public int hashCode() {
    return (value[0] & 0xff) << 24
        | (value[1] & 0xff) << 16
        | (value[2] & 0xff) << 8
        | (value[3] & 0xff);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(value, o.value);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
