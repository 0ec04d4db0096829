package org.jingchain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jingchain.datadir.Digest;
import org.jingchain.datadir.Policy;
import org.jingchain.datadir.Sector;
import org.jingchain.sdk.model.DatadirAsset;
import org.jingchain.sdk.model.DatadirAudit;
import org.jingchain.sdk.model.DatadirLineage;
import org.jingchain.sdk.model.DatadirSearch;
import org.jingchain.sdk.model.DatadirVersion;
import org.jingchain.types.Bytes;

/** Parsing and rendering for {@code jing data} (pure functions, unit-tested by DataCommandTest). */
final class DataFormats {
  static final Pattern DURATION = Pattern.compile("(\\d{1,12})([dhms])");

  private DataFormats() {}

  /** {@code 30d}, {@code 12h}, {@code 15m} or {@code 90s} in milliseconds, at least 1 s. */
  static long parseDurationMillis(String option, String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new CliException(
          option + ": expected a duration like 30d, 12h, 15m or 90s, got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    long unitMillis =
        switch (m.group(2)) {
          case "d" -> Duration.ofDays(1).toMillis();
          case "h" -> Duration.ofHours(1).toMillis();
          case "m" -> Duration.ofMinutes(1).toMillis();
          default -> Duration.ofSeconds(1).toMillis();
        };
    if (n == 0) {
      throw new CliException(option + ": a duration must be positive, got '" + text + "'");
    }
    try {
      return Math.multiplyExact(n, unitMillis);
    } catch (ArithmeticException e) {
      throw new CliException(option + ": duration '" + text + "' is too long");
    }
  }

  /**
   * An end time in epoch milliseconds: {@code nowMillis} plus a duration ({@link
   * #parseDurationMillis}), or an ISO-8601 instant such as {@code 2027-01-31T00:00:00Z}; it must be
   * after {@code nowMillis}.
   */
  static long parseExpiryMillis(String option, String text, long nowMillis) {
    String t = text.trim();
    long at;
    if (DURATION.matcher(t).matches()) {
      try {
        at = Math.addExact(nowMillis, parseDurationMillis(option, t));
      } catch (ArithmeticException e) {
        throw new CliException(option + ": duration '" + text + "' is too long");
      }
    } else {
      try {
        at = Instant.parse(t).toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new CliException(
            option
                + ": expected a duration (30d, 12h, 15m, 90s) or an ISO-8601 instant"
                + " (2027-01-31T00:00:00Z), got '"
                + text
                + "'");
      }
    }
    if (at <= nowMillis) {
      throw new CliException(option + ": " + text + " is not in the future");
    }
    return at;
  }

  static Sector parseSector(String text) {
    return Sector.ofLabel(text.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(
            () ->
                new CliException(
                    "unknown sector '"
                        + text
                        + "': one of healthcare, education, ai, finance, transport, government,"
                        + " other"));
  }

  /** A policy from its kind's name and the members (only, and at least one, for a group). */
  static Policy parsePolicy(String kind, List<String> members) {
    String k = kind.trim().toLowerCase(Locale.ROOT);
    Policy p =
        switch (k) {
          case "public" -> Policy.everyone();
          case "approval" -> Policy.approval();
          case "group" -> {
            if (members.isEmpty()) {
              throw new CliException("--policy group needs at least one --member DID");
            }
            yield Policy.group(members);
          }
          default ->
              throw new CliException(
                  "unknown policy '" + kind + "': one of public, approval, group");
        };
    if (p.kind() != Policy.Kind.GROUP && !members.isEmpty()) {
      throw new CliException("--member is only for --policy group");
    }
    return p;
  }

  /** {@code ALG:HEX}; {@code sha256} is read as {@code sha-256}, the name the chain uses. */
  static Digest parseDigest(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new CliException(
          "--digest: expected ALG:HEX, e.g. sha-256:<64 hex>, got '" + text + "'");
    }
    String alg = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    if (alg.equals("sha256")) {
      alg = "sha-256";
    }
    try {
      return new Digest(alg, Bytes.wrap(HexFormat.of().parseHex(text.substring(colon + 1).trim())));
    } catch (IllegalArgumentException e) {
      throw new CliException("--digest: '" + text.substring(colon + 1) + "' is not hex");
    }
  }

  /** A file's SHA-256 digest and size. */
  record FileDigest(Digest digest, long sizeBytes) {}

  /** Reads {@code file} once, in 1 MiB chunks: its SHA-256 digest and size. */
  static FileDigest digestFile(Path file) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    long size = 0;
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
        size += n;
      }
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
    return new FileDigest(new Digest("sha-256", Bytes.wrap(md.digest())), size);
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  static <T> List<T> orNone(List<T> l) {
    return l == null ? List.of() : l;
  }

