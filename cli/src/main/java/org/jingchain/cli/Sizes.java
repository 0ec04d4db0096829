package org.jingchain.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people write them: {@code 512}, {@code 10MiB}, {@code 2GiB}, {@code 1TiB}. */
final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(|B|KiB|MiB|GiB|TiB)");
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Sizes() {}

  static long parse(String text, String option) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new CliException(
          option + " is a number of bytes with an optional KiB, MiB, GiB or TiB, not " + text);
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2)) {
          case "KiB" -> 10;
          case "MiB" -> 20;
          case "GiB" -> 30;
          case "TiB" -> 40;
          default -> 0;
        };
    if (n > Long.MAX_VALUE >> shift) {
      throw new CliException(option + " is too large: " + text);
    }
    return n << shift;
  }

  static String format(long bytes) {
    int u = 0;
    double v = bytes;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " B" : String.format("%.1f %s", v, UNITS[u]);
  }
}
