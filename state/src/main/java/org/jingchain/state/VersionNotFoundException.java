package org.jingchain.state;

/** Thrown when a tree version has no root node: it was never written or has been pruned. */
public final class VersionNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long version;

  public VersionNotFoundException(long version) {
    super("state tree version " + version + " not found (never written or pruned)");
    this.version = version;
  }

  public long version() {
    return version;
  }
}
