package org.jingchain.sdk.abi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jingchain.evm.abi.AbiCodec;
import org.jingchain.evm.abi.AbiException;
import org.jingchain.evm.abi.AbiType;

/** ABI values to and from JSON, as the CLI reads arguments and prints results. */
public final class AbiJson {
  private static final HexFormat HEX = HexFormat.of();

  private AbiJson() {}

  /**
   * A value of {@code t} from JSON as a person writes it: integers as numbers or strings (decimal
   * or 0x-hex), addresses and bytes as 0x-hex, arrays and tuples as JSON arrays.
   */
  public static Object fromJson(AbiType t, JsonNode n) {
    switch (t.kind()) {
      case UINT, INT -> {
        if (n.isIntegralNumber()) {
          return n.bigIntegerValue();
        }
        return AbiCodec.integer(n.asText(), t);
      }
      case BOOL -> {
        if (n.isBoolean()) {
          return n.booleanValue();
        }
        String s = n.asText().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
          return Boolean.parseBoolean(s);
        }
        throw new AbiException("bool needs true or false, got " + n);
      }
      case ARRAY, FIXED_ARRAY, TUPLE -> {
        if (!n.isArray()) {
          throw new AbiException(t + " needs a JSON array, got " + n);
        }
        List<Object> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : n) {
          AbiType et = t.kind() == AbiType.Kind.TUPLE ? component(t, i) : t.element();
          out.add(fromJson(et, e));
          i++;
        }
        return out;
      }
      default -> {
        if (!n.isTextual()) {
          throw new AbiException(t + " needs a string, got " + n);
        }
        return t.kind() == AbiType.Kind.STRING ? n.asText() : (Object) n.asText();
      }
    }
  }

  private static AbiType component(AbiType t, int i) {
    if (i >= t.components().size()) {
      throw new AbiException(t + " has only " + t.components().size() + " values");
    }
    return t.components().get(i);
  }

  /** A decoded value as JSON: integers as decimal strings, bytes as 0x-hex. */
  public static JsonNode toJson(AbiType t, Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (t.kind()) {
      case UINT, INT -> f.textNode(v.toString());
      case BOOL -> f.booleanNode((Boolean) v);
      case FIXED_BYTES, BYTES -> f.textNode("0x" + HEX.formatHex((byte[]) v));
      case ADDRESS, STRING -> f.textNode((String) v);
      case ARRAY, FIXED_ARRAY, TUPLE -> {
        ArrayNode a = f.arrayNode();
        List<?> l = (List<?>) v;
        for (int i = 0; i < l.size(); i++) {
          a.add(
              toJson(
                  t.kind() == AbiType.Kind.TUPLE ? t.components().get(i) : t.element(), l.get(i)));
        }
        yield a;
      }
    };
  }
}
