package org.jingchain.evm;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Contracts at fixed addresses implemented natively [EVM-PRE-1]. The standard set: ecrecover (1),
 * sha256 (2), ripemd160 (3), identity (4), modexp (5, EIP-2565 pricing) and blake2f (9). Addresses
 * 6–8 (alt_bn128) and 0x0a (KZG point evaluation) are reserved and not provided: a call to them
 * fails and consumes the gas it was given, so no contract silently reads an empty answer.
 */
public final class Precompiles {
  /** A native contract: input and gas in, a result out. */
  @FunctionalInterface
  public interface Precompile {
    Evm.Result run(byte[] input, long gas);
  }

  private final Map<Address, Precompile> byAddress;

  private Precompiles(Map<Address, Precompile> byAddress) {
    this.byAddress = Collections.unmodifiableMap(byAddress);
  }

  /** The standard set plus {@code extra} (platform precompiles at their documented addresses). */
  public static Precompiles standard(Map<Address, Precompile> extra) {
    Map<Address, Precompile> m = new TreeMap<>();
    m.put(Address.ofNumber(1), Precompiles::ecrecover);
    m.put(Address.ofNumber(2), (in, gas) -> digest(in, gas, 60, 12, sha256(in)));
    m.put(Address.ofNumber(3), (in, gas) -> digest(in, gas, 600, 120, ripemd160(in)));
    m.put(Address.ofNumber(4), (in, gas) -> digest(in, gas, 15, 3, in.clone()));
    m.put(Address.ofNumber(5), Precompiles::modexp);
    for (int n : new int[] {6, 7, 8, 0x0a}) {
      m.put(Address.ofNumber(n), (in, gas) -> Evm.Result.halt(Evm.Halt.PRECOMPILE_FAILED));
    }
    m.put(Address.ofNumber(9), Precompiles::blake2f);
    for (Map.Entry<Address, Precompile> e : extra.entrySet()) {
      if (m.containsKey(e.getKey())) {
        throw new IllegalArgumentException("precompile address taken: " + e.getKey());
      }
      m.put(e.getKey(), e.getValue());
    }
    return new Precompiles(m);
  }

  public static Precompiles standard() {
    return standard(Map.of());
  }

  /** The precompile at {@code a}, or null. */
  public Precompile at(Address a) {
    return byAddress.get(a);
  }

  /** Every precompile address, in order (all are warm from a transaction's start). */
  public Collection<Address> addresses() {
    return byAddress.keySet();
  }

  static Evm.Result ok(long gasLeft, byte[] out) {
    return new Evm.Result(Evm.Status.SUCCESS, gasLeft, out, null, null);
  }

  private static Evm.Result digest(byte[] in, long gas, long base, long perWord, byte[] out) {
    long cost = base + perWord * Gas.words(in.length);
    if (cost > gas) {
      return Evm.Result.halt(Evm.Halt.OUT_OF_GAS);
    }
    return ok(gas - cost, out);
  }

