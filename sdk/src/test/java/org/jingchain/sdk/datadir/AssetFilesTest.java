package org.jingchain.sdk.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** [DDA-5] An asset map names files inside its directory only, checked at load and at use. */
class AssetFilesTest {
  @TempDir Path tmp;

  Path served() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("served"));
    Files.writeString(Files.createDirectories(dir.resolve("rain")).resolve("2025.csv"), "a,b\n");
    Files.writeString(dir.resolve("cohort.parquet"), "PAR1");
    Files.writeString(tmp.resolve("secret.txt"), "keys");
    return dir;
  }

  @Test
  void filesInsideTheDirectoryAreMapped() throws IOException {
    Path dir = served();
    AssetFiles files =
        AssetFiles.of(dir, Map.of("rainfall-2025", "rain/2025.csv", "cohort", "./cohort.parquet"));
    assertThat(files.mapped()).containsOnlyKeys("cohort", "rainfall-2025");
    assertThat(files.file("rainfall-2025")).contains(dir.toRealPath().resolve("rain/2025.csv"));
    assertThat(files.file("unmapped")).isEmpty();
  }

  @Test
  void aMapIsReadFromJson() throws IOException {
    Path dir = served();
    Path map = tmp.resolve("assets.json");
    Files.writeString(map, "{\"rainfall-2025\": \"rain/2025.csv\"}");
    assertThat(AssetFiles.load(dir, map).mapped()).containsOnlyKeys("rainfall-2025");
    Files.writeString(map, "[\"rain/2025.csv\"]");
    assertThatThrownBy(() -> AssetFiles.load(dir, map))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("JSON object");
    Files.writeString(map, "{\"rainfall-2025\": 7}");
    assertThatThrownBy(() -> AssetFiles.load(dir, map))
        .hasMessageContaining("the path must be a string");
    Files.writeString(map, "{\"rainfall-2025\": ");
    assertThatThrownBy(() -> AssetFiles.load(dir, map)).hasMessageContaining("not JSON");
  }

  @Test
  void absolutePathsAndParentSegmentsAreRefused() throws IOException {
    Path dir = served();
    String absolute = tmp.resolve("secret.txt").toString();
    assertThatThrownBy(() -> AssetFiles.of(dir, Map.of("secret", absolute)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute path");
    assertThatThrownBy(() -> AssetFiles.of(dir, Map.of("secret", "../secret.txt")))
        .hasMessageContaining("leaves the directory");
    assertThatThrownBy(() -> AssetFiles.of(dir, Map.of("secret", "rain/../../secret.txt")))
        .hasMessageContaining("leaves the directory");
  }

  @Test
  void aSymbolicLinkOutOfTheDirectoryIsRefusedAndOneInsideIsFollowed() throws IOException {
    Path dir = served();
    Files.createSymbolicLink(dir.resolve("escape.txt"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(dir.resolve("latest.csv"), dir.resolve("rain/2025.csv"));
    assertThatThrownBy(() -> AssetFiles.of(dir, Map.of("secret", "escape.txt")))
        .hasMessageContaining("outside the directory");
    AssetFiles files = AssetFiles.of(dir, Map.of("latest", "latest.csv"));
    assertThat(files.file("latest")).contains(dir.toRealPath().resolve("rain/2025.csv"));
  }

  @Test
  void aLinkSwappedInAfterLoadingIsRefusedWhenUsed() throws IOException {
    Path dir = served();
    AssetFiles files = AssetFiles.of(dir, Map.of("cohort", "cohort.parquet"));
    Files.delete(dir.resolve("cohort.parquet"));
    Files.createSymbolicLink(dir.resolve("cohort.parquet"), tmp.resolve("secret.txt"));
    assertThatThrownBy(() -> files.file("cohort"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("outside the directory");
  }

  @Test
  void missingFilesDirectoriesAndBadIdsAreRefusedAllAtOnce() throws IOException {
    Path dir = served();
    assertThatThrownBy(
            () ->
                AssetFiles.of(
                    dir,
                    Map.of(
                        "missing", "nope.csv",
                        "folder", "rain",
                        "Bad Id", "cohort.parquet",
                        "empty", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refused (4)")
        .hasMessageContaining("missing: nope.csv does not exist")
        .hasMessageContaining("folder: rain is not a regular file")
        .hasMessageContaining("not an asset id")
        .hasMessageContaining("empty: empty path");
    assertThatThrownBy(() -> AssetFiles.of(tmp.resolve("secret.txt"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a directory");
  }

  /**
   * An asset may be an object of the trusted store ("store:<object id>"): served from where the
   * store client fetched and checked it, and refused when the server has no store client.
   */
  @Test
  void storedObjectsAreFetchedThroughTheStore() throws IOException {
    Path dir = served();
    String id = "ab".repeat(32);
    AssetFiles files =
        AssetFiles.of(dir, Map.of("ct-scans", "store:" + id, "cohort", "cohort.parquet"));
    assertThat(files.stored()).containsOnlyKeys("ct-scans");
    assertThatThrownBy(() -> files.file("ct-scans")).hasMessageContaining("no store client");
    Path fetched = Files.writeString(tmp.resolve("fetched"), "DICM");
    java.util.List<org.jingchain.types.Hash> asked = new java.util.ArrayList<>();
    AssetFiles withStore =
        files.withStore(
            o -> {
              asked.add(o);
              return fetched;
            });
    assertThat(withStore.file("ct-scans")).contains(fetched);
    assertThat(asked).containsExactly(org.jingchain.types.Hash.fromHex(id));
    assertThat(withStore.file("cohort")).contains(dir.toRealPath().resolve("cohort.parquet"));
    assertThatThrownBy(() -> AssetFiles.of(dir, Map.of("bad", "store:xyz")))
        .hasMessageContaining("64 hex digits");
  }
}
