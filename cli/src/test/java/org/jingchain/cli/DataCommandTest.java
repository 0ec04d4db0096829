package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.jingchain.datadir.Policy;
import org.jingchain.datadir.Sector;
import org.jingchain.sdk.model.DatadirLineage;
import org.jingchain.sdk.model.DatadirSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parts of {@code jing data}: parsing of options, file digests and rendering. */
class DataCommandTest {
  static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  static final String DID_A = "did:jing:" + "a".repeat(40);
  static final String DID_B = "did:jing:" + "b".repeat(40);

  @Test
  void durationsInDaysHoursMinutesAndSecondsBecomeMilliseconds() {
    assertThat(DataFormats.parseDurationMillis("--duration", "30d")).isEqualTo(30L * 86_400_000);
    assertThat(DataFormats.parseDurationMillis("--duration", "12h")).isEqualTo(12L * 3_600_000);
    assertThat(DataFormats.parseDurationMillis("--duration", "15m")).isEqualTo(15L * 60_000);
    assertThat(DataFormats.parseDurationMillis("--duration", "90s")).isEqualTo(90_000L);
  }

  @Test
  void otherDurationsAreRefusedWithTheOptionNamed() {
    for (String bad : List.of("30", "1w", "PT12H", "-5d", "1.5h", "", "12 h x", "0s")) {
      assertThatThrownBy(() -> DataFormats.parseDurationMillis("--duration", bad))
          .isInstanceOf(CliException.class)
          .hasMessageStartingWith("--duration: ");
    }
    assertThatThrownBy(() -> DataFormats.parseDurationMillis("--duration", "999999999999d"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("too long");
  }

  @Test
  void anExpiryIsADurationFromNowOrAnIsoInstantInTheFuture() {
    assertThat(DataFormats.parseExpiryMillis("--expires", "12h", NOW)).isEqualTo(NOW + 43_200_000);
    assertThat(DataFormats.parseExpiryMillis("--expires", "2027-01-31T00:00:00Z", NOW))
        .isEqualTo(Instant.parse("2027-01-31T00:00:00Z").toEpochMilli());
    assertThat(DataFormats.parseExpiryMillis("--expires", "2026-01-01T08:00:01+08:00", NOW))
        .isEqualTo(NOW + 1_000);
    assertThatThrownBy(
            () -> DataFormats.parseExpiryMillis("--expires", "2025-01-01T00:00:00Z", NOW))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("not in the future");
    assertThatThrownBy(() -> DataFormats.parseExpiryMillis("--expires", "2027-01-31", NOW))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("ISO-8601 instant");
  }

  @Test
  void sectorsAreReadByTheirLowerCaseNames() {
    assertThat(DataFormats.parseSector("healthcare")).isEqualTo(Sector.HEALTHCARE);
    assertThat(DataFormats.parseSector("AI")).isEqualTo(Sector.AI);
    assertThatThrownBy(() -> DataFormats.parseSector("farming"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("one of healthcare");
  }

  @Test
  void policiesTakeMembersOnlyForAGroupAndAGroupNeedsOne() {
    assertThat(DataFormats.parsePolicy("public", List.of())).isEqualTo(Policy.everyone());
    assertThat(DataFormats.parsePolicy("Approval", List.of())).isEqualTo(Policy.approval());
    assertThat(DataFormats.parsePolicy("group", List.of(DID_A, DID_B)))
        .isEqualTo(Policy.group(List.of(DID_A, DID_B)));
    assertThatThrownBy(() -> DataFormats.parsePolicy("group", List.of()))
        .hasMessageContaining("at least one --member");
    assertThatThrownBy(() -> DataFormats.parsePolicy("public", List.of(DID_A)))
        .hasMessageContaining("only for --policy group");
    assertThatThrownBy(() -> DataFormats.parsePolicy("secret", List.of()))
        .hasMessageContaining("one of public, approval, group");
  }

  @Test
  void aFileIsDigestedWithSha256AndItsSizeCounted(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("abc.txt");
    Files.writeString(f, "abc", StandardCharsets.UTF_8);
    DataFormats.FileDigest d = DataFormats.digestFile(f);
    assertThat(d.sizeBytes()).isEqualTo(3);
    assertThat(d.digest().toString())
        .isEqualTo("sha-256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Path big = dir.resolve("big.bin");
    Files.write(big, new byte[(1 << 20) * 2 + 7]);
    assertThat(DataFormats.digestFile(big).sizeBytes()).isEqualTo((1 << 20) * 2 + 7);
    assertThatThrownBy(() -> DataFormats.digestFile(dir.resolve("missing")))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("no such file: ");
  }

  @Test
  void aDigestIsAlgorithmColonHexAndSha256IsSpelledAsTheChainSpellsIt() {
    String hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assertThat(DataFormats.parseDigest("sha256:" + hex).toString()).isEqualTo("sha-256:" + hex);
    assertThat(DataFormats.parseDigest("SM3:" + hex).toString()).isEqualTo("sm3:" + hex);
    assertThatThrownBy(() -> DataFormats.parseDigest(hex)).hasMessageContaining("ALG:HEX");
    assertThatThrownBy(() -> DataFormats.parseDigest("sha-256:xyz")).hasMessageContaining("hex");
  }

  static DatadirLineage lineage(String json) throws Exception {
    return ApiOptions.JSON.readValue(json, DatadirLineage.class);
  }

  static final String ANCESTORS =
      """
      {"root":"model","direction":"ancestors","nodes":["clean","model","raw","survey"],
       "edges":[{"from":"clean","to":"raw"},{"from":"model","to":"clean"},
                {"from":"model","to":"survey"},{"from":"survey","to":"raw"}],
       "truncated":false}
      """;

  @Test
  void dotHasEveryAssetAndAnArrowFromEachChildToItsParent() throws Exception {
    assertThat(DataFormats.lineageDot(lineage(ANCESTORS)))
        .isEqualTo(
            """
            // ancestors of model
            digraph lineage {
              rankdir=BT;
              node [shape=box];
              "clean";
              "model" [style=bold];
              "raw";
              "survey";
              "clean" -> "raw";
              "model" -> "clean";
              "model" -> "survey";
              "survey" -> "raw";
            }
            """);
  }

  @Test
  void theTreeShowsASharedAncestorOnceAndMarksItsSecondVisit() throws Exception {
    String diamond =
        """
        {"root":"model","direction":"ancestors","nodes":["a","b","model","raw","root"],
         "edges":[{"from":"a","to":"raw"},{"from":"b","to":"raw"},{"from":"model","to":"a"},
                  {"from":"model","to":"b"},{"from":"raw","to":"root"}],
         "truncated":true}
        """;
    assertThat(DataFormats.lineageTree(lineage(diamond)))
        .isEqualTo(
            """
            ancestors of model (5 assets)
            model
            ├── a
            │   └── raw
            │       └── root
            └── b
                └── raw (see above)
            (truncated: raise --max to see more)""");
  }

  @Test
  void descendantsAreDrawnFromParentToChildren() throws Exception {
    String g =
        """
        {"root":"raw","direction":"descendants","nodes":["clean","model","raw"],
         "edges":[{"from":"clean","to":"raw"},{"from":"model","to":"clean"}],
         "truncated":false}
        """;
    assertThat(DataFormats.lineageTree(lineage(g)))
        .isEqualTo(
            """
            descendants of raw (3 assets)
            raw
            └── clean
                └── model""");
  }

  @Test
  void searchHitsAreATableFollowedByFacetCounts() throws Exception {
    DatadirSearch r =
        ApiOptions.JSON.readValue(
            """
            {"total":1,"offset":0,"hits":[{"id":"rain","owner":"%s","title":"Rainfall",
              "sector":"government","tags":[],"policy":"public","status":"active"}],
             "facets":{"sector":{"government":1},"policy":{"public":1}}}
            """
                .formatted(DID_A),
            DatadirSearch.class);
    assertThat(DataFormats.searchText(r))
        .isEqualTo(
            "assets 1..1 of 1\n"
                + "ID    SECTOR      POLICY  STATUS  OWNER"
                + " ".repeat(DID_A.length() - 5)
                + "  TITLE\n"
                + "rain  government  public  active  "
                + DID_A
                + "  Rainfall\n"
                + "facets\n"
                + "  sector   government=1\n"
                + "  policy   public=1");
  }
}
