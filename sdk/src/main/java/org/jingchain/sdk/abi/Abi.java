package org.jingchain.sdk.abi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jingchain.evm.Keccak;
import org.jingchain.evm.abi.AbiCodec;
import org.jingchain.evm.abi.AbiException;
import org.jingchain.evm.abi.AbiType;

/**
 * A contract's ABI as solc writes it ({@code solc --abi}, or the {@code abi} of a Hardhat
 * artifact): its functions, constructor, events and errors, with the encodings to call them and
 * read what they return.
 */
public final class Abi {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A function, the constructor, an event or an error. */
  public record Entry(
      String kind,
      String name,
      List<String> inputNames,
      List<AbiType> inputs,
      List<Boolean> indexed,
      List<String> outputNames,
      List<AbiType> outputs,
      String stateMutability) {
    /** {@code name(type1,type2)}. */
    public String signature() {
      return name + "(" + String.join(",", inputs.stream().map(AbiType::canonical).toList()) + ")";
    }

    /** The first four bytes of the signature's keccak256 (functions and errors). */
    public byte[] selector() {
      return Arrays.copyOf(topic(), 4);
    }

    /** The signature's keccak256 (an event's topic 0). */
    public byte[] topic() {
      return Keccak.hash(signature().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether calling it changes nothing (view or pure): a read, not a transaction. */
    public boolean readOnly() {
      return "view".equals(stateMutability) || "pure".equals(stateMutability);
    }
  }

  private final List<Entry> entries;

  private Abi(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * Reads an ABI: a JSON array of entries, or an object with an {@code abi} array (a Hardhat or
   * Foundry artifact).
   */
  public static Abi parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new AbiException("the ABI is not JSON: " + e.getMessage());
    }
    if (root != null && root.isObject() && root.has("abi")) {
      root = root.get("abi");
    }
    if (root == null || !root.isArray()) {
      throw new AbiException("an ABI is a JSON array of entries");
    }
    List<Entry> out = new ArrayList<>();
    for (JsonNode e : root) {
      String kind = e.path("type").asText("function");
      List<String> inNames = new ArrayList<>();
      List<AbiType> inTypes = new ArrayList<>();
      List<Boolean> indexed = new ArrayList<>();
      params(e.path("inputs"), inNames, inTypes, indexed);
      List<String> outNames = new ArrayList<>();
      List<AbiType> outTypes = new ArrayList<>();
      params(e.path("outputs"), outNames, outTypes, new ArrayList<>());
      out.add(
          new Entry(
              kind,
              e.path("name").asText(""),
              inNames,
              inTypes,
              indexed,
              outNames,
              outTypes,
              e.path("stateMutability").asText("nonpayable")));
    }
    return new Abi(out);
  }

  private static void params(
      JsonNode list, List<String> names, List<AbiType> types, List<Boolean> indexed) {
    if (list.isMissingNode() || list.isNull()) {
      return;
    }
    if (!list.isArray()) {
      throw new AbiException("inputs and outputs are arrays");
    }
    for (JsonNode p : list) {
      names.add(p.path("name").asText(""));
      types.add(type(p));
      indexed.add(p.path("indexed").asBoolean(false));
    }
  }

  private static AbiType type(JsonNode p) {
    if (!p.path("type").isTextual()) {
      throw new AbiException("a parameter has no type: " + p);
    }
    List<AbiType> components = new ArrayList<>();
    for (JsonNode c : p.path("components")) {
      components.add(type(c));
    }
    return AbiType.parse(p.get("type").asText(), components);
  }

  /**
   * The function named {@code nameOrSignature} — a name when it is not overloaded, else the full
   * signature such as {@code transfer(address,uint256)}.
   */
  public Entry function(String nameOrSignature) {
    return find("function", nameOrSignature);
  }

  public Entry event(String nameOrSignature) {
    return find("event", nameOrSignature);
  }

  /** The constructor (one without inputs when the ABI declares none). */
  public Entry constructor() {
    return entries.stream()
        .filter(e -> e.kind().equals("constructor"))
        .findFirst()
        .orElse(
            new Entry(
                "constructor",
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "nonpayable"));
  }

  private Entry find(String kind, String nameOrSignature) {
    List<Entry> matches =
        entries.stream()
            .filter(e -> e.kind().equals(kind))
            .filter(
                e ->
                    nameOrSignature.contains("(")
                        ? e.signature().equals(nameOrSignature.replace(" ", ""))
                        : e.name().equals(nameOrSignature))
            .toList();
    if (matches.isEmpty()) {
      List<String> known =
          entries.stream().filter(e -> e.kind().equals(kind)).map(Entry::signature).toList();
      throw new AbiException(
          "the ABI has no " + kind + " " + nameOrSignature + "; it has " + known);
    }
    if (matches.size() > 1) {
      throw new AbiException(
          nameOrSignature
              + " is overloaded; name one of "
              + matches.stream().map(Entry::signature).toList());
    }
    return matches.get(0);
  }

  /** Calldata: the selector then the encoded arguments. */
  public static byte[] encodeCall(Entry fn, List<?> args) {
    byte[] sel = fn.selector();
    byte[] body = AbiCodec.encode(fn.inputs(), args);
    byte[] out = Arrays.copyOf(sel, 4 + body.length);
    System.arraycopy(body, 0, out, 4, body.length);
    return out;
  }

  /** Deployment data: the bytecode then the constructor's encoded arguments. */
  public byte[] encodeDeploy(byte[] bytecode, List<?> args) {
    byte[] body = AbiCodec.encode(constructor().inputs(), args);
    byte[] out = Arrays.copyOf(bytecode, bytecode.length + body.length);
    System.arraycopy(body, 0, out, bytecode.length, body.length);
    return out;
  }

  /** Arguments given as JSON text, one string per parameter (quotes optional for scalars). */
  public static List<Object> argsFromText(List<AbiType> types, List<String> texts) {
    if (types.size() != texts.size()) {
      throw new AbiException(
          "expected " + types.size() + " arguments " + types + ", got " + texts.size());
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      String s = texts.get(i).trim();
      JsonNode n;
      if (s.startsWith("[") || s.startsWith("{") || s.startsWith("\"")) {
        try {
          n = JSON.readTree(s);
        } catch (IOException e) {
          throw new AbiException("argument " + (i + 1) + " is not valid JSON: " + s);
        }
      } else {
        n = JSON.getNodeFactory().textNode(s);
      }
      out.add(AbiJson.fromJson(types.get(i), n));
    }
    return out;
  }

  /** Decoded outputs as a JSON object, by output name (or position when unnamed). */
  public static ObjectNode outputsJson(Entry fn, byte[] data) {
    return namedJson(fn.outputNames(), fn.outputs(), AbiCodec.decode(fn.outputs(), data));
  }

  private static ObjectNode namedJson(List<String> names, List<AbiType> types, List<Object> vals) {
    ObjectNode o = JSON.createObjectNode();
    for (int i = 0; i < types.size(); i++) {
      String name = names.get(i).isEmpty() ? Integer.toString(i) : names.get(i);
      o.set(name, AbiJson.toJson(types.get(i), vals.get(i)));
    }
    return o;
  }

  /** Decoded arguments as a person reads them: {@code from=0x…, to=0x…, value=2500}. */
  public static String argsText(ObjectNode args) {
    StringBuilder sb = new StringBuilder();
    args.properties()
        .forEach(
            a ->
                sb.append(sb.isEmpty() ? "" : ", ")
                    .append(a.getKey())
                    .append('=')
                    .append(a.getValue().isTextual() ? a.getValue().asText() : a.getValue()));
    return sb.toString();
  }

  /** The event of this ABI whose topic 0 is {@code topic0}, if any. */
  public Optional<Entry> eventByTopic(byte[] topic0) {
    return entries.stream()
        .filter(e -> e.kind().equals("event"))
        .filter(e -> Arrays.equals(e.topic(), topic0))
        .findFirst();
  }

  /**
   * A log decoded by its event: indexed parameters from the topics (a dynamic indexed value is only
   * its hash, given as such), the others from the data.
   */
  public static ObjectNode decodeLog(Entry event, List<byte[]> topics, byte[] data) {
    ObjectNode o = JSON.createObjectNode();
    o.put("event", event.signature());
    List<AbiType> dataTypes = new ArrayList<>();
    List<String> dataNames = new ArrayList<>();
    int topic = 1;
    ObjectNode args = o.putObject("args");
    for (int i = 0; i < event.inputs().size(); i++) {
      AbiType t = event.inputs().get(i);
      String name =
          event.inputNames().get(i).isEmpty() ? Integer.toString(i) : event.inputNames().get(i);
      if (event.indexed().get(i)) {
        if (topic >= topics.size()) {
          throw new AbiException("the log has too few topics for " + event.signature());
        }
        byte[] w = topics.get(topic++);
        if (t.dynamic() || t.kind() == AbiType.Kind.TUPLE || t.kind() == AbiType.Kind.FIXED_ARRAY) {
          args.put(name, "0x" + HexFormat.of().formatHex(w) + " (keccak256 of the value)");
        } else {
          args.set(name, AbiJson.toJson(t, AbiCodec.decode(List.of(t), w).get(0)));
        }
      } else {
        dataTypes.add(t);
        dataNames.add(name);
      }
    }
    List<Object> vals = AbiCodec.decode(dataTypes, data);
    for (int i = 0; i < dataTypes.size(); i++) {
      args.set(dataNames.get(i), AbiJson.toJson(dataTypes.get(i), vals.get(i)));
    }
    return o;
  }

  /** A custom error of this ABI that {@code revertData} carries, decoded, if any. */
  public Optional<String> decodeError(byte[] revertData) {
    if (revertData.length < 4) {
      return Optional.empty();
    }
    byte[] sel = Arrays.copyOf(revertData, 4);
    for (Entry e : entries) {
      if (e.kind().equals("error") && Arrays.equals(e.selector(), sel)) {
        try {
          ObjectNode args =
              namedJson(
                  e.inputNames(),
                  e.inputs(),
                  AbiCodec.decode(
                      e.inputs(), Arrays.copyOfRange(revertData, 4, revertData.length)));
          return Optional.of(e.name() + "(" + argsText(args) + ")");
        } catch (AbiException malformed) {
          return Optional.of(e.name() + " (malformed arguments)");
        }
      }
    }
    return Optional.empty();
  }
}
