package org.jingchain.evm.abi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Solidity ABI type (the contract ABI specification): {@code uint<M>}, {@code int<M>}, {@code
 * address}, {@code bool}, {@code bytes<M>}, {@code bytes}, {@code string}, {@code T[]}, {@code
 * T[k]} and tuples.
 */
public final class AbiType {
  /** What kind of type. */
  public enum Kind {
    UINT,
    INT,
    ADDRESS,
    BOOL,
    FIXED_BYTES,
    BYTES,
    STRING,
    ARRAY,
    FIXED_ARRAY,
    TUPLE
  }

  private static final Pattern ARRAY_SUFFIX = Pattern.compile("^(.*)\\[(\\d*)]$");
  private static final Pattern SIZED = Pattern.compile("^(uint|int|bytes)(\\d+)$");

  /** The most elements a fixed array type may declare (a bound against hostile ABIs). */
  static final int MAX_FIXED_LENGTH = 4096;

  private final Kind kind;
  private final int size; // bits for ints, bytes for bytesM, length for T[k]
  private final AbiType element;
  private final List<AbiType> components;

  private AbiType(Kind kind, int size, AbiType element, List<AbiType> components) {
    this.kind = kind;
    this.size = size;
    this.element = element;
    this.components = components;
  }

  public Kind kind() {
    return kind;
  }

  /** Bits of an integer, bytes of {@code bytes<M>}, the length of {@code T[k]}. */
  public int size() {
    return size;
  }

  public AbiType element() {
    return element;
  }

  public List<AbiType> components() {
    return components;
  }

  public static AbiType tuple(List<AbiType> components) {
    return new AbiType(Kind.TUPLE, 0, null, List.copyOf(components));
  }

  /**
   * Parses a type as it appears in an ABI's {@code type} field; {@code components} are the tuple's
   * (for {@code tuple}, {@code tuple[]}, …), else empty. Also reads {@code (t1,t2)} tuple syntax.
   *
   * @throws AbiException for an unknown or malformed type
   */
  public static AbiType parse(String type, List<AbiType> components) {
    String t = type.trim();
    Matcher arr = ARRAY_SUFFIX.matcher(t);
    if (arr.matches()) {
      AbiType inner = parse(arr.group(1), components);
      if (arr.group(2).isEmpty()) {
        return new AbiType(Kind.ARRAY, 0, inner, List.of());
      }
      int n;
      try {
        n = Integer.parseInt(arr.group(2));
      } catch (NumberFormatException e) {
        throw new AbiException("array length too large in " + type);
      }
      if (n < 1 || n > MAX_FIXED_LENGTH) {
        throw new AbiException("array length must be 1.." + MAX_FIXED_LENGTH + " in " + type);
      }
      return new AbiType(Kind.FIXED_ARRAY, n, inner, List.of());
    }
    if (t.equals("tuple")) {
      return tuple(components);
    }
    if (t.startsWith("(") && t.endsWith(")")) {
      List<AbiType> parts = new ArrayList<>();
      for (String p : splitTopLevel(t.substring(1, t.length() - 1))) {
        parts.add(parse(p, List.of()));
      }
      return tuple(parts);
    }
    switch (t) {
      case "uint":
        return new AbiType(Kind.UINT, 256, null, List.of());
      case "int":
        return new AbiType(Kind.INT, 256, null, List.of());
      case "address":
        return new AbiType(Kind.ADDRESS, 160, null, List.of());
      case "bool":
        return new AbiType(Kind.BOOL, 8, null, List.of());
      case "bytes":
        return new AbiType(Kind.BYTES, 0, null, List.of());
      case "string":
        return new AbiType(Kind.STRING, 0, null, List.of());
      default:
        break;
    }
    Matcher m = SIZED.matcher(t);
    if (m.matches()) {
      int n = Integer.parseInt(m.group(2).length() > 3 ? "999" : m.group(2));
      if (m.group(1).equals("bytes")) {
        if (n < 1 || n > 32) {
          throw new AbiException("bytes<M> needs 1 <= M <= 32: " + type);
        }
        return new AbiType(Kind.FIXED_BYTES, n, null, List.of());
      }
      if (n < 8 || n > 256 || n % 8 != 0) {
        throw new AbiException(m.group(1) + "<M> needs M a multiple of 8 in 8..256: " + type);
      }
      return new AbiType(m.group(1).equals("uint") ? Kind.UINT : Kind.INT, n, null, List.of());
    }
    throw new AbiException("unknown ABI type '" + type + "'");
  }

  public static AbiType parse(String type) {
    return parse(type, List.of());
  }

  /** Splits {@code a,(b,c),d[]} at its top-level commas. */
  public static List<String> splitTopLevel(String s) {
    List<String> out = new ArrayList<>();
    if (s.isBlank()) {
      return out;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth < 0) {
          throw new AbiException("unbalanced parentheses in '" + s + "'");
        }
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    if (depth != 0) {
      throw new AbiException("unbalanced parentheses in '" + s + "'");
    }
    out.add(s.substring(start));
    return out;
  }

  /** Whether its encoding has a variable length (and sits in the tail). */
  public boolean dynamic() {
    return switch (kind) {
      case BYTES, STRING, ARRAY -> true;
      case FIXED_ARRAY -> element.dynamic();
      case TUPLE -> components.stream().anyMatch(AbiType::dynamic);
      default -> false;
    };
  }

  /** Bytes its head takes: 32, or the whole inline encoding of a static array or tuple. */
  int headSize() {
    if (dynamic()) {
      return 32;
    }
    return switch (kind) {
      case FIXED_ARRAY -> size * element.headSize();
      case TUPLE -> components.stream().mapToInt(AbiType::headSize).sum();
      default -> 32;
    };
  }

  /** The canonical name used in signatures: {@code uint256}, {@code (address,uint256)[]}. */
  public String canonical() {
    return switch (kind) {
      case UINT -> "uint" + size;
      case INT -> "int" + size;
      case ADDRESS -> "address";
      case BOOL -> "bool";
      case FIXED_BYTES -> "bytes" + size;
      case BYTES -> "bytes";
      case STRING -> "string";
      case ARRAY -> element.canonical() + "[]";
      case FIXED_ARRAY -> element.canonical() + "[" + size + "]";
      case TUPLE ->
          "(" + String.join(",", components.stream().map(AbiType::canonical).toList()) + ")";
    };
  }

  @Override
  public String toString() {
    return canonical();
  }
}
