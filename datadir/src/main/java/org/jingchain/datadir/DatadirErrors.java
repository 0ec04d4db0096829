package org.jingchain.datadir;

/** The data directory's failure codes (docs/spec/datadir.md section 6). */
public final class DatadirErrors {
  public static final String INVALID = "DD_INVALID";
  public static final String NOT_FOUND = "DD_NOT_FOUND";
  public static final String NOT_OWNER = "DD_NOT_OWNER";
  public static final String UNAUTHORISED = "DD_UNAUTHORISED";
  public static final String EXISTS = "DD_EXISTS";
  public static final String RETIRED = "DD_RETIRED";
  public static final String CLOSED = "DD_CLOSED";
  public static final String NO_GRANT = "DD_NO_GRANT";
  public static final String GRANT_EXPIRED = "DD_GRANT_EXPIRED";
  public static final String GRANT_REVOKED = "DD_GRANT_REVOKED";
  public static final String WRONG_ASSET = "DD_WRONG_ASSET";
  public static final String LINEAGE_CYCLE = "DD_LINEAGE_CYCLE";
  public static final String LIMIT = "DD_LIMIT";

  private DatadirErrors() {}
}
