package org.jingchain.evm.abi;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Encodes and decodes values by the Solidity contract ABI. Java values: {@link BigInteger} for
 * integers, {@code "0x…"} strings for addresses, {@link Boolean}, {@code byte[]} for {@code bytes}
 * and {@code bytes<M>}, {@link String} for {@code string}, {@link List} for arrays and tuples.
 * Decoding checks every offset and length against the data, so hostile return data fails with an
 * {@link AbiException} instead of reading past its end or allocating without bound.
 */
public final class AbiCodec {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final HexFormat HEX = HexFormat.of();

  private AbiCodec() {}

  // ---- function calls ----

  /** The first four bytes of keccak256 of a signature such as {@code transfer(address,uint256)}. */
  public static byte[] selector(String signature) {
    return Arrays.copyOf(
        org.jingchain.evm.Keccak.hash(signature.getBytes(StandardCharsets.UTF_8)), 4);
  }

  /** The parameter types of a signature: {@code f(uint256,(address,bytes)[])} → two types. */
  public static List<AbiType> parameters(String signature) {
    int open = signature.indexOf('(');
    if (open < 0 || !signature.endsWith(")")) {
      throw new AbiException("a signature is name(type,…): " + signature);
    }
    return AbiType.splitTopLevel(signature.substring(open + 1, signature.length() - 1)).stream()
        .map(AbiType::parse)
        .toList();
  }

