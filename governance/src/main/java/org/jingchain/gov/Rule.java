package org.jingchain.gov;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;

/**
 * How many organisations must approve a proposal [GOV-4]: any, all, a majority, k of n, or a
 * fraction num/den of the n active organisations.
 */
public record Rule(Type type, int k, int num, int den) {
  /** The kinds of rule, with their wire codes. */
  public enum Type {
    ANY(0),
    ALL(1),
    MAJORITY(2),
    K_OF_N(3),
    FRACTION(4);

    private final int code;

    Type(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private static final Pattern K_OF_N = Pattern.compile("(\\d{1,4})-of-n");
  private static final Pattern FRACTION = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

  public Rule {
    switch (type) {
      case K_OF_N -> {
        if (k < 1 || k > 1000) {
          throw new IllegalArgumentException("k of n needs 1 <= k <= 1000");
        }
      }
      case FRACTION -> {
        if (den < 1 || num < 1 || num > den || den > 1000) {
          throw new IllegalArgumentException("a fraction needs 0 < num <= den <= 1000");
        }
      }
      default -> {}
    }
  }

  public static final Rule ANY = new Rule(Type.ANY, 0, 0, 0);
  public static final Rule ALL = new Rule(Type.ALL, 0, 0, 0);
  public static final Rule MAJORITY = new Rule(Type.MAJORITY, 0, 0, 0);

  /** Parses {@code any}, {@code all}, {@code majority}, {@code 3-of-n} or {@code 2/3}. */
  public static Rule parse(String text) {
    switch (text) {
      case "any" -> {
        return ANY;
      }
      case "all" -> {
        return ALL;
      }
      case "majority" -> {
        return MAJORITY;
      }
      default -> {}
    }
    Matcher m = K_OF_N.matcher(text);
    if (m.matches()) {
      return new Rule(Type.K_OF_N, Integer.parseInt(m.group(1)), 0, 0);
    }
    m = FRACTION.matcher(text);
    if (m.matches()) {
      return new Rule(Type.FRACTION, 0, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    throw new IllegalArgumentException(
        "a rule is any, all, majority, <k>-of-n or <num>/<den>, not '" + text + "'");
  }

  /** How many approvals out of {@code n} organisations meet the rule. */
  public int needed(int n) {
    return switch (type) {
      case ANY -> 1;
      case ALL -> n;
      case MAJORITY -> n / 2 + 1;
      case K_OF_N -> k;
      case FRACTION -> (int) ((n * (long) num + den - 1) / den);
    };
  }

  /** True when {@code approvals} of {@code n} meet the rule (and n can meet it at all). */
  public boolean met(int approvals, int n) {
    return n > 0 && needed(n) <= n && approvals >= Math.max(1, needed(n));
  }

  @Override
  public String toString() {
    return switch (type) {
      case ANY -> "any";
      case ALL -> "all";
      case MAJORITY -> "majority";
      case K_OF_N -> k + "-of-n";
      case FRACTION -> num + "/" + den;
    };
  }

  void encode(Encoder e) {
    e.u8(type.code());
    switch (type) {
      case K_OF_N -> e.u32(k);
      case FRACTION -> e.u32(num).u32(den);
      default -> {}
    }
  }

  static Rule decode(Decoder d) {
    int t = d.u8("rule type");
    Type type = null;
    for (Type candidate : Type.values()) {
      if (candidate.code() == t) {
        type = candidate;
      }
    }
    if (type == null) {
      throw new org.jingchain.codec.DecodeException("unknown rule type " + t);
    }
    try {
      return switch (type) {
        case K_OF_N -> new Rule(type, (int) d.u32("k"), 0, 0);
        case FRACTION -> new Rule(type, 0, (int) d.u32("num"), (int) d.u32("den"));
        default -> new Rule(type, 0, 0, 0);
      };
    } catch (IllegalArgumentException e) {
      throw new org.jingchain.codec.DecodeException(e.getMessage());
    }
  }
}
