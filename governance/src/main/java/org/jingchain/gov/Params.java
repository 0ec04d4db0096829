package org.jingchain.gov;

import java.util.List;
import java.util.Optional;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.WriteSet;
import org.jingchain.service.api.ReadRule;
import org.jingchain.types.Bytes;

/**
 * Chain parameters that governance sets (docs/spec/governance.md, section 4): their names, types,
 * ranges and defaults. Values are stored canonically under {@code gov/param/<name>}.
 */
public final class Params {
  public static final String PERMISSIONS = "permissions";
  public static final String DID_REGISTRATION = "did.registration";
  public static final String MAX_EXPIRY = "gov.maxExpiryBlocks";
  public static final String BLOCK_MAX_TXS = "block.maxTxs";
  public static final String BLOCK_MAX_BYTES = "block.maxBytes";

  /** The gas a block's contract calls may declare together (docs/spec/evm.md [EVM-TX-2]). */
  public static final String BLOCK_MAX_GAS = "block.maxGas";

  public static final String BLOCK_INTERVAL = "block.intervalMillis";

  /** Blocks between two audit rounds of the object store (docs/spec/storage.md [STORE-30]). */
  public static final String STORE_AUDIT_INTERVAL = "store.auditIntervalBlocks";

  /** Blocks a storage node has to answer an audit challenge (docs/spec/storage.md [STORE-31]). */
  public static final String STORE_AUDIT_DEADLINE = "store.auditDeadlineBlocks";

  /**
   * Healthy shards above {@code k} below which the store orders a repair (docs/spec/storage.md
   * [STORE-33]; docs/storage-sizing.md weighs it).
   */
  public static final String STORE_REPAIR_MARGIN = "store.repairMargin";

  public static final String MEMPOOL_MAX_TXS = "mempool.maxTxs";
  public static final String MEMPOOL_MAX_BYTES = "mempool.maxBytes";

  /** The numeric parameters [GOV-12]: name → {min, max}. */
  static final java.util.Map<String, long[]> NUMBERS =
      java.util.Map.of(
          MAX_EXPIRY, new long[] {10, 10_000_000},
          BLOCK_MAX_TXS, new long[] {1, 20_000},
          BLOCK_MAX_BYTES, new long[] {64 * 1024, 64L * 1024 * 1024},
          BLOCK_MAX_GAS, new long[] {30_000_000, 1_000_000_000},
          BLOCK_INTERVAL, new long[] {10, 60_000},
          MEMPOOL_MAX_TXS, new long[] {1, 10_000_000},
          STORE_AUDIT_INTERVAL, new long[] {5, 10_000_000},
          STORE_AUDIT_DEADLINE, new long[] {2, 1_000_000},
          STORE_REPAIR_MARGIN, new long[] {1, 255},
          MEMPOOL_MAX_BYTES, new long[] {1024 * 1024, 16L * 1024 * 1024 * 1024});

  /** Who may read the API's routes (docs/spec/api-access.md [ACC-1]): the default rule. */
  public static final String API_READ = "api.read";

  /** {@code api.read.<family>}: the rule of one family of routes, over {@link #API_READ}. */
  public static final String API_READ_PREFIX = "api.read.";

  public static final String RULE_PREFIX = "gov.rule.";
  public static final long DEFAULT_MAX_EXPIRY = 100_000;
  static final List<String> PERMISSION_VALUES = List.of("open", "members");
  static final List<String> REGISTRATION_VALUES = List.of("anyone", "members", "admins");

  private Params() {}

  /** The names governance may set, for messages and docs. */
  public static List<String> names() {
    return List.of(
        PERMISSIONS,
        DID_REGISTRATION,
        MAX_EXPIRY,
        BLOCK_MAX_TXS,
        BLOCK_MAX_BYTES,
        BLOCK_MAX_GAS,
        BLOCK_INTERVAL,
        MEMPOOL_MAX_TXS,
        MEMPOOL_MAX_BYTES,
        STORE_AUDIT_INTERVAL,
        STORE_AUDIT_DEADLINE,
        STORE_REPAIR_MARGIN,
        API_READ,
        API_READ_PREFIX + "<family>",
        RULE_PREFIX + "<kind>");
  }

