package org.jingchain.sdk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jingchain.sdk.datadir.AssetFiles;
import org.jingchain.types.Hash;

/**
 * Stored objects brought to local files for a data server: each fetched once by a {@link
 * StoreClient} (any {@code k} shards, every one checked against its root, the whole against the
 * content root, opened with the client's key) into {@code dir/<object id>}, then served from there;
 * a fetch of one object at a time.
 */
public final class StoreCache implements AssetFiles.ObjectFetcher {
  private final StoreClient client;
  private final Path dir;
  private final Map<Hash, Object> locks = new ConcurrentHashMap<>();

  public StoreCache(StoreClient client, Path dir) {
    this.client = client;
    this.dir = dir;
  }

  @Override
  public Path fetch(Hash object) throws IOException {
    Path file = dir.resolve(object.toHex());
    synchronized (locks.computeIfAbsent(object, o -> new Object())) {
      if (Files.isRegularFile(file)) {
        return file;
      }
      Files.createDirectories(dir);
      try {
        client.get(object, file, StoreClient.Progress.NONE);
      } catch (StoreClient.StoreClientException e) {
        throw new IOException("object " + object.toHex() + ": " + e.getMessage(), e);
      }
      return file;
    }
  }
}
