package org.jingchain.datadir;

import java.util.regex.Pattern;

/** The limits of docs/spec/datadir.md section 5; exceeding one is {@code DD_LIMIT}. */
public final class DatadirLimits {
  public static final Pattern ASSET_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  public static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
  public static final Pattern DIGEST_ALGORITHM = Pattern.compile("[a-z0-9-]{1,16}");
  public static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9+.-]{0,31}:[!-~]+");
  public static final Pattern ACCESS_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  public static final int MAX_TITLE_BYTES = 200;
  public static final int MAX_DESCRIPTION_BYTES = 4096;
  public static final int MAX_TAGS = 16;
  public static final int MAX_TAG_BYTES = 32;
  public static final int MAX_FORMAT_BYTES = 128;
  public static final int MAX_LICENCE_BYTES = 128;
  public static final int MIN_DIGEST_BYTES = 16;
  public static final int MAX_DIGEST_BYTES = 64;
  public static final int MAX_LOCATIONS = 8;
  public static final int MAX_LOCATION_BYTES = 512;
  public static final int MAX_NOTE_BYTES = 256;
  public static final int MAX_MEMBERS = 256;
  public static final int MAX_DELEGATES = 8;
  public static final int MAX_DERIVED_FROM = 32;
  public static final int MAX_DERIVED_INTO = 10_000;
  public static final int MAX_VERSIONS = 65_535;
  public static final int MAX_PURPOSE_BYTES = 256;
  public static final int MAX_SCOPE_BYTES = 128;
  public static final int MAX_REASON_BYTES = 256;

  /** Ten years (3,650 days): the longest request duration and grant or consent window. */
  public static final long MAX_GRANT_MILLIS = 3650L * 24 * 60 * 60 * 1000;

  /** Most assets the cycle check of one update visits [DD-8]. */
  public static final int LINEAGE_CHECK_MAX_NODES = 1024;

  /** Most nodes a lineage graph read returns. */
  public static final int MAX_GRAPH_NODES = 10_000;

  /** Most entries one page of an audit index or asset list returns. */
  public static final int MAX_PAGE = 1000;

  private DatadirLimits() {}
}
