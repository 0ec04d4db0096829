package org.jingchain.datadir.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.datadir.Samples.registerCall;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.datadir.DatadirContract;
import org.jingchain.datadir.Policy;
import org.jingchain.datadir.Samples;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Event;
import org.junit.jupiter.api.Test;

/**
 * [DD-search] The node's search index follows the catalogue block by block, and an index rebuilt
 * from scratch out of chain state is the same index (issue 6: "the search index rebuilt from
 * scratch equals the live one").
 */
class CatalogueIndexerTest {
  final TestChain chain = new TestChain(DatadirContract::new);
  final Party hospital = chain.party("hospital");
  final Party lab = chain.party("lab");

  @Test
  void theIndexRebuiltFromScratchEqualsTheLiveOne() throws Exception {
    Random r = new Random(11);
    try (CatalogueIndex live = CatalogueIndex.inMemory();
        CatalogueIndex rebuilt = CatalogueIndex.inMemory()) {
      long height = 0;
      for (int i = 0; i < 40; i++) {
        Party owner = i % 3 == 0 ? lab : hospital;
        Policy p = i % 2 == 0 ? Policy.everyone() : Policy.approval();
        apply(live, ++height, owner, registerCall("asset-" + i, owner.did(), p));
      }
      for (int i = 0; i < 15; i++) {
        int n = r.nextInt(40);
        Party owner = n % 3 == 0 ? lab : hospital;
        apply(live, ++height, owner, Samples.setPolicy("asset-" + n, Policy.everyone()));
      }
      apply(live, ++height, hospital, DatadirCalls.retire("asset-1", "superseded"));

      assertThat(CatalogueIndexer.rebuild(chain.state(), rebuilt, height)).isEqualTo(40);
      assertThat(rebuilt.snapshot()).isEqualTo(live.snapshot()).hasSize(40);
      assertThat(rebuilt.indexedHeight()).isEqualTo(live.indexedHeight()).isEqualTo(height);
      CatalogueDoc retired =
          live.snapshot().stream().filter(d -> d.id().equals("asset-1")).findFirst().orElseThrow();
      assertThat(retired.status()).isEqualTo("retired");
      var q = new CatalogueIndex.SearchRequest("", Map.of("owner", lab.did()), 0, 100);
      assertThat(live.search(q).total()).isEqualTo(rebuilt.search(q).total()).isEqualTo(14);
    }
  }

  @Test
  void onlyDataDirectoryEventsNameAssetsToReindex() {
    List<Event> events =
        List.of(
            new Event(
                "datadir",
                "Registered",
                List.of(new org.jingchain.types.EventAttribute("asset", "b"))),
            new Event(
                "asset",
                "Transferred",
                List.of(new org.jingchain.types.EventAttribute("asset", "x"))),
            new Event(
                "datadir",
                "Granted",
                List.of(new org.jingchain.types.EventAttribute("asset", "a"))));
    assertThat(CatalogueIndexer.touched(events)).containsExactly("a", "b");
  }

  private void apply(CatalogueIndex live, long height, Party as, org.jingchain.types.Call call)
      throws Exception {
    List<Event> events = chain.apply(as.address(), call);
    CatalogueIndexer.apply(chain.state(), live, CatalogueIndexer.touched(events), height);
  }
}
