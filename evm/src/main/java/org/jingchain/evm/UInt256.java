package org.jingchain.evm;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An EVM word: an unsigned 256-bit integer, arithmetic modulo 2^256 [EVM-WORD-1]. Immutable; four
 * 64-bit limbs, {@code w0} the least significant. Signed operations read the word as two's
 * complement [EVM-WORD-2]. Division by zero gives zero, as the EVM defines it.
 */
public final class UInt256 implements Comparable<UInt256> {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger MASK_256 = TWO_256.subtract(BigInteger.ONE);

  public static final UInt256 ZERO = new UInt256(0, 0, 0, 0);
  public static final UInt256 ONE = new UInt256(1, 0, 0, 0);
  public static final UInt256 MAX = new UInt256(-1, -1, -1, -1);

  private static final UInt256[] SMALL = new UInt256[256];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new UInt256(i, 0, 0, 0);
    }
  }

  final long w0;
  final long w1;
  final long w2;
  final long w3;

  private UInt256(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  static UInt256 of(long w0, long w1, long w2, long w3) {
    if ((w1 | w2 | w3) == 0 && w0 >= 0 && w0 < SMALL.length) {
      return SMALL[(int) w0];
    }
    return new UInt256(w0, w1, w2, w3);
  }

  /** The word holding {@code value} read as unsigned 64 bits. */
  public static UInt256 of(long value) {
    return of(value, 0, 0, 0);
  }

  public static UInt256 of(BigInteger value) {
    BigInteger v = value.and(MASK_256);
    long[] limbs = new long[4];
    for (int i = 0; i < 4; i++) {
      limbs[i] = v.shiftRight(64 * i).longValue();
    }
    return of(limbs[0], limbs[1], limbs[2], limbs[3]);
  }

  /** Big-endian bytes, at most 32, left-padded with zeros. */
  public static UInt256 fromBytes(byte[] bytes) {
    return fromBytes(bytes, 0, bytes.length);
  }

  /** {@code len} big-endian bytes from {@code off} (at most 32). */
  public static UInt256 fromBytes(byte[] bytes, int off, int len) {
    if (len > 32) {
      throw new IllegalArgumentException("a word is at most 32 bytes, got " + len);
    }
    long[] limbs = new long[4];
    for (int i = 0; i < len; i++) {
      int bitFromRight = 8 * (len - 1 - i);
      limbs[bitFromRight >>> 6] |= (bytes[off + i] & 0xFFL) << (bitFromRight & 63);
    }
    return of(limbs[0], limbs[1], limbs[2], limbs[3]);
  }

  /**
   * Reads 32 bytes at {@code off}, where bytes past the end of {@code data} count as zero (as
   * CALLDATALOAD reads).
   */
  public static UInt256 fromPadded(byte[] data, long off) {
    if (off >= data.length) {
      return ZERO;
    }
    int start = (int) off;
    if (start + 32 <= data.length) {
      return fromBytes(data, start, 32);
    }
    byte[] word = new byte[32];
    System.arraycopy(data, start, word, 0, data.length - start);
    return fromBytes(word, 0, 32);
  }

  public static UInt256 fromHex(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (h.isEmpty()) {
      return ZERO;
    }
    return of(new BigInteger(h, 16));
  }

  public byte[] toBytes() {
    byte[] out = new byte[32];
    into(out, 0);
    return out;
  }

  /** Writes the 32 big-endian bytes at {@code off}. */
  public void into(byte[] out, int off) {
    putLong(out, off, w3);
    putLong(out, off + 8, w2);
    putLong(out, off + 16, w1);
    putLong(out, off + 24, w0);
  }

  private static void putLong(byte[] out, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      out[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  public BigInteger toBigInteger() {
    return new BigInteger(1, toBytes());
  }

  /** Two's-complement reading. */
  public BigInteger toSignedBigInteger() {
    return new BigInteger(toBytes());
  }

  public boolean isZero() {
    return (w0 | w1 | w2 | w3) == 0;
  }

  /** True if the value is below 2^63, so {@link #longValue} is exact. */
  public boolean fitsLong() {
    return (w1 | w2 | w3) == 0 && w0 >= 0;
  }

  /** True if the value is below 2^31. */
  public boolean fitsInt() {
    return (w1 | w2 | w3) == 0 && w0 >= 0 && w0 <= Integer.MAX_VALUE;
  }

  /** The low 64 bits. */
  public long longValue() {
    return w0;
  }

  /** The value if it is below 2^63, otherwise {@link Long#MAX_VALUE} (for gas and offsets). */
  public long clampedLong() {
    return fitsLong() ? w0 : Long.MAX_VALUE;
  }

  /** Number of bytes in the minimal big-endian encoding (0 for zero). */
  public int byteLength() {
    return (bitLength() + 7) / 8;
  }

  public int bitLength() {
    if (w3 != 0) {
      return 256 - Long.numberOfLeadingZeros(w3);
    }
    if (w2 != 0) {
      return 192 - Long.numberOfLeadingZeros(w2);
    }
    if (w1 != 0) {
      return 128 - Long.numberOfLeadingZeros(w1);
    }
    return 64 - Long.numberOfLeadingZeros(w0);
  }

  private boolean negative() {
    return w3 < 0;
  }

  // ---- arithmetic ----

  public UInt256 add(UInt256 o) {
    long r0 = w0 + o.w0;
    long c = Long.compareUnsigned(r0, w0) < 0 ? 1 : 0;
    long t1 = w1 + o.w1;
    long c1 = Long.compareUnsigned(t1, w1) < 0 ? 1 : 0;
    long r1 = t1 + c;
    c1 += Long.compareUnsigned(r1, t1) < 0 ? 1 : 0;
    long t2 = w2 + o.w2;
    long c2 = Long.compareUnsigned(t2, w2) < 0 ? 1 : 0;
    long r2 = t2 + c1;
    c2 += Long.compareUnsigned(r2, t2) < 0 ? 1 : 0;
    long r3 = w3 + o.w3 + c2;
    return of(r0, r1, r2, r3);
  }

  public UInt256 sub(UInt256 o) {
    return add(o.negate());
  }

  public UInt256 negate() {
    return not().add(ONE);
  }

  public UInt256 mul(UInt256 o) {
    long[] a = {w0, w1, w2, w3};
    long[] b = {o.w0, o.w1, o.w2, o.w3};
    long[] r = new long[4];
    for (int i = 0; i < 4; i++) {
      if (a[i] == 0) {
        continue;
      }
      long carry = 0;
      for (int j = 0; i + j < 4; j++) {
        long lo = a[i] * b[j];
        long hi = Math.unsignedMultiplyHigh(a[i], b[j]);
        long s = r[i + j] + lo;
        long c1 = Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
        long s2 = s + carry;
        long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
        r[i + j] = s2;
        carry = hi + c1 + c2;
      }
    }
    return of(r[0], r[1], r[2], r[3]);
  }

  public UInt256 div(UInt256 o) {
    if (o.isZero()) {
      return ZERO;
    }
    if ((w1 | w2 | w3 | o.w1 | o.w2 | o.w3) == 0) {
      return of(Long.divideUnsigned(w0, o.w0));
    }
    if (compareTo(o) < 0) {
      return ZERO;
    }
    return of(toBigInteger().divide(o.toBigInteger()));
  }

  public UInt256 mod(UInt256 o) {
    if (o.isZero()) {
      return ZERO;
    }
    if ((w1 | w2 | w3 | o.w1 | o.w2 | o.w3) == 0) {
      return of(Long.remainderUnsigned(w0, o.w0));
    }
    if (compareTo(o) < 0) {
      return this;
    }
    return of(toBigInteger().mod(o.toBigInteger()));
  }

  /** Signed division truncating toward zero; -2^255 / -1 = -2^255 (the EVM's overflow rule). */
  public UInt256 sdiv(UInt256 o) {
    if (o.isZero()) {
      return ZERO;
    }
    return of(toSignedBigInteger().divide(o.toSignedBigInteger()));
  }

  /** Signed remainder, with the sign of the dividend. */
  public UInt256 smod(UInt256 o) {
    if (o.isZero()) {
      return ZERO;
    }
    return of(toSignedBigInteger().remainder(o.toSignedBigInteger()));
  }

  public UInt256 addmod(UInt256 o, UInt256 m) {
    if (m.isZero()) {
      return ZERO;
    }
    return of(toBigInteger().add(o.toBigInteger()).mod(m.toBigInteger()));
  }

  public UInt256 mulmod(UInt256 o, UInt256 m) {
    if (m.isZero()) {
      return ZERO;
    }
    return of(toBigInteger().multiply(o.toBigInteger()).mod(m.toBigInteger()));
  }

  public UInt256 exp(UInt256 e) {
    UInt256 result = ONE;
    UInt256 base = this;
    int bits = e.bitLength();
    for (int i = 0; i < bits; i++) {
      if (e.testBit(i)) {
        result = result.mul(base);
      }
      if (i + 1 < bits) {
        base = base.mul(base);
      }
    }
    return result;
  }

  /** SIGNEXTEND: extends the sign of byte {@code b} (0 = least significant) of this word. */
  public UInt256 signExtend(UInt256 b) {
    if (!b.fitsInt() || b.w0 >= 31) {
      return this;
    }
    int bit = (int) b.w0 * 8 + 7;
    UInt256 mask = ONE.shl(bit + 1).sub(ONE);
    return testBit(bit) ? or(mask.not()) : and(mask);
  }

  public boolean testBit(int i) {
    long limb =
        switch (i >>> 6) {
          case 0 -> w0;
          case 1 -> w1;
          case 2 -> w2;
          default -> w3;
        };
    return ((limb >>> (i & 63)) & 1) != 0;
  }

  // ---- comparison and bitwise ----

  @Override
  public int compareTo(UInt256 o) {
    int c = Long.compareUnsigned(w3, o.w3);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(w2, o.w2);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(w1, o.w1);
    return c != 0 ? c : Long.compareUnsigned(w0, o.w0);
  }

  public int compareSigned(UInt256 o) {
    if (negative() != o.negative()) {
      return negative() ? -1 : 1;
    }
    return compareTo(o);
  }

  public UInt256 and(UInt256 o) {
    return of(w0 & o.w0, w1 & o.w1, w2 & o.w2, w3 & o.w3);
  }

  public UInt256 or(UInt256 o) {
    return of(w0 | o.w0, w1 | o.w1, w2 | o.w2, w3 | o.w3);
  }

  public UInt256 xor(UInt256 o) {
    return of(w0 ^ o.w0, w1 ^ o.w1, w2 ^ o.w2, w3 ^ o.w3);
  }

  public UInt256 not() {
    return of(~w0, ~w1, ~w2, ~w3);
  }

  /** BYTE: byte {@code i} counted from the most significant (0), or zero past 31. */
  public UInt256 byteAt(UInt256 i) {
    if (!i.fitsInt() || i.w0 >= 32) {
      return ZERO;
    }
    int fromRight = 31 - (int) i.w0;
    long limb =
        switch (fromRight >>> 3) {
          case 0 -> w0;
          case 1 -> w1;
          case 2 -> w2;
          default -> w3;
        };
    return of((limb >>> ((fromRight & 7) * 8)) & 0xFF);
  }

  public UInt256 shl(int n) {
    if (n >= 256) {
      return ZERO;
    }
    if (n == 0) {
      return this;
    }
    long[] a = {w0, w1, w2, w3};
    long[] r = new long[4];
    int limbs = n >>> 6;
    int bits = n & 63;
    for (int i = 3; i >= limbs; i--) {
      long v = a[i - limbs] << bits;
      if (bits != 0 && i - limbs - 1 >= 0) {
        v |= a[i - limbs - 1] >>> (64 - bits);
      }
      r[i] = v;
    }
    return of(r[0], r[1], r[2], r[3]);
  }

  public UInt256 shr(int n) {
    if (n >= 256) {
      return ZERO;
    }
    if (n == 0) {
      return this;
    }
    long[] a = {w0, w1, w2, w3};
    long[] r = new long[4];
    int limbs = n >>> 6;
    int bits = n & 63;
    for (int i = 0; i + limbs < 4; i++) {
      long v = a[i + limbs] >>> bits;
      if (bits != 0 && i + limbs + 1 < 4) {
        v |= a[i + limbs + 1] << (64 - bits);
      }
      r[i] = v;
    }
    return of(r[0], r[1], r[2], r[3]);
  }

  /** Arithmetic shift right. */
  public UInt256 sar(int n) {
    if (!negative()) {
      return shr(n);
    }
    if (n >= 256) {
      return MAX;
    }
    return shr(n).or(MAX.shl(256 - n));
  }

  /** Shift amount from a word: anything at or past 256 shifts everything out. */
  static int shiftAmount(UInt256 n) {
    return n.fitsInt() && n.w0 < 256 ? (int) n.w0 : 256;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UInt256 u && u.w0 == w0 && u.w1 == w1 && u.w2 == w2 && u.w3 == w3;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new long[] {w0, w1, w2, w3});
  }

  /** 0x-prefixed minimal hex ("0x0" for zero). */
  @Override
  public String toString() {
    return "0x" + toBigInteger().toString(16);
  }

  /** 0x-prefixed, 64 hex digits. */
  public String toPaddedHex() {
    return "0x" + HexFormat.of().formatHex(toBytes());
  }
}
