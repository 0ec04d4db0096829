package org.jingchain.datadir;

import static org.jingchain.datadir.DatadirLimits.ACCESS_ID;
import static org.jingchain.datadir.DatadirLimits.ASSET_ID;
import static org.jingchain.datadir.DatadirLimits.DIGEST_ALGORITHM;
import static org.jingchain.datadir.DatadirLimits.LOCATION;
import static org.jingchain.datadir.DatadirLimits.MAX_DELEGATES;
import static org.jingchain.datadir.DatadirLimits.MAX_DERIVED_FROM;
import static org.jingchain.datadir.DatadirLimits.MAX_DESCRIPTION_BYTES;
import static org.jingchain.datadir.DatadirLimits.MAX_DIGEST_BYTES;
import static org.jingchain.datadir.DatadirLimits.MAX_FORMAT_BYTES;
import static org.jingchain.datadir.DatadirLimits.MAX_GRANT_MILLIS;
import static org.jingchain.datadir.DatadirLimits.MAX_LICENCE_BYTES;
import static org.jingchain.datadir.DatadirLimits.MAX_LOCATIONS;
import static org.jingchain.datadir.DatadirLimits.MAX_LOCATION_BYTES;
import static org.jingchain.datadir.DatadirLimits.MAX_MEMBERS;
import static org.jingchain.datadir.DatadirLimits.MAX_NOTE_BYTES;
import static org.jingchain.datadir.DatadirLimits.MAX_TAGS;
import static org.jingchain.datadir.DatadirLimits.MAX_TITLE_BYTES;
import static org.jingchain.datadir.DatadirLimits.MIN_DIGEST_BYTES;
import static org.jingchain.datadir.DatadirLimits.TAG;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.identity.Did;

/**
 * The stateless checks of docs/spec/datadir.md section 5: a malformed form or an empty required
 * field is {@code DD_INVALID}, a size or count over its limit {@code DD_LIMIT}.
 */
final class Validation {
  private Validation() {}

  static void assetId(String id) throws ExecutionFailure {
    form("asset id", id, ASSET_ID);
  }

  static void did(String what, String did) throws ExecutionFailure {
    if (Did.id(did).isEmpty()) {
      throw invalid(what + " '" + clip(did) + "' is not a did:jing:<40 hex>");
    }
  }

  /** UTF-8 text of {@code min..max} bytes; {@code min} is 0 or 1 (required). */
  static void text(String what, String value, int min, int max) throws ExecutionFailure {
    int n = value.getBytes(StandardCharsets.UTF_8).length;
    if (n > max) {
      throw limit(what + " has " + n + " bytes, more than " + max);
    }
    if (n < min) {
      throw invalid(what + " must not be empty");
    }
  }

  static void metadata(Metadata m) throws ExecutionFailure {
    text("title", m.title(), 1, MAX_TITLE_BYTES);
    text("description", m.description(), 0, MAX_DESCRIPTION_BYTES);
    count("tags", m.tags(), MAX_TAGS);
    for (String t : m.tags()) {
      form("tag", t, TAG);
    }
    unique("tags", m.tags());
    text("format", m.format(), 1, MAX_FORMAT_BYTES);
    text("licence", m.licence(), 0, MAX_LICENCE_BYTES);
  }

  static void policy(Policy p) throws ExecutionFailure {
    if (p.kind() != Policy.Kind.GROUP && !p.members().isEmpty()) {
      throw invalid("only a group policy lists members");
    }
    if (p.kind() == Policy.Kind.GROUP && p.members().isEmpty()) {
      throw invalid("a group policy needs at least one member");
    }
    count("group members", p.members(), MAX_MEMBERS);
    for (String m : p.members()) {
      did("group member", m);
    }
    unique("group members", p.members());
  }

  static void content(Content c) throws ExecutionFailure {
    form("digest algorithm", c.digest().algorithm(), DIGEST_ALGORITHM);
    int n = c.digest().value().length();
    if (n > MAX_DIGEST_BYTES) {
      throw limit("a digest has at most " + MAX_DIGEST_BYTES + " bytes, got " + n);
    }
    if (n < MIN_DIGEST_BYTES) {
      throw invalid("a digest has at least " + MIN_DIGEST_BYTES + " bytes, got " + n);
    }
    if (c.locations().isEmpty()) {
      throw invalid("a version needs at least one location");
    }
    count("locations", c.locations(), MAX_LOCATIONS);
    for (String l : c.locations()) {
      text("location", l, 1, MAX_LOCATION_BYTES);
      form("location", l, LOCATION);
    }
    unique("locations", c.locations());
    text("note", c.note(), 0, MAX_NOTE_BYTES);
  }

  static void delegates(List<String> delegates, String owner) throws ExecutionFailure {
    count("delegates", delegates, MAX_DELEGATES);
    for (String d : delegates) {
      did("delegate", d);
      if (d.equals(owner)) {
        throw invalid("the owner cannot be its own delegate");
      }
    }
    unique("delegates", delegates);
  }

  static void derivedFrom(List<String> parents) throws ExecutionFailure {
    count("derivedFrom", parents, MAX_DERIVED_FROM);
    for (String p : parents) {
      assetId(p);
    }
    unique("derivedFrom", parents);
  }

  static void accessId(String accessId) throws ExecutionFailure {
    form("access id", accessId, ACCESS_ID);
  }

  /** A duration of 1 ms .. {@link DatadirLimits#MAX_GRANT_MILLIS}. */
  static void duration(long millis) throws ExecutionFailure {
    if (millis < 1) {
      throw invalid("a duration must be at least 1 ms");
    }
    if (millis > MAX_GRANT_MILLIS) {
      throw limit("a duration is at most " + MAX_GRANT_MILLIS + " ms (10 years)");
    }
  }

  /** An end time after block time {@code now} and at most 10 years after it. */
  static void expiry(long expiresAtMillis, long now) throws ExecutionFailure {
    if (expiresAtMillis <= now) {
      throw invalid("expiry " + expiresAtMillis + " is not after the block time " + now);
    }
    duration(expiresAtMillis - now);
  }

  private static void form(String what, String value, Pattern pattern) throws ExecutionFailure {
    if (!pattern.matcher(value).matches()) {
      throw invalid(what + " '" + clip(value) + "' must match " + pattern);
    }
  }

  private static void count(String what, List<String> items, int max) throws ExecutionFailure {
    if (items.size() > max) {
      throw limit("at most " + max + " " + what + ", got " + items.size());
    }
  }

  private static void unique(String what, List<String> items) throws ExecutionFailure {
    if (new TreeSet<>(items).size() != items.size()) {
      throw invalid(what + " must not repeat an entry");
    }
  }

  /** Keeps messages within a receipt's limits whatever the input. */
  private static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  static ExecutionFailure invalid(String message) {
    return new ExecutionFailure(DatadirErrors.INVALID, message);
  }

  static ExecutionFailure limit(String message) {
    return new ExecutionFailure(DatadirErrors.LIMIT, message);
  }
}
