package org.jingchain.datadir;

import java.util.Objects;

/** Version {@code number} of an asset, with the block height and time that published it. */
public record AssetVersion(int number, Content content, long height, long timeMillis) {
  public AssetVersion {
    Objects.requireNonNull(content, "content");
  }
}
