package org.jingchain.types;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string with value equality; the domain's stand-in for {@code byte[]}. */
public final class Bytes implements Comparable<Bytes> {
  public static final Bytes EMPTY = new Bytes(new byte[0]);
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  /** Copies {@code value}. */
  public static Bytes of(byte[] value) {
    return new Bytes(value.clone());
  }

  /** Takes ownership of {@code value}; the caller must not modify it afterwards. */
  public static Bytes wrap(byte[] value) {
    return new Bytes(value);
  }

  /** Parses lower- or upper-case hex, with or without a {@code 0x} prefix. */
  public static Bytes fromHex(String hex) {
    String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    return new Bytes(HEX.parseHex(h));
  }

  public int length() {
    return value.length;
  }

  public byte get(int index) {
    return value[index];
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return value.clone();
  }

  /** The backing array, for hot paths that promise not to modify it. */
  public byte[] unsafeArray() {
    return value;
  }

  public String toHex() {
    return HEX.formatHex(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes b && Arrays.equals(value, b.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(value, o.value);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
