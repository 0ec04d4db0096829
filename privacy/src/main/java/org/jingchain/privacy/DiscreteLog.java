package org.jingchain.privacy;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Baby-step giant-step search for m with {@code m·G = M} and {@code 0 ≤ m ≤ max}: how a client
 * reads a decrypted total, which the chain then checks with one multiplication ([PRIV-15]). Runs
 * off chain only; time and memory grow with {@code √max}.
 */
public final class DiscreteLog {
  /** The largest total a client searches for: 2^40 (a table of 2^20 points). */
  public static final long MAX = 1L << 40;

  private DiscreteLog() {}

  private record TableKey(org.jingchain.types.SuiteId suite, long m) {}

  private static final Map<TableKey, Map<ByteBuffer, Long>> TABLES =
      new java.util.concurrent.ConcurrentHashMap<>();

  public static OptionalLong solve(EcGroup g, ECPoint target, long max) {
    if (max < 0 || max > MAX) {
      throw new IllegalArgumentException("the search is over 0.." + MAX + ", not " + max);
    }
    long m = (long) Math.ceil(Math.sqrt((double) max + 1));
    // Tables of up to 2^16 baby steps are kept for the next search (a wallet opens many).
    Map<ByteBuffer, Long> baby =
        m <= 1 << 16
            ? TABLES.computeIfAbsent(new TableKey(g.suite(), m), k -> table(g, m))
            : table(g, m);
    ECPoint step = g.base(java.math.BigInteger.valueOf(m)).negate().normalize();
    ECPoint gamma = target;
    for (long i = 0; i <= m; i++) {
      Long j = baby.get(ByteBuffer.wrap(g.encode(gamma)));
      if (j != null) {
        long v = i * m + j;
        return v <= max ? OptionalLong.of(v) : OptionalLong.empty();
      }
      gamma = g.add(gamma, step);
    }
    return OptionalLong.empty();
  }

  private static Map<ByteBuffer, Long> table(EcGroup g, long m) {
    Map<ByteBuffer, Long> baby = new HashMap<>();
    ECPoint p = g.identity();
    for (long j = 0; j < m; j++) {
      baby.putIfAbsent(ByteBuffer.wrap(g.encode(p)), j);
      p = g.add(p, g.generator());
    }
    return java.util.Collections.unmodifiableMap(baby);
  }
}
