package org.jingchain.types;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The security log of one component of a node (docs/security.md, "Security log"): every refused
 * request or failed authentication is counted, and logged as one structured line — {@code security
 * component=api event=HOST_NOT_ALLOWED source=203.0.113.9 detail="..."} — at most once a minute per
 * event and source, the next line saying how many it left out. Whatever an attacker sends, the
 * lines it causes are bounded: at most {@link #LINES_PER_MINUTE} in each one-minute window over all
 * sources (the windows are fixed: at most twice that across a window's edge), and the sources
 * remembered are bounded too ({@link #MAX_SOURCES}, least recently seen forgotten).
 */
public final class SecurityLog {
  /** The quiet time per event and source. */
  public static final long QUIET_MILLIS = 60_000;

  /** Lines a minute over all events and sources; more are counted, not written. */
  public static final int LINES_PER_MINUTE = 60;

  /** Characters of a value (a detail, a source) kept; longer ones are cut, ending in "...". */
  static final int MAX_VALUE = 300;

  /** Event-and-source pairs remembered for their quiet time. */
  public static final int MAX_SOURCES = 4096;

  /** Told of every event, logged or not (a metric counter). */
  @FunctionalInterface
  public interface Listener {
    void event(String component, String event);
  }

  private static final System.Logger LOG = System.getLogger("org.jingchain.security");

  private final String component;
  private final LongSupplier nanos;
  private final java.util.function.Consumer<String> out;
  private volatile Listener listener = (c, e) -> {};
  private final Map<String, long[]> recent = // key -> {last line at (ms), left out since}
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
          return size() > MAX_SOURCES;
        }
      };
  private long windowStart = Long.MIN_VALUE;
  private int linesInWindow;
  private long overBudget;

  /** A log of {@code component} ("api", "p2p") writing WARNING lines to the security logger. */
  public SecurityLog(String component) {
    this(component, System::nanoTime, line -> LOG.log(System.Logger.Level.WARNING, line));
  }

  /**
   * The same bounds for events that are no attack but that an attacker could repeat at will (a
   * connection dropped during its handshake): INFO lines on {@code logger}, no metric unless one
   * listens.
   */
  public static SecurityLog quiet(String component, System.Logger logger) {
    return new SecurityLog(
        component, System::nanoTime, line -> logger.log(System.Logger.Level.INFO, line));
  }

  /** With a clock and an output of its own (tests). */
  public SecurityLog(
      String component, LongSupplier nanos, java.util.function.Consumer<String> out) {
    this.component = component;
    this.nanos = nanos;
    this.out = out;
  }

  /** Sets who hears of every event (the node's metrics). */
  public void listen(Listener l) {
    this.listener = l;
  }

  /**
   * Notes an event ({@code event}: a stable code such as {@code HOST_NOT_ALLOWED}) from {@code
   * source} (an address); returns whether a line was written.
   */
  public boolean note(String event, String source, String detail) {
    listener.event(component, event);
    String line;
    synchronized (this) {
      long now = TimeUnit.NANOSECONDS.toMillis(nanos.getAsLong());
      String key = event + '\u0000' + source;
      long[] s = recent.get(key);
      if (s != null && now - s[0] < QUIET_MILLIS) {
        s[1]++;
        return false;
      }
      if (windowStart == Long.MIN_VALUE || now - windowStart >= QUIET_MILLIS) {
        windowStart = now;
        linesInWindow = 0;
      }
      if (linesInWindow >= LINES_PER_MINUTE) {
        overBudget++;
        return false;
      }
      linesInWindow++;
      long leftOut = s == null ? 0 : s[1];
      recent.put(key, new long[] {now, 0});
      StringBuilder b =
          new StringBuilder("security component=")
              .append(component)
              .append(" event=")
              .append(event)
              .append(" source=")
              .append(quoted(source))
              .append(" detail=")
              .append(quoted(detail));
      if (leftOut > 0) {
        b.append(" left_out=").append(leftOut);
      }
      if (overBudget > 0) {
        b.append(" lines_over_budget=").append(overBudget);
        overBudget = 0;
      }
      line = b.toString();
    }
    out.accept(line);
    return true;
  }

  /**
   * A logfmt value: bare when it is one plain word, else quoted with quotes and controls escaped.
   */
  static String quoted(String v) {
    if (v == null) {
      return "\"\"";
    }
    if (!v.isEmpty()
        && v.length() <= MAX_VALUE
        && v.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '=')) {
      return v;
    }
    StringBuilder b = new StringBuilder("\"");
    int n = Math.min(v.length(), MAX_VALUE); // bounded too: an attacker picks the path
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < ' ' || c >= 127) {
        // controls, and anything not ASCII: no C1 control, line or paragraph separator or
        // direction mark from a client reaches the log as itself
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (v.length() > n) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
