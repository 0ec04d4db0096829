package org.jingchain.store;

/**
 * Arithmetic in GF(2^8) with the polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator 2, the
 * field of the usual Reed–Solomon erasure coders (docs/spec/storage.md [STORE-2]).
 */
public final class Gf256 {
  private static final int POLYNOMIAL = 0x11D;
  private static final byte[] EXP = new byte[510];
  private static final int[] LOG = new int[256];

  /** {@code MUL[a][b] = a·b}: one 256-byte row per constant, indexed by the other operand. */
  static final byte[][] MUL = new byte[256][256];

  static {
    int x = 1;
    for (int i = 0; i < 255; i++) {
      EXP[i] = (byte) x;
      EXP[i + 255] = (byte) x;
      LOG[x] = i;
      x <<= 1;
      if (x >= 256) {
        x ^= POLYNOMIAL;
      }
    }
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        MUL[a][b] = (byte) slowMul(a, b);
      }
    }
  }

  private Gf256() {}

  private static int slowMul(int a, int b) {
    return a == 0 || b == 0 ? 0 : EXP[LOG[a] + LOG[b]] & 0xff;
  }

  public static int mul(int a, int b) {
    return MUL[a & 0xff][b & 0xff] & 0xff;
  }

  /** {@code a / b}; {@code b} must not be zero. */
  public static int div(int a, int b) {
    if (b == 0) {
      throw new ArithmeticException("division by zero in GF(2^8)");
    }
    return a == 0 ? 0 : EXP[LOG[a] + 255 - LOG[b]] & 0xff;
  }

  /** {@code a^n}, with {@code 0^0 = 1}. */
  public static int pow(int a, int n) {
    if (n == 0) {
      return 1;
    }
    if (a == 0) {
      return 0;
    }
    return EXP[(LOG[a] * n) % 255] & 0xff;
  }
}
