package org.jingchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.jingchain.testkit.NodeTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coder against an independent implementation: the reed-solomon-erasure crate (Rust, compiled
 * to WebAssembly, pinned in evm-tests/package-lock.json), byte for byte, for encoding and for
 * reconstruction of the data shards (its wrapper returns only those) ([STORE-2]). Skipped loudly
 * without Node.js.
 */
class ReferenceCoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final int[][] CODES = {
    {1, 1}, {2, 1}, {3, 2}, {4, 4}, {6, 3}, {10, 4}, {17, 3}, {29, 51}, {100, 28}, {200, 56}
  };

  @Test
  void parityAndReconstructionMatchTheReferenceByteForByte(@TempDir Path dir) throws Exception {
    SplittableRandom r = new SplittableRandom(2026);
    ArrayNode cases = JSON.createArrayNode();
    int perCode = 20;
    byte[][][] ours = new byte[CODES.length * perCode][][];
    byte[][][] rebuilt = new byte[CODES.length * perCode][][];
    int c = 0;
    for (int[] code : CODES) {
      int k = code[0];
      int m = code[1];
      ReedSolomon rs = new ReedSolomon(k, m);
      for (int t = 0; t < perCode; t++, c++) {
        int len = 1 + r.nextInt(t < 2 ? 3 : 200);
        byte[][] shards = ReedSolomonTest.randomShards(r, k, m, len);
        ObjectNode cs = cases.addObject().put("k", k).put("m", m).put("len", len);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < k; i++) {
          data.append(HEX.formatHex(shards[i]));
        }
        cs.put("data", data.toString());
        rs.encode(shards, 0, len);
        ours[c] = shards;
        boolean[] present = new boolean[k + m];
        java.util.Arrays.fill(present, true);
        int lose = r.nextInt(m + 1);
        for (int lost = 0; lost < lose; ) {
          int i = r.nextInt(k + m);
          if (present[i]) {
            present[i] = false;
            lost++;
          }
        }
        ArrayNode p = cs.putArray("present");
        byte[][] damaged = ReedSolomonTest.copy(shards);
        for (int i = 0; i < k + m; i++) {
          p.add(present[i]);
          if (!present[i]) {
            java.util.Arrays.fill(damaged[i], (byte) 0);
          }
        }
        rs.reconstruct(damaged, present, 0, len);
        rebuilt[c] = damaged;
      }
    }
    Path in = dir.resolve("cases.json");
    Path out = dir.resolve("out.json");
    JSON.writeValue(in.toFile(), cases);
    NodeTools.run("rs.mjs", in.toString(), out.toString());
    JsonNode results = JSON.readTree(Files.readString(out));
    assertThat(results).hasSize(c);
    for (int i = 0; i < c; i++) {
      assertThat(results.get(i).get("shards").asText())
          .as("case %d (%s)", i, cases.get(i).get("k") + "+" + cases.get(i).get("m"))
          .isEqualTo(hex(ours[i]));
      assertThat(results.get(i).get("reconstructed").asText())
          .as("reconstruction of case %d", i)
          .isEqualTo(hex(java.util.Arrays.copyOf(rebuilt[i], cases.get(i).get("k").asInt())));
    }
  }

  private static String hex(byte[][] shards) {
    StringBuilder s = new StringBuilder();
    for (byte[] b : shards) {
      s.append(HEX.formatHex(b));
    }
    return s.toString();
  }
}
