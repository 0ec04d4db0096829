package org.jingchain.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares what a document shows a command printing with what it printed (docs/docs-runner.md).
 * Both sides are first put through the same placeholders, for what differs from run to run:
 * timestamps, DIDs, addresses, hashes and keys, base64url strings, durations and rates, and the
 * numbers that count heights, versions, leaves and proof siblings. A shown line that is just {@code
 * ...} stands for any number of printed lines, and {@code ...} inside a line for any text;
 * otherwise every printed line must be shown, in order.
 */
final class DocOutput {
  private record Rule(Pattern pattern, String replacement) {}

  private static final List<Rule> RULES =
      List.of(
          rule("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z?", "<time>"),
          rule("\\b\\d{8}T\\d{6}Z\\b", "<time>"),
          rule("\\b(blocks) \\d+\\.\\.\\d+\\b", "$1 <n>..<n>"),
          rule("did:jing:[0-9a-f]+…?", "did:jing:<id>"),
          rule("\\b(ji|js)[0-9a-f]{40}\\b", "<address>"),
          rule("\\b0x[0-9a-f]{40}\\b", "0x<address>"),
          // hashes, keys, signatures: long hex, a shortened one (ending in …), a short one where a
          // hash stands (a relayed transaction), or a short one with both letters and digits
          rule("\\b[0-9a-f]{32,}\\b", "<hex>"),
          rule("\\b[0-9a-f]{6,}…", "<hex>…"),
          rule("\\btx [0-9a-f]{8,}\\b", "tx <hex>"),
          rule("\\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{8,31}\\b", "<hex>"),
          // random identifiers in base64url: a JWK's key, a data access's id
          rule("(\"x\" : \")[A-Za-z0-9_-]{20,}\"", "$1<base64>\""),
          rule("\\b(id=|access |detail=)[A-Za-z0-9_-]{16,}(?![A-Za-z0-9_-])", "$1<base64>"),
          rule("\\b\\d+(\\.\\d+)? ?(ms|µs|s|min|minutes|seconds)\\b", "<duration>"),
          rule("\\b\\d+(\\.\\d+)? ?([KMG]i?B/s|tx/s)", "<rate>"),
          // gas includes the calldata's, which holds addresses of fresh keys (zero bytes vary)
          rule("\\b(gasUsed=|gas used )\\d+", "$1<n>"),
          rule(
              "\\b(block|blocks|height|heights|version|leaf|challenge|epoch|round|txs)(\\s+|=)\\d+",
              "$1$2<n>"),
          rule("\\b(head|state after|backup at) \\d+\\b", "$1 <n>"),
          rule("\"(versionId|version|\\w*[Hh]eight)\" ?: ?\"?\\d+\"?", "\"$1\" : <n>"),
          rule("\\b\\d+ (siblings|blocks|tree nodes)\\b", "<n> $1"),
          rule("\\bsn\\d+\\b", "sn<n>"),
          rule("\\bsn<n> at http://127\\.0\\.0\\.1:\\d+", "sn<n> at <endpoint>"),
          // jing net status: height, round, peers and head of each node
          rule(
              "^(node\\d+ +\\S+ +\\S+ +(validator \\d+|follower)) +\\d+ +\\d+ +\\d+ +([0-9a-f]{16}|<hex>)$",
              "$1 <n> <n> <n> <hex>"),
          rule("\\bshard \\d+\\b", "shard <n>"));

  private DocOutput() {}

  private static Rule rule(String regex, String replacement) {
    return new Rule(Pattern.compile(regex), replacement);
  }

  /** A line with the run-dependent parts replaced by placeholders. */
  static String normalize(String line) {
    String s = line.strip().replaceAll("\\s+", " ");
    for (Rule r : RULES) {
      s = r.pattern.matcher(s).replaceAll(r.replacement);
    }
    return s;
  }

  /**
   * Null when {@code actual} is what {@code shown} shows; otherwise what differs, for a person to
   * read.
   */
  static String mismatch(List<String> shown, List<String> actual) {
    return mismatch(shown, actual, false);
  }

  /**
   * As {@link #mismatch(List, List)}; with {@code excerpt}, the shown lines need only appear in
   * order, with any lines between (a script's output, of which a document shows the gist).
   */
  static String mismatch(List<String> shown, List<String> actual, boolean excerpt) {
    if (excerpt) {
      List<String> gaps = new ArrayList<>(List.of("..."));
      for (String l : shown) {
        if (!l.isBlank()) {
          gaps.add(l);
          gaps.add("...");
        }
      }
      shown = gaps;
    }
    List<String> a = new ArrayList<>(actual.stream().map(DocOutput::normalize).toList());
    while (!a.isEmpty() && a.get(a.size() - 1).isBlank()) {
      a.remove(a.size() - 1);
    }
    List<String> e = new ArrayList<>(shown.stream().map(DocOutput::normalize).toList());
    while (!e.isEmpty() && e.get(e.size() - 1).isBlank()) {
      e.remove(e.size() - 1);
    }
    List<Pattern> patterns = e.stream().map(DocOutput::linePattern).toList();
    // matched[i][j]: shown lines from i on match printed lines from j on
    boolean[][] matched = new boolean[e.size() + 1][a.size() + 1];
    matched[e.size()][a.size()] = true;
    for (int i = e.size() - 1; i >= 0; i--) {
      boolean gap = e.get(i).strip().equals("...");
      for (int j = a.size(); j >= 0; j--) {
        if (gap) {
          matched[i][j] = matched[i + 1][j] || (j < a.size() && matched[i][j + 1]);
        } else {
          matched[i][j] =
              j < a.size() && patterns.get(i).matcher(a.get(j)).matches() && matched[i + 1][j + 1];
        }
      }
    }
    if (matched[0][0]) {
      return null;
    }
    // the first shown line that cannot be matched, following the longest matching prefix
    int i = 0;
    int j = 0;
    while (i < e.size()) {
      boolean gap = e.get(i).strip().equals("...");
      if (gap) {
        i++;
        continue;
      }
      int k = j;
      while (k < a.size() && !patterns.get(i).matcher(a.get(k)).matches()) {
        k++;
        if (i == 0 || !e.get(i - 1).strip().equals("...")) {
          k = a.size();
        }
      }
      if (k >= a.size()) {
        return "the document shows:\n  "
            + shown.get(i)
            + "\nwhere it printed:\n  "
            + (j < actual.size() ? actual.get(j) : "(nothing more)");
      }
      i++;
      j = k + 1;
    }
    return "it printed more than the document shows, from:\n  "
        + actual.get(Math.min(j, actual.size() - 1));
  }

  private static Pattern linePattern(String normalized) {
    StringBuilder p = new StringBuilder();
    String[] parts = normalized.split("\\.\\.\\.|…", -1);
    for (int k = 0; k < parts.length; k++) {
      if (k > 0) {
        p.append(".*");
      }
      p.append(Pattern.quote(parts[k]));
    }
    return Pattern.compile(p.toString());
  }
}