  /**
   * The canonical bytes of {@code text} as a value of {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name or a value out of range
   */
  public static byte[] encode(String name, String text) {
    if (name.equals(PERMISSIONS)) {
      return oneOf(name, text, PERMISSION_VALUES);
    }
    if (name.equals(DID_REGISTRATION)) {
      return oneOf(name, text, REGISTRATION_VALUES);
    }
    if (isReadRule(name)) {
      return new Encoder(32).string(ReadRule.parse(text).text()).toByteArray();
    }
    long[] range = NUMBERS.get(name);
    if (range != null) {
      long v;
      try {
        v = Long.parseLong(text.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " is a whole number");
      }
      if (v < range[0] || v > range[1]) {
        throw new IllegalArgumentException(name + " must be " + range[0] + ".." + range[1]);
      }
      return new Encoder(8).u64(v).toByteArray();
    }
    if (name.startsWith(API_READ_PREFIX)) {
      throw new IllegalArgumentException(
          "no family of routes "
              + name.substring(API_READ_PREFIX.length())
              + "; api.read.<family> names one of "
              + String.join(", ", ReadRule.FAMILIES));
    }
    if (name.startsWith(RULE_PREFIX)) {
      if (Gov.Kind.ofLabel(name.substring(RULE_PREFIX.length())).isEmpty()) {
        throw new IllegalArgumentException(
            "no proposal kind " + name.substring(RULE_PREFIX.length()));
      }
      Encoder e = new Encoder(16);
      Rule.parse(text).encode(e);
      return e.toByteArray();
    }
    throw new IllegalArgumentException(
        "no parameter " + name + "; governance sets " + String.join(", ", names()));
  }

  /** Checks stored bytes are a valid value of {@code name}; renders them. */
  public static String render(String name, Bytes value) {
    Decoder d = new Decoder(value.unsafeArray());
    String out;
    if (name.equals(PERMISSIONS) || name.equals(DID_REGISTRATION)) {
      out = d.string("value", 32);
      if (!(name.equals(PERMISSIONS) ? PERMISSION_VALUES : REGISTRATION_VALUES).contains(out)) {
        throw new DecodeException(name + " cannot be " + out);
      }
    } else if (isReadRule(name)) {
      out = d.string("value", 64);
      ReadRule r;
      try {
        r = ReadRule.parse(out);
      } catch (IllegalArgumentException e) {
        throw new DecodeException(name + ": " + e.getMessage());
      }
      if (!r.text().equals(out)) {
        throw new DecodeException(name + " is not canonical: " + out);
      }
    } else if (NUMBERS.containsKey(name)) {
      long v = d.u64("value");
      long[] range = NUMBERS.get(name);
      if (v < range[0] || v > range[1]) {
        throw new DecodeException(name + " out of range");
      }
      out = Long.toString(v);
    } else if (name.startsWith(RULE_PREFIX)
        && Gov.Kind.ofLabel(name.substring(RULE_PREFIX.length())).isPresent()) {
      out = Rule.decode(d).toString();
    } else {
      throw new DecodeException("no parameter " + name);
    }
    d.finish(name);
    return out;
  }

  /** Whether {@code name} is {@link #API_READ} or {@code api.read.<family>} of a known family. */
  static boolean isReadRule(String name) {
    return name.equals(API_READ)
        || name.startsWith(API_READ_PREFIX)
            && ReadRule.FAMILIES.contains(name.substring(API_READ_PREFIX.length()));
  }

  /**
   * [ACC-1] The read rule of {@code family}: its own if governance set one, else {@code api.read},
   * else public. The always-public family is public.
   */
  public static ReadRule readRule(StateReader s, String family) {
    if (family.equals(ReadRule.ALWAYS_PUBLIC)) {
      return ReadRule.PUBLIC;
    }
    return string(s, API_READ_PREFIX + family)
        .or(() -> string(s, API_READ))
        .map(ReadRule::parse)
        .orElse(ReadRule.PUBLIC);
  }

  public static String permissions(StateReader s) {
    return string(s, PERMISSIONS).orElse("open");
  }

  public static String didRegistration(StateReader s) {
    return string(s, DID_REGISTRATION).orElse("anyone");
  }

  public static long maxExpiry(StateReader s) {
    return number(s, MAX_EXPIRY).orElse(DEFAULT_MAX_EXPIRY);
  }

  /** A numeric parameter, when governance has set it [GOV-12]. */
  public static Optional<Long> number(StateReader s, String name) {
    return s.get(WriteSet.key(Gov.paramKey(name)))
        .map(b -> new Decoder(b.unsafeArray()).u64("value"));
  }

  public static Rule rule(StateReader s, Gov.Kind kind) {
    return s.get(WriteSet.key(Gov.paramKey(RULE_PREFIX + kind.label())))
        .map(b -> Rule.decode(new Decoder(b.unsafeArray())))
        .orElse(Rule.MAJORITY);
  }

  private static Optional<String> string(StateReader s, String name) {
    return s.get(WriteSet.key(Gov.paramKey(name)))
        .map(b -> new Decoder(b.unsafeArray()).string("value", 64));
  }

  private static byte[] oneOf(String name, String text, List<String> allowed) {
    if (!allowed.contains(text)) {
      throw new IllegalArgumentException(name + " is one of " + String.join(", ", allowed));
    }
    return new Encoder(16).string(text).toByteArray();
  }
}
