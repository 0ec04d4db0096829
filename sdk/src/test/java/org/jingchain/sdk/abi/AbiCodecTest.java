package org.jingchain.sdk.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.jingchain.evm.abi.AbiCodec;
import org.jingchain.evm.abi.AbiException;
import org.jingchain.evm.abi.AbiType;
import org.jingchain.testkit.NodeTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our ABI codec against ethers.js 6 (evm-tests/abi.mjs), an independent implementation: random
 * types (nested tuples, dynamic and fixed arrays, every scalar size) with random values from a
 * fixed seed must encode to the same bytes, and each side must decode the other's encoding back to
 * the values.
 */
class AbiCodecTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long SEED = Long.getLong("jing.abi.seed", 20261207L);
  static final int CASES = 400;

  @TempDir Path dir;

  @Test
  void encodingsAndDecodingsAgreeWithEthers() throws Exception {
    SplittableRandom rnd = new SplittableRandom(SEED);
    ArrayNode cases = JSON.createArrayNode();
    List<List<AbiType>> types = new ArrayList<>();
    List<List<Object>> values = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      int n = 1 + rnd.nextInt(4);
      List<AbiType> ts = new ArrayList<>();
      List<Object> vs = new ArrayList<>();
      ObjectNode c = cases.addObject();
      ArrayNode tj = c.putArray("types");
      ArrayNode vj = c.putArray("values");
      for (int k = 0; k < n; k++) {
        AbiType t = randomType(rnd, 0);
        Object v = randomValue(rnd, t);
        ts.add(t);
        vs.add(v);
        tj.add(t.canonical());
        vj.add(AbiJson.toJson(t, v));
      }
      c.put("encoded", "0x" + HexFormat.of().formatHex(AbiCodec.encode(ts, vs)));
      types.add(ts);
      values.add(vs);
    }
    Path in = dir.resolve("cases.json");
    JSON.writeValue(in.toFile(), cases);
    JsonNode theirs = JSON.readTree(NodeTools.run("abi.mjs", in.toString()));
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      JsonNode c = cases.get(i);
      JsonNode r = theirs.get(i);
      if (!c.get("encoded").equals(r.get("encoded"))) {
        differences.add(
            "case "
                + i
                + " "
                + c.get("types")
                + ": encodings differ\n  ours   "
                + c.get("encoded")
                + "\n  ethers "
                + r);
        continue;
      }
      if (!c.get("values").equals(r.get("decoded"))) {
        differences.add(
            "case " + i + " " + c.get("types") + ": ethers decodes ours as " + r.get("decoded"));
      }
      byte[] enc = HexFormat.of().parseHex(r.get("encoded").asText().substring(2));
      List<Object> back = AbiCodec.decode(types.get(i), enc);
      ArrayNode backJson = JSON.createArrayNode();
      for (int k = 0; k < back.size(); k++) {
        backJson.add(AbiJson.toJson(types.get(i).get(k), back.get(k)));
      }
      if (!backJson.equals(c.get("values"))) {
        differences.add(
            "case " + i + " " + c.get("types") + ": we decode ethers' encoding as " + backJson);
      }
    }
    assertThat(differences).as("seed %d", SEED).isEmpty();
  }

  @Test
  void selectorsAndEventTopicsAreTheKnownOnes() {
    Abi abi =
        Abi.parse(
            """
            [{"type":"function","name":"transfer","inputs":[{"name":"to","type":"address"},{"name":"value","type":"uint256"}],"outputs":[{"name":"","type":"bool"}],"stateMutability":"nonpayable"},
             {"type":"event","name":"Transfer","inputs":[{"name":"from","type":"address","indexed":true},{"name":"to","type":"address","indexed":true},{"name":"value","type":"uint256","indexed":false}]},
             {"type":"function","name":"balanceOf","inputs":[{"name":"account","type":"address"}],"outputs":[{"name":"","type":"uint256"}],"stateMutability":"view"}]
            """);
    assertThat(HexFormat.of().formatHex(abi.function("transfer").selector())).isEqualTo("a9059cbb");
    assertThat(HexFormat.of().formatHex(abi.function("balanceOf").selector()))
        .isEqualTo("70a08231");
    assertThat(HexFormat.of().formatHex(abi.event("Transfer").topic()))
        .isEqualTo("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    assertThat(abi.function("balanceOf").readOnly()).isTrue();
  }

  @Test
  void hostileDataIsRefusedNotFollowed() {
    List<AbiType> t = List.of(AbiType.parse("uint256[]"));
    byte[] lies = new byte[64];
    lies[31] = 0x20; // offset 32
    lies[32] = 0x7f; // length 2^255-ish
    assertThatThrownBy(() -> AbiCodec.decode(t, lies)).isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiCodec.decode(List.of(AbiType.parse("address")), new byte[31]))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiType.parse("uint7")).isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiType.parse("uint256[99999999999]"))
        .isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> Abi.parse("{\"not\":\"an abi\"}")).isInstanceOf(AbiException.class);
    assertThatThrownBy(
            () ->
                AbiCodec.encode(List.of(AbiType.parse("uint8")), List.of(BigInteger.valueOf(256))))
        .isInstanceOf(AbiException.class)
        .hasMessageContaining("does not fit uint8");
  }

  static AbiType randomType(SplittableRandom rnd, int depth) {
    int k = rnd.nextInt(depth >= 2 ? 7 : 10);
    return switch (k) {
      case 0 -> AbiType.parse("uint" + 8 * (1 + rnd.nextInt(32)));
      case 1 -> AbiType.parse("int" + 8 * (1 + rnd.nextInt(32)));
      case 2 -> AbiType.parse("address");
      case 3 -> AbiType.parse("bool");
      case 4 -> AbiType.parse("bytes" + (1 + rnd.nextInt(32)));
      case 5 -> AbiType.parse("bytes");
      case 6 -> AbiType.parse("string");
      case 7 -> AbiType.parse(randomType(rnd, depth + 1).canonical() + "[]");
      case 8 ->
          AbiType.parse(randomType(rnd, depth + 1).canonical() + "[" + (1 + rnd.nextInt(3)) + "]");
      default -> {
        List<AbiType> cs = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
          cs.add(randomType(rnd, depth + 1));
        }
        yield AbiType.tuple(cs);
      }
    };
  }

  static Object randomValue(SplittableRandom rnd, AbiType t) {
    return switch (t.kind()) {
      case UINT ->
          new BigInteger(t.size(), new java.util.Random(rnd.nextLong()))
              .shiftRight(rnd.nextInt(t.size()));
      case INT -> {
        BigInteger v =
            new BigInteger(t.size() - 1, new java.util.Random(rnd.nextLong()))
                .shiftRight(rnd.nextInt(t.size()));
        yield rnd.nextBoolean() ? v.negate().subtract(BigInteger.ONE) : v;
      }
      case ADDRESS -> {
        byte[] a = new byte[20];
        for (int i = 0; i < 20; i++) {
          a[i] = (byte) rnd.nextInt(256);
        }
        yield "0x" + HexFormat.of().formatHex(a);
      }
      case BOOL -> rnd.nextBoolean();
      case FIXED_BYTES -> bytes(rnd, t.size());
      case BYTES -> bytes(rnd, rnd.nextInt(70));
      case STRING -> {
        String[] words = {"", "hi", "京链", "city token", "a".repeat(40), "éß\u20ac"};
        yield words[rnd.nextInt(words.length)];
      }
      case ARRAY -> {
        List<Object> l = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          l.add(randomValue(rnd, t.element()));
        }
        yield l;
      }
      case FIXED_ARRAY -> {
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
          l.add(randomValue(rnd, t.element()));
        }
        yield l;
      }
      case TUPLE -> {
        List<Object> l = new ArrayList<>();
        for (AbiType c : t.components()) {
          l.add(randomValue(rnd, c));
        }
        yield l;
      }
    };
  }

  static byte[] bytes(SplittableRandom rnd, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) rnd.nextInt(256);
    }
    return b;
  }
}
