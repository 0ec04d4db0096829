package org.jingchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench compare A.json B.json}: two result files of the same benchmark side by side,
 * every number at the top level and one level down (the CPU per component), with B/A. Meant for two
 * commits measured in one window (docs/performance.md, "Comparing two commits").
 */
public final class BenchCompare {
  private BenchCompare() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: bin/bench compare A.json B.json");
      System.exit(2);
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(Path.of(args[0]).toFile());
    JsonNode b = json.readTree(Path.of(args[1]).toFile());
    print(System.out, args[0], a, args[1], b);
  }

  static void print(PrintStream out, String nameA, JsonNode a, String nameB, JsonNode b) {
    out.printf("A %s (commit %s)%n", nameA, a.path("machine").path("commit").asText("unknown"));
    out.printf("B %s (commit %s)%n", nameB, b.path("machine").path("commit").asText("unknown"));
    if (!a.path("machine").path("cpu").equals(b.path("machine").path("cpu"))) {
      out.println("warning: measured on different CPUs; the ratios compare machines, not commits");
    }
    out.printf("%-44s %14s %14s %8s%n", "", "A", "B", "B/A");
    for (String[] row : rows(a, b)) {
      out.printf("%-44s %14s %14s %8s%n", (Object[]) row);
    }
  }

  /** One row per number both files hold: name, A, B, B/A. */
  static List<String[]> rows(JsonNode a, JsonNode b) {
    List<String[]> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      JsonNode other = b.path(e.getKey());
      if (e.getValue().isNumber() && other.isNumber()) {
        out.add(row(e.getKey(), e.getValue().asDouble(), other.asDouble()));
      } else if (e.getValue().isObject() && !e.getKey().equals("machine")) {
        for (Map.Entry<String, JsonNode> f : e.getValue().properties()) {
          JsonNode o = other.path(f.getKey());
          if (f.getValue().isNumber() && o.isNumber()) {
            out.add(row(e.getKey() + "." + f.getKey(), f.getValue().asDouble(), o.asDouble()));
          }
        }
      }
    }
    return out;
  }

  private static String[] row(String name, double x, double y) {
    return new String[] {name, format(x), format(y), x == 0 ? "-" : String.format("%.2f", y / x)};
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.format("%,d", (long) v)
        : String.format("%,.2f", v);
  }
}