  // ---- rendering (pure)

  /** A lineage graph as an indented tree from its root; a node met again is marked, not redrawn. */
  static String lineageTree(DatadirLineage g) {
    String root = orEmpty(g.root());
    boolean descendants = "descendants".equals(g.direction());
    Map<String, Set<String>> next = new TreeMap<>();
    for (DatadirLineage.Edge e : orNone(g.edges())) {
      String child = orEmpty(e.from());
      String parent = orEmpty(e.to());
      String from = descendants ? parent : child;
      next.computeIfAbsent(from, k -> new TreeSet<>()).add(descendants ? child : parent);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(descendants ? "descendants of " : "ancestors of ")
        .append(root)
        .append(" (")
        .append(orNone(g.nodes()).size())
        .append(" assets)\n")
        .append(root);
    treeChildren(sb, root, "", next, new HashSet<>(Set.of(root)));
    if (g.truncated()) {
      sb.append("\n(truncated: raise --max to see more)");
    }
    return sb.toString();
  }

  private static void treeChildren(
      StringBuilder sb,
      String node,
      String prefix,
      Map<String, Set<String>> next,
      Set<String> seen) {
    List<String> children = new ArrayList<>(next.getOrDefault(node, Set.of()));
    for (int i = 0; i < children.size(); i++) {
      String c = children.get(i);
      boolean last = i == children.size() - 1;
      sb.append('\n').append(prefix).append(last ? "└── " : "├── ").append(c);
      if (seen.add(c)) {
        treeChildren(sb, c, prefix + (last ? "    " : "│   "), next, seen);
      } else if (next.containsKey(c)) {
        sb.append(" (see above)");
      }
    }
  }

  /** A lineage graph as Graphviz DOT: an arrow from each asset to the one it was derived from. */
  static String lineageDot(DatadirLineage g) {
    String root = orEmpty(g.root());
    StringBuilder sb = new StringBuilder();
    sb.append("// ")
        .append(g.direction() == null ? "ancestors" : g.direction())
        .append(" of ")
        .append(root)
        .append(g.truncated() ? " (truncated)" : "")
        .append('\n')
        .append("digraph lineage {\n")
        .append("  rankdir=BT;\n")
        .append("  node [shape=box];\n");
    for (String id : orNone(g.nodes())) {
      sb.append("  ")
          .append(quote(id))
          .append(id.equals(root) ? " [style=bold]" : "")
          .append(";\n");
    }
    for (DatadirLineage.Edge e : orNone(g.edges())) {
      sb.append("  ")
          .append(quote(orEmpty(e.from())))
          .append(" -> ")
          .append(quote(orEmpty(e.to())))
          .append(";\n");
    }
    return sb.append("}\n").toString();
  }

  private static String quote(String id) {
    return '"' + id.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  static String searchText(DatadirSearch r) {
    List<DatadirSearch.Hit> hits = orNone(r.hits());
    long offset = r.offset();
    StringBuilder sb = new StringBuilder();
    sb.append(
        hits.isEmpty()
            ? "no assets match (" + r.total() + " in all)"
            : "assets " + (offset + 1) + ".." + (offset + hits.size()) + " of " + r.total());
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ID", "SECTOR", "POLICY", "STATUS", "OWNER", "TITLE"));
    for (DatadirSearch.Hit h : hits) {
      rows.add(
          List.of(
              orEmpty(h.id()),
              orEmpty(h.sector()),
              orEmpty(h.policy()),
              orEmpty(h.status()),
              orEmpty(h.owner()),
              orEmpty(h.title())));
    }
    if (!hits.isEmpty()) {
      sb.append('\n').append(table(rows));
    }
    StringBuilder facets = new StringBuilder();
    Map<String, Map<String, Long>> counts = r.facets() == null ? Map.of() : r.facets();
    for (var f : counts.entrySet()) {
      if (f.getValue() != null && !f.getValue().isEmpty()) {
        facets.append(String.format("%n  %-8s", f.getKey()));
        for (var v : f.getValue().entrySet()) {
          facets.append(' ').append(v.getKey()).append('=').append(v.getValue());
        }
      }
    }
    if (!facets.isEmpty()) {
      sb.append("\nfacets").append(facets);
    }
    return sb.toString();
  }

  /** Left-aligned columns, the last one unpadded. */
  static String table(List<List<String>> rows) {
    int[] width = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(
            i == row.size() - 1 ? row.get(i) : String.format("%-" + width[i] + "s  ", row.get(i)));
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  static String assetText(DatadirAsset a) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("title", orEmpty(a.title()));
    f.put("description", orEmpty(a.description()));
    f.put("owner", orEmpty(a.owner()));
    f.put("sector", orEmpty(a.sector()));
    f.put("tags", joined(a.tags()));
    f.put("format", orEmpty(a.format()));
    f.put("licence", orEmpty(a.licence()));
    DatadirAsset.Policy p = a.policy();
    List<String> members = p == null ? List.of() : orNone(p.members());
    f.put(
        "policy",
        (p == null ? "" : orEmpty(p.kind())) + (members.isEmpty() ? "" : ": " + joined(members)));
    f.put("delegates", joined(a.delegates()));
    f.put("derived from", joined(a.derivedFrom()));
    f.put("derived into", joined(a.derivedInto()));
    f.put(
        "versions",
        a.versions()
            + " (registered at height "
            + a.createdHeight()
            + ", updated at "
            + a.updatedHeight()
            + ")");
    if ("retired".equals(a.status())) {
      f.put("retired", orEmpty(a.retiredReason()));
    }
    DatadirAsset.TransferOffer offer = a.transferOffer();
    if (offer != null) {
      f.put("offered to", orEmpty(offer.to()) + " (at height " + offer.height() + ")");
    }
    StringBuilder sb =
        new StringBuilder("asset ")
            .append(orEmpty(a.id()))
            .append(" (")
            .append(orEmpty(a.status()))
            .append(')');
    fields(sb, f);
    DatadirVersion v = a.latest();
    if (v != null) {
      Map<String, String> lv = new LinkedHashMap<>();
      DatadirVersion.Digest d = v.digest();
      lv.put("digest", d == null ? ":" : orEmpty(d.algorithm()) + ":" + orEmpty(d.value()));
      lv.put("size", v.size() + " bytes");
      lv.put("locations", joined(v.locations()));
      lv.put("note", orEmpty(v.note()));
      sb.append("\nlatest version ")
          .append(v.version())
          .append(" (height ")
          .append(v.height())
          .append(')');
      fields(sb, lv);
    }
    return sb.toString();
  }

  private static void fields(StringBuilder sb, Map<String, String> f) {
    f.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            sb.append(String.format("%n  %-13s %s", k, v));
          }
        });
  }

  private static String joined(List<String> items) {
    return String.join(", ", orNone(items));
  }

  /** A certified audit page as the node's API shows it ({@code GET /api/v1/datadir/audit}). */
  static DatadirAudit audit(org.jingchain.datadir.AuditPage page) {
    List<DatadirAudit.Entry> entries = new ArrayList<>();
    for (org.jingchain.datadir.AuditEntry a : page.entries()) {
      entries.add(
          new DatadirAudit.Entry(
              a.seq(),
              a.type().name().toLowerCase(Locale.ROOT),
              a.assetId(),
              a.actor(),
              a.subject(),
              a.requestId(),
              a.grantId(),
              a.version(),
              a.detail(),
              a.height(),
              a.timeMillis(),
              a.txHash().toString(),
              null));
    }
    return new DatadirAudit(page.total(), page.from(), entries);
  }

  static String auditText(DatadirAudit r) {
    List<DatadirAudit.Entry> entries = orNone(r.entries());
    long from = r.from();
    long total = r.total();
    StringBuilder sb = new StringBuilder();
    sb.append(
        entries.isEmpty()
            ? "no entries from " + from + " (" + total + " in all)"
            : "entries " + from + ".." + (from + entries.size() - 1) + " of " + total);
    for (DatadirAudit.Entry e : entries) {
      sb.append(
          String.format(
              "%n%-5d height %-6d %s %-9s asset=%s by=%s",
              e.seq(),
              e.height(),
              Instant.ofEpochMilli(e.timeMillis()),
              orEmpty(e.type()),
              orEmpty(e.asset()),
              orEmpty(e.actor())));
      optional(sb, "subject", orEmpty(e.subject()));
      optional(sb, "request", e.requestId());
      optional(sb, "grant", e.grantId());
      optional(sb, "version", e.version());
      optional(sb, "detail", orEmpty(e.detail()));
    }
    if (from + entries.size() < total && !entries.isEmpty()) {
      sb.append("\nmore: --from ").append(from + entries.size());
    }
    return sb.toString();
  }

  private static void optional(StringBuilder sb, String key, String value) {
    if (!value.isEmpty()) {
      sb.append(' ')
          .append(key)
          .append('=')
          .append(value.contains(" ") ? "\"" + value + "\"" : value);
    }
  }

  private static void optional(StringBuilder sb, String key, long value) {
    if (value != 0) {
      sb.append(' ').append(key).append('=').append(value);
    }
  }
}
