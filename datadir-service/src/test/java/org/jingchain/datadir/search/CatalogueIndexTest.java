package org.jingchain.datadir.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue search index (docs/spec/datadir.md, search). */
class CatalogueIndexTest {
  static CatalogueDoc doc(String id, String sector, String title, String... tags) {
    return new CatalogueDoc(
        id,
        "did:jing:" + sector + "-org",
        title,
        "records about " + title.toLowerCase(java.util.Locale.ROOT),
        sector,
        List.of(tags),
        "csv",
        "approval",
        "active",
        "CC-BY-4.0");
  }

  static CatalogueIndex sample() {
    CatalogueIndex ix = CatalogueIndex.inMemory();
    ix.put(doc("ward-admissions", "healthcare", "Ward admissions 2025", "hospital", "admissions"));
    ix.put(doc("icu-vitals", "healthcare", "ICU vital signs", "hospital", "icu", "vitals"));
    ix.put(doc("bus-gps", "transport", "Bus GPS traces", "bus", "gps"));
    ix.put(doc("llm-7b", "ai", "Language model 7B trained on admissions", "model"));
    ix.commit(10);
    return ix;
  }

  @Test
  void freeTextFindsTitlesDescriptionsAndTagsBestFirst() {
    try (CatalogueIndex ix = sample()) {
      var r = ix.search(new CatalogueIndex.SearchRequest("admissions", Map.of(), 0, 10));
      assertThat(r.total()).isEqualTo(2);
      assertThat(r.hits())
          .extracting(CatalogueDoc::id)
          .containsExactly("ward-admissions", "llm-7b");
    }
  }

  @Test
  void filtersNarrowAndFacetsCountEveryHit() {
    try (CatalogueIndex ix = sample()) {
      var r =
          ix.search(new CatalogueIndex.SearchRequest("", Map.of("sector", "healthcare"), 0, 10));
      assertThat(r.hits())
          .extracting(CatalogueDoc::id)
          .containsExactly("icu-vitals", "ward-admissions");
      assertThat(r.facets().get("tag")).containsEntry("hospital", 2L).containsEntry("icu", 1L);
      var all = ix.search(new CatalogueIndex.SearchRequest("", Map.of(), 0, 1));
      assertThat(all.total()).isEqualTo(4);
      assertThat(all.hits()).hasSize(1);
      assertThat(all.facets().get("sector"))
          .containsExactly(
              Map.entry("healthcare", 2L), Map.entry("ai", 1L), Map.entry("transport", 1L));
    }
  }

  @Test
  void anEntryIsReplacedAndRemoved() {
    try (CatalogueIndex ix = sample()) {
      ix.put(doc("bus-gps", "transport", "Tram GPS traces", "tram"));
      ix.delete("icu-vitals");
      ix.commit(11);
      assertThat(ix.search(new CatalogueIndex.SearchRequest("bus", Map.of(), 0, 10)).total())
          .isZero();
      assertThat(ix.search(new CatalogueIndex.SearchRequest("tram", Map.of(), 0, 10)).total())
          .isEqualTo(1);
      assertThat(ix.snapshot()).extracting(CatalogueDoc::id).doesNotContain("icu-vitals");
    }
  }

  @Test
  void hostileQueryTextIsSearchedNotParsedAsSyntax() {
    try (CatalogueIndex ix = sample()) {
      // no syntax error escapes, and query syntax gets no special power: nothing matches these
      for (String q : List.of("\"unclosed", "a AND OR (", "*:*", "title:x^99~~", "\\", "))))")) {
        var r = ix.search(new CatalogueIndex.SearchRequest(q, Map.of(), 0, 10));
        assertThat(r.total()).as(q).isZero();
      }
      // while the same operators work as the simple syntax documents them
      var prefix = ix.search(new CatalogueIndex.SearchRequest("admis*", Map.of(), 0, 10));
      assertThat(prefix.total()).isEqualTo(2);
    }
  }

  @Test
  void limitsAndUnknownFiltersAreRefusedWithTheReason() {
    assertThatThrownBy(() -> new CatalogueIndex.SearchRequest("x", Map.of(), 0, 101))
        .hasMessageContaining("limit must be 1..100");
    assertThatThrownBy(() -> new CatalogueIndex.SearchRequest("x", Map.of("colour", "red"), 0, 5))
        .hasMessageContaining("unknown filter 'colour'");
    assertThatThrownBy(() -> new CatalogueIndex.SearchRequest("x".repeat(513), Map.of(), 0, 5))
        .hasMessageContaining("longer than 512");
  }

  @Test
  void theCommittedHeightSurvivesAReopenOnDisk(@TempDir Path dir) {
    try (CatalogueIndex ix = CatalogueIndex.open(dir)) {
      assertThat(ix.indexedHeight()).isEqualTo(-1);
      ix.put(doc("bus-gps", "transport", "Bus GPS traces", "bus"));
      ix.commit(42);
    }
    try (CatalogueIndex ix = CatalogueIndex.open(dir)) {
      assertThat(ix.indexedHeight()).isEqualTo(42);
      assertThat(ix.snapshot()).extracting(CatalogueDoc::id).containsExactly("bus-gps");
    }
  }

  // the same entries put in another order, with replacements, give the same index
  @Test
  void anIndexBuiltInAnyOrderHoldsTheSameEntries() {
    Random r = new Random(7);
    List<CatalogueDoc> docs = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      docs.add(
          doc(
              "a" + i,
              List.of("ai", "finance", "transport").get(i % 3),
              "Asset " + i,
              "t" + (i % 7)));
    }
    try (CatalogueIndex live = CatalogueIndex.inMemory();
        CatalogueIndex rebuilt = CatalogueIndex.inMemory()) {
      for (CatalogueDoc d : docs) {
        live.put(doc(d.id(), "other", "draft", "x")); // an earlier version, replaced below
      }
      java.util.Collections.shuffle(docs, r);
      for (CatalogueDoc d : docs) {
        live.put(d);
      }
      docs.sort(java.util.Comparator.comparing(CatalogueDoc::id));
      for (CatalogueDoc d : docs) {
        rebuilt.put(d);
      }
      live.commit(1);
      rebuilt.commit(1);
      assertThat(rebuilt.snapshot()).isEqualTo(live.snapshot()).hasSize(300);
    }
  }
}