  /** Calldata calling {@code signature} with {@code args}: its selector, then the arguments. */
  public static byte[] call(String signature, Object... args) {
    byte[] body = encode(parameters(signature), List.of(args));
    byte[] out = Arrays.copyOf(selector(signature), 4 + body.length);
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  // ---- encoding ----

  /** The encoding of {@code values} as the tuple {@code types} (function arguments). */
  public static byte[] encode(List<AbiType> types, List<?> values) {
    if (types.size() != values.size()) {
      throw new AbiException("expected " + types.size() + " values, got " + values.size());
    }
    return encodeTuple(types, values);
  }

  private static byte[] encodeTuple(List<AbiType> types, List<?> values) {
    int headSize = types.stream().mapToInt(AbiType::headSize).sum();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteArrayOutputStream tail = new ByteArrayOutputStream();
    for (int i = 0; i < types.size(); i++) {
      AbiType t = types.get(i);
      byte[] enc = encodeValue(t, values.get(i));
      if (t.dynamic()) {
        head.writeBytes(word(BigInteger.valueOf(headSize + tail.size())));
        tail.writeBytes(enc);
      } else {
        head.writeBytes(enc);
      }
    }
    head.writeBytes(tail.toByteArray());
    return head.toByteArray();
  }

  private static byte[] encodeValue(AbiType t, Object v) {
    switch (t.kind()) {
      case UINT -> {
        BigInteger n = integer(v, t);
        if (n.signum() < 0 || n.bitLength() > t.size()) {
          throw new AbiException(n + " does not fit " + t);
        }
        return word(n);
      }
      case INT -> {
        BigInteger n = integer(v, t);
        if (n.bitLength() > t.size() - 1) {
          throw new AbiException(n + " does not fit " + t);
        }
        return word(n.signum() < 0 ? n.add(TWO_256) : n);
      }
      case ADDRESS -> {
        String s = String.valueOf(v);
        // A Jingchain account (ji…/js… and 40 hex digits) is the EVM address of the same 20 bytes.
        if (s.length() == 42 && (s.startsWith("ji") || s.startsWith("js"))) {
          s = "0x" + s.substring(2);
        }
        byte[] a = hex(s, "address");
        if (a.length != 20) {
          throw new AbiException("an address is 20 bytes: " + v);
        }
        byte[] w = new byte[32];
        System.arraycopy(a, 0, w, 12, 20);
        return w;
      }
      case BOOL -> {
        if (!(v instanceof Boolean b)) {
          throw new AbiException("bool needs true or false, got " + v);
        }
        return word(b ? BigInteger.ONE : BigInteger.ZERO);
      }
      case FIXED_BYTES -> {
        byte[] b = bytes(v);
        if (b.length != t.size()) {
          throw new AbiException(t + " needs exactly " + t.size() + " bytes, got " + b.length);
        }
        return Arrays.copyOf(b, 32);
      }
      case BYTES, STRING -> {
        byte[] b =
            t.kind() == AbiType.Kind.STRING
                ? String.valueOf(v).getBytes(StandardCharsets.UTF_8)
                : bytes(v);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(word(BigInteger.valueOf(b.length)));
        out.writeBytes(Arrays.copyOf(b, (b.length + 31) / 32 * 32));
        return out.toByteArray();
      }
      case ARRAY, FIXED_ARRAY -> {
        List<?> list = list(v, t);
        if (t.kind() == AbiType.Kind.FIXED_ARRAY && list.size() != t.size()) {
          throw new AbiException(t + " needs " + t.size() + " elements, got " + list.size());
        }
        byte[] body = encodeTuple(java.util.Collections.nCopies(list.size(), t.element()), list);
        if (t.kind() == AbiType.Kind.FIXED_ARRAY) {
          return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(word(BigInteger.valueOf(list.size())));
        out.writeBytes(body);
        return out.toByteArray();
      }
      case TUPLE -> {
        List<?> list = list(v, t);
        if (list.size() != t.components().size()) {
          throw new AbiException(
              t + " needs " + t.components().size() + " values, got " + list.size());
        }
        return encodeTuple(t.components(), list);
      }
    }
    throw new AbiException("cannot encode " + t);
  }

  private static byte[] word(BigInteger n) {
    byte[] b = n.toByteArray();
    byte[] w = new byte[32];
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, w, 32 - len, len);
    return w;
  }

  /** An integer of type {@code t} from a number or text (decimal, 0x hex, -0x hex). */
  public static BigInteger integer(Object v, AbiType t) {
    if (v instanceof BigInteger b) {
      return b;
    }
    if (v instanceof Number n) {
      return BigInteger.valueOf(n.longValue());
    }
    String s = String.valueOf(v).trim();
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return new BigInteger(s.substring(2), 16);
      }
      if (s.startsWith("-0x")) {
        return new BigInteger(s.substring(3), 16).negate();
      }
      return new BigInteger(s);
    } catch (NumberFormatException e) {
      throw new AbiException(t + " needs an integer (decimal or 0x hex), got '" + s + "'");
    }
  }

  private static byte[] bytes(Object v) {
    if (v instanceof byte[] b) {
      return b;
    }
    return hex(String.valueOf(v), "bytes");
  }

  private static byte[] hex(String s, String what) {
    if (!s.startsWith("0x")) {
      throw new AbiException(what + " must be 0x-prefixed hex, got '" + s + "'");
    }
    try {
      return HEX.parseHex(s.substring(2));
    } catch (IllegalArgumentException e) {
      throw new AbiException(what + " must be 0x-prefixed hex, got '" + s + "'");
    }
  }

  private static List<?> list(Object v, AbiType t) {
    if (v instanceof List<?> l) {
      return l;
    }
    throw new AbiException(t + " needs a list of values, got " + v);
  }

  // ---- decoding ----

  /** Decodes {@code data} as the tuple {@code types} (function outputs). */
  public static List<Object> decode(List<AbiType> types, byte[] data) {
    return decodeTuple(types, data, 0);
  }

  private static List<Object> decodeTuple(List<AbiType> types, byte[] data, int base) {
    List<Object> out = new ArrayList<>(types.size());
    int at = base;
    for (AbiType t : types) {
      if (t.dynamic()) {
        int offset = intAt(data, at, "offset");
        long start = (long) base + offset;
        if (start > data.length) {
          throw new AbiException("offset " + offset + " points past the data");
        }
        out.add(decodeValue(t, data, (int) start));
        at += 32;
      } else {
        out.add(decodeValue(t, data, at));
        at += t.headSize();
      }
    }
    return out;
  }

  private static Object decodeValue(AbiType t, byte[] data, int at) {
    switch (t.kind()) {
      case UINT -> {
        BigInteger n = new BigInteger(1, slice(data, at, 32));
        if (n.bitLength() > t.size()) {
          throw new AbiException("value does not fit " + t);
        }
        return n;
      }
      case INT -> {
        BigInteger n = new BigInteger(slice(data, at, 32));
        if (n.bitLength() > t.size() - 1) {
          throw new AbiException("value does not fit " + t);
        }
        return n;
      }
      case ADDRESS -> {
        byte[] w = slice(data, at, 32);
        for (int i = 0; i < 12; i++) {
          if (w[i] != 0) {
            throw new AbiException("an address word has non-zero high bytes");
          }
        }
        return "0x" + HEX.formatHex(w, 12, 32);
      }
      case BOOL -> {
        BigInteger n = new BigInteger(1, slice(data, at, 32));
        if (n.bitLength() > 1) {
          throw new AbiException("a bool word is neither 0 nor 1");
        }
        return n.signum() == 1;
      }
      case FIXED_BYTES -> {
        return Arrays.copyOf(slice(data, at, 32), t.size());
      }
      case BYTES, STRING -> {
        int len = intAt(data, at, "length");
        byte[] b = slice(data, at + 32, len);
        if (t.kind() == AbiType.Kind.BYTES) {
          return b;
        }
        try {
          return StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(b))
              .toString();
        } catch (CharacterCodingException e) {
          throw new AbiException("a string is not UTF-8");
        }
      }
      case ARRAY -> {
        int n = intAt(data, at, "array length");
        if ((long) n * 32 > data.length - at - 32L) {
          throw new AbiException("array length " + n + " exceeds the data");
        }
        return decodeTuple(java.util.Collections.nCopies(n, t.element()), data, at + 32);
      }
      case FIXED_ARRAY -> {
        return decodeTuple(java.util.Collections.nCopies(t.size(), t.element()), data, at);
      }
      case TUPLE -> {
        return decodeTuple(t.components(), data, at);
      }
    }
    throw new AbiException("cannot decode " + t);
  }

  private static int intAt(byte[] data, int at, String what) {
    BigInteger n = new BigInteger(1, slice(data, at, 32));
    if (n.bitLength() > 31) {
      throw new AbiException(what + " " + n + " is out of range");
    }
    return n.intValue();
  }

  private static byte[] slice(byte[] data, int at, int len) {
    if (at < 0 || len < 0 || (long) at + len > data.length) {
      throw new AbiException(
          "the data ends at byte " + data.length + ", reading " + len + " at " + at);
    }
    return Arrays.copyOfRange(data, at, at + len);
  }
}