  private static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] ripemd160(byte[] in) {
    RIPEMD160Digest d = new RIPEMD160Digest();
    d.update(in, 0, in.length);
    byte[] out = new byte[32];
    d.doFinal(out, 12);
    return out;
  }

  // ---- ecrecover ----

  private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
  private static final BigInteger N = SECP256K1.getN();
  private static final long ECRECOVER_GAS = 3000;

  private static Evm.Result ecrecover(byte[] input, long gas) {
    if (gas < ECRECOVER_GAS) {
      return Evm.Result.halt(Evm.Halt.OUT_OF_GAS);
    }
    long left = gas - ECRECOVER_GAS;
    byte[] in = Arrays.copyOf(input, 128);
    Address signer = recover(in);
    if (signer == null) {
      return ok(left, new byte[0]);
    }
    byte[] out = new byte[32];
    System.arraycopy(signer.toBytes(), 0, out, 12, 20);
    return ok(left, out);
  }

  /** The address that signed hash {@code in[0..32)} with (v, r, s), or null. */
  static Address recover(byte[] in) {
    UInt256 v = UInt256.fromBytes(in, 32, 32);
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(in, 64, 96));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(in, 96, 128));
    if (!(v.equals(UInt256.of(27)) || v.equals(UInt256.of(28)))) {
      return null;
    }
    if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
      return null;
    }
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (v.longValue() == 28 ? 0x03 : 0x02);
    byte[] x = r.toByteArray();
    int xl = Math.min(x.length, 32);
    System.arraycopy(x, x.length - xl, compressed, 33 - xl, xl);
    ECPoint bigR;
    try {
      bigR = SECP256K1.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException notOnCurve) {
      return null;
    }
    BigInteger e = new BigInteger(1, Arrays.copyOfRange(in, 0, 32)).mod(N);
    BigInteger rInv = r.modInverse(N);
    ECPoint q =
        ECAlgorithms.sumOfTwoMultiplies(
                bigR,
                s.multiply(rInv).mod(N),
                SECP256K1.getG(),
                N.subtract(e).multiply(rInv).mod(N))
            .normalize();
    if (q.isInfinity()) {
      return null;
    }
    byte[] pub = q.getEncoded(false);
    byte[] h = Keccak.hash(pub, 1, 64);
    return Address.of(Arrays.copyOfRange(h, 12, 32));
  }

  // ---- modexp (EIP-198 with EIP-2565 pricing) ----

  private static final BigInteger MODEXP_MIN_GAS = BigInteger.valueOf(200);

  private static Evm.Result modexp(byte[] in, long gas) {
    BigInteger baseLen = word(in, 0);
    BigInteger expLen = word(in, 32);
    BigInteger modLen = word(in, 64);
    BigInteger maxLen = baseLen.max(modLen);
    BigInteger words = maxLen.add(BigInteger.valueOf(7)).shiftRight(3);
    BigInteger complexity = words.multiply(words);
    BigInteger iterations;
    // The exponent's first (up to) 32 bytes, which the price reads.
    BigInteger expHead = BigInteger.ZERO;
    if (baseLen.bitLength() < 32 && expLen.signum() > 0) {
      long headLen = expLen.min(BigInteger.valueOf(32)).longValue();
      expHead = new BigInteger(1, slice(in, 96 + baseLen.longValue(), headLen));
    }
    if (expLen.compareTo(BigInteger.valueOf(32)) <= 0) {
      iterations = BigInteger.valueOf(expHead.signum() == 0 ? 0 : expHead.bitLength() - 1);
    } else {
      iterations =
          expLen
              .subtract(BigInteger.valueOf(32))
              .shiftLeft(3)
              .add(BigInteger.valueOf(expHead.signum() == 0 ? 0 : expHead.bitLength() - 1));
    }
    iterations = iterations.max(BigInteger.ONE);
    BigInteger cost = complexity.multiply(iterations).divide(BigInteger.valueOf(3));
    cost = cost.max(MODEXP_MIN_GAS);
    if (cost.compareTo(BigInteger.valueOf(gas)) > 0) {
      return Evm.Result.halt(Evm.Halt.OUT_OF_GAS);
    }
    long left = gas - cost.longValue();
    if (modLen.signum() == 0) {
      return ok(left, new byte[0]);
    }
    // Paid for: base and modulus lengths are bounded by the gas, so they fit an int here.
    int bl = baseLen.intValueExact();
    int ml = modLen.intValueExact();
    long el = expLen.longValueExact();
    BigInteger base = new BigInteger(1, slice(in, 96, bl));
    BigInteger exp = new BigInteger(1, slice(in, 96L + bl, el));
    BigInteger mod = new BigInteger(1, slice(in, 96L + bl + el, ml));
    byte[] out = new byte[ml];
    if (mod.signum() != 0) {
      byte[] r = base.modPow(exp, mod).toByteArray();
      int n = Math.min(r.length, ml);
      System.arraycopy(r, r.length - n, out, ml - n, n);
    }
    return ok(left, out);
  }

  private static BigInteger word(byte[] in, int off) {
    return new BigInteger(1, slice(in, off, 32));
  }

  /** {@code len} bytes of {@code in} from {@code off}, zero past its end. */
  private static byte[] slice(byte[] in, long off, long len) {
    byte[] out = new byte[Math.toIntExact(len)];
    if (off < in.length) {
      int n = (int) Math.min(len, in.length - off);
      System.arraycopy(in, (int) off, out, 0, n);
    }
    return out;
  }

  // ---- blake2f (EIP-152) ----

  private static final long[] IV = {
    0x6a09e667f3bcc908L, 0xbb67ae8584caa73bL, 0x3c6ef372fe94f82bL, 0xa54ff53a5f1d36f1L,
    0x510e527fade682d1L, 0x9b05688c2b3e6c1fL, 0x1f83d9abfb41bd6bL, 0x5be0cd19137e2179L
  };

  private static final int[][] SIGMA = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}
  };

  private static Evm.Result blake2f(byte[] in, long gas) {
    if (in.length != 213 || (in[212] & 0xFF) > 1) {
      return Evm.Result.halt(Evm.Halt.PRECOMPILE_FAILED);
    }
    long rounds =
        ((in[0] & 0xFFL) << 24)
            | ((in[1] & 0xFFL) << 16)
            | ((in[2] & 0xFFL) << 8)
            | (in[3] & 0xFFL);
    if (rounds > gas) {
      return Evm.Result.halt(Evm.Halt.OUT_OF_GAS);
    }
    long[] h = new long[8];
    long[] m = new long[16];
    for (int i = 0; i < 8; i++) {
      h[i] = le(in, 4 + 8 * i);
    }
    for (int i = 0; i < 16; i++) {
      m[i] = le(in, 68 + 8 * i);
    }
    long t0 = le(in, 196);
    long t1 = le(in, 204);
    long[] v = new long[16];
    System.arraycopy(h, 0, v, 0, 8);
    System.arraycopy(IV, 0, v, 8, 8);
    v[12] ^= t0;
    v[13] ^= t1;
    if (in[212] == 1) {
      v[14] = ~v[14];
    }
    for (long r = 0; r < rounds; r++) {
      int[] s = SIGMA[(int) (r % 10)];
      g(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
      g(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
      g(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
      g(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
      g(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
      g(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
      g(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
      g(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
    }
    byte[] out = new byte[64];
    for (int i = 0; i < 8; i++) {
      long x = h[i] ^ v[i] ^ v[i + 8];
      for (int b = 0; b < 8; b++) {
        out[8 * i + b] = (byte) (x >>> (8 * b));
      }
    }
    return ok(gas - rounds, out);
  }

  private static void g(long[] v, int a, int b, int c, int d, long x, long y) {
    v[a] = v[a] + v[b] + x;
    v[d] = Long.rotateRight(v[d] ^ v[a], 32);
    v[c] = v[c] + v[d];
    v[b] = Long.rotateRight(v[b] ^ v[c], 24);
    v[a] = v[a] + v[b] + y;
    v[d] = Long.rotateRight(v[d] ^ v[a], 16);
    v[c] = v[c] + v[d];
    v[b] = Long.rotateRight(v[b] ^ v[c], 63);
  }

  private static long le(byte[] in, int off) {
    long x = 0;
    for (int b = 7; b >= 0; b--) {
      x = (x << 8) | (in[off + b] & 0xFFL);
    }
    return x;
  }
}
