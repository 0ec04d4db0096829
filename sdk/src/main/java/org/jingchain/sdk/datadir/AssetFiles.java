package org.jingchain.sdk.datadir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which file of one directory holds each asset a data server serves, confined to that directory
 * [DDA-5]: relative paths without {@code ..}, whose real paths (symbolic links resolved) lie inside
 * the directory's real path, checked when loaded and again on every {@link #file} — or, for an
 * entry {@code "store:<object id>"}, which object of the trusted store holds it, fetched and
 * checked by the store client ({@link #withStore}).
 */
public final class AssetFiles {
  /** The most assets one map may name. */
  public static final int MAX_ASSETS = 100_000;

  /** The largest asset map file read. */
  public static final long MAX_MAP_BYTES = 16L * 1024 * 1024;

  /** The prefix of a map entry naming an object of the trusted store instead of a file. */
  public static final String STORE = "store:";

  /** Brings a stored object to a local file, checked against its roots ({@code jing store}). */
  @FunctionalInterface
  public interface ObjectFetcher {
    Path fetch(org.jingchain.types.Hash object) throws IOException;
  }

  private final Path root;
  private final SortedMap<String, Path> files;
  private final SortedMap<String, org.jingchain.types.Hash> objects;
  private final ObjectFetcher fetcher;

  private AssetFiles(
      Path root,
      SortedMap<String, Path> files,
      SortedMap<String, org.jingchain.types.Hash> objects,
      ObjectFetcher fetcher) {
    this.root = root;
    this.files = Collections.unmodifiableSortedMap(files);
    this.objects = Collections.unmodifiableSortedMap(objects);
    this.fetcher = fetcher;
  }

  /** The same map, with stored objects brought in by {@code fetcher}. */
  public AssetFiles withStore(ObjectFetcher fetcher) {
    return new AssetFiles(root, new TreeMap<>(files), new TreeMap<>(objects), fetcher);
  }

  /** The assets whose content is an object of the trusted store: asset id to object id. */
  public SortedMap<String, org.jingchain.types.Hash> stored() {
    return objects;
  }

  /**
   * Reads a JSON object {@code {"<asset id>": "<path relative to dir>", …}}.
   *
   * @throws IllegalArgumentException naming every entry that is refused, or when the file is not
   *     such an object
   * @throws IOException when the file or the directory cannot be read
   */
  public static AssetFiles load(Path dir, Path mapJson) throws IOException {
    if (Files.size(mapJson) > MAX_MAP_BYTES) {
      throw new IllegalArgumentException(mapJson + " is larger than " + MAX_MAP_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(mapJson.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(mapJson + " is not JSON: " + e.getOriginalMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(
          mapJson + " must be a JSON object of asset id -> relative path");
    }
    Map<String, String> map = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (var e : json.properties()) {
      if (e.getValue().isTextual()) {
        map.put(e.getKey(), e.getValue().asText());
      } else {
        problems.add(e.getKey() + ": the path must be a string");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(mapJson + ": " + String.join("; ", problems));
    }
    return of(dir, map);
  }

  /**
   * Checks every entry of {@code map} (asset id to a path relative to {@code dir}).
   *
   * @throws IllegalArgumentException naming every entry that is refused
   * @throws IOException when {@code dir} is not a readable directory
   */
  public static AssetFiles of(Path dir, Map<String, String> map) throws IOException {
    Path root = dir.toRealPath();
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(dir + " is not a directory");
    }
    if (map.size() > MAX_ASSETS) {
      throw new IllegalArgumentException("at most " + MAX_ASSETS + " assets per map");
    }
    SortedMap<String, Path> files = new TreeMap<>();
    SortedMap<String, org.jingchain.types.Hash> objects = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (var e : new TreeMap<>(map).entrySet()) {
      String id = e.getKey();
      if (!AccessTokens.ASSET_ID.matcher(id).matches()) {
        problems.add(AccessTokens.abbreviate(id) + ": not an asset id");
        continue;
      }
      if (e.getValue().startsWith(STORE)) {
        String object = e.getValue().substring(STORE.length());
        if (object.matches("[0-9a-f]{64}")) {
          objects.put(id, org.jingchain.types.Hash.fromHex(object));
        } else {
          problems.add(id + ": store: is followed by an object id, 64 hex digits");
        }
        continue;
      }
      try {
        Path relative = relative(e.getValue());
        confined(root, relative);
        files.put(id, relative);
      } catch (IllegalArgumentException | IOException ex) {
        problems.add(id + ": " + ex.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "asset map refused (" + problems.size() + "): " + String.join("; ", problems));
    }
    return new AssetFiles(root, files, objects, null);
  }

  /** The directory's real path. */
  public Path directory() {
    return root;
  }

  /** The asset ids mapped, sorted. */
  public SortedMap<String, Path> mapped() {
    return files;
  }

  /**
   * The real path of {@code assetId}'s file, checked now to lie inside the directory and to be a
   * regular file; empty when the asset is not mapped.
   *
   * @throws IOException when the file is gone, unreadable or now escapes the directory
   */
  public Optional<Path> file(String assetId) throws IOException {
    org.jingchain.types.Hash object = objects.get(assetId);
    if (object != null) {
      if (fetcher == null) {
        throw new IOException(assetId + " is a stored object and this server has no store client");
      }
      return Optional.of(fetcher.fetch(object));
    }
    Path relative = files.get(assetId);
    if (relative == null) {
      return Optional.empty();
    }
    return Optional.of(confined(root, relative));
  }

  private static Path relative(String value) {
    if (value.isEmpty() || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("empty path or a NUL character");
    }
    Path p;
    try {
      p = Path.of(value);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a path: " + e.getReason(), e);
    }
    if (p.isAbsolute() || p.getRoot() != null) {
      throw new IllegalArgumentException("absolute path " + value + " (paths are relative)");
    }
    for (Path element : p) {
      if (element.toString().equals("..")) {
        throw new IllegalArgumentException("path " + value + " leaves the directory (..)");
      }
    }
    return p.normalize();
  }

  private static Path confined(Path root, Path relative) throws IOException {
    Path real;
    try {
      real = root.resolve(relative).toRealPath();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(relative + " does not exist");
    }
    if (!real.startsWith(root)) {
      throw new FileSystemException(relative + " resolves outside the directory (" + real + ")");
    }
    if (!Files.isRegularFile(real)) {
      throw new FileSystemException(relative + " is not a regular file");
    }
    return real;
  }
}
