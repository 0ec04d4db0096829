package org.jingchain.evm;

import java.util.Arrays;
import java.util.HexFormat;

/** A 20-byte EVM account address. */
public final class Address implements Comparable<Address> {
  public static final int LENGTH = 20;
  public static final Address ZERO = new Address(new byte[LENGTH]);

  private final byte[] bytes;
  private final int hash;

  private Address(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  public static Address of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("an address is 20 bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  /** The low 20 bytes of a word (as the EVM reads an address operand). */
  public static Address of(UInt256 word) {
    return new Address(Arrays.copyOfRange(word.toBytes(), 12, 32));
  }

  /** The address of precompile or small account number {@code n}. */
  public static Address ofNumber(int n) {
    return of(UInt256.of(n));
  }

  public static Address fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex));
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public UInt256 toWord() {
    return UInt256.fromBytes(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address a && a.hash == hash && Arrays.equals(a.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public int compareTo(Address o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
