package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.datadir.Samples.registerCall;
import static org.jingchain.datadir.Samples.setParents;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jingchain.datadir.LineageGraph.Edge;
import org.jingchain.execution.WriteSet;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Bytes;
import org.junit.jupiter.api.Test;

/** [DD-8] lineage: existing parents, no cycles, reverse edges, ordered bounded graph reads. */
class LineageTest {
  final TestChain chain = new TestChain(DatadirContract::new);
  final Party lab = chain.party("ai-lab");

  void register(String id, String... parents) {
    chain.ok(lab, registerCall(id, lab.did(), Policy.everyone(), parents));
  }

  @Test
  void reverseEdgesListWhatWasDerivedFromAnAsset() {
    register("census");
    register("clinics");
    register("features", "census", "clinics");
    register("model", "features", "census");

    assertThat(Datadir.derivedInto(chain.state(), "census")).containsExactly("features", "model");
    assertThat(Datadir.derivedInto(chain.state(), "clinics")).containsExactly("features");
    assertThat(Datadir.derivedInto(chain.state(), "features")).containsExactly("model");
    assertThat(Datadir.derivedInto(chain.state(), "model")).isEmpty();
  }

  // [DD-19] nodes sorted by id, edges by (child, parent), whatever the registration order
  @Test
  void ancestorsAndDescendantsAreSortedGraphs() {
    register("zeta");
    register("alpha");
    register("mid", "zeta", "alpha");
    register("model", "mid", "zeta");

    LineageGraph up = Datadir.ancestors(chain.state(), "model", 100).orElseThrow();
    assertThat(up.root()).isEqualTo("model");
    assertThat(up.nodes()).containsExactly("alpha", "mid", "model", "zeta");
    assertThat(up.edges())
        .containsExactly(
            new Edge("mid", "alpha"),
            new Edge("mid", "zeta"),
            new Edge("model", "mid"),
            new Edge("model", "zeta"));
    assertThat(up.truncated()).isFalse();

    LineageGraph down = Datadir.descendants(chain.state(), "zeta", 100).orElseThrow();
    assertThat(down.nodes()).containsExactly("mid", "model", "zeta");
    assertThat(down.edges())
        .containsExactly(
            new Edge("mid", "zeta"), new Edge("model", "mid"), new Edge("model", "zeta"));
    assertThat(Datadir.descendants(chain.state(), "alpha", 100).orElseThrow().nodes())
        .containsExactly("alpha", "mid", "model");
  }

  // [DD-19] the bound keeps the nearest nodes, neighbours in id order
  @Test
  void aBoundedWalkKeepsTheNearestNodesInIdOrderAndSaysItWasCut() {
    register("root");
    for (String child : List.of("zz", "mm", "aa")) {
      register(child, "root");
    }
    register("grandchild", "aa");

    LineageGraph g = Datadir.descendants(chain.state(), "root", 3).orElseThrow();
    assertThat(g.nodes()).containsExactly("aa", "mm", "root");
    assertThat(g.edges()).containsExactly(new Edge("aa", "root"), new Edge("mm", "root"));
    assertThat(g.truncated()).isTrue();
    assertThat(Datadir.descendants(chain.state(), "root", 5).orElseThrow().truncated()).isFalse();
    assertThat(Datadir.descendants(chain.state(), "root", 1).orElseThrow().nodes())
        .containsExactly("root");
  }

  @Test
  void graphReadsOfUnknownAssetsAreEmptyAndBoundsAreChecked() {
    register("a");
    assertThat(Datadir.ancestors(chain.state(), "nothing", 10)).isEmpty();
    assertThatThrownBy(() -> Datadir.ancestors(chain.state(), "a", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> Datadir.descendants(chain.state(), "a", DatadirLimits.MAX_GRAPH_NODES + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // [DD-8] a direct cycle
  @Test
  void anAssetCannotBeDerivedFromItselfOrFromItsChild() {
    register("a");
    register("b", "a");
    assertThat(chain.refused(lab, setParents("a", "a"))).isEqualTo(DatadirErrors.LINEAGE_CYCLE);
    assertThat(chain.refused(lab, setParents("a", "b"))).isEqualTo(DatadirErrors.LINEAGE_CYCLE);
  }

  // [DD-8] a cycle through a longer path, next to parents that are fine
  @Test
  void aCycleThroughALongerPathIsRefused() {
    register("a");
    register("b", "a");
    register("c", "b");
    register("d", "c");
    register("other");
    assertThat(chain.refused(lab, setParents("a", "other", "d")))
        .isEqualTo(DatadirErrors.LINEAGE_CYCLE);
    assertThat(chain.refused(lab, setParents("b", "d"))).isEqualTo(DatadirErrors.LINEAGE_CYCLE);

    // the reason names the new parent that leads back to the asset
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                org.jingchain.execution.ExecutionFailure.class,
                () -> chain.apply(lab.address(), setParents("a", "other", "d"))))
        .hasMessage("a cannot be derived from d: d is derived from a");

    chain.ok(lab, setParents("a", "other"));
    chain.ok(lab, setParents("d", "c", "a")); // a diamond, not a cycle
    assertThat(Datadir.asset(chain.state(), "d").orElseThrow().derivedFrom())
        .containsExactly("c", "a");
    assertThat(Datadir.ancestors(chain.state(), "d", 10).orElseThrow().nodes())
        .containsExactly("a", "b", "c", "d", "other");
  }

  @Test
  void parentsMustExist() {
    register("a");
    assertThat(chain.refused(lab, setParents("a", "ghost"))).isEqualTo(DatadirErrors.NOT_FOUND);
  }

  // [DD-8] the reverse edges follow updates exactly
  @Test
  void anUpdateMovesReverseEdges() {
    register("p");
    register("q");
    for (String c : List.of("c1", "c2", "c3", "c4", "c5")) {
      register(c, "p");
    }
    chain.ok(lab, setParents("c2", "q"));
    assertThat(Datadir.derivedInto(chain.state(), "p")).containsExactly("c1", "c3", "c4", "c5");
    assertThat(Datadir.derivedInto(chain.state(), "q")).containsExactly("c2");

    for (String c : List.of("c5", "c1", "c4", "c3")) {
      chain.ok(lab, setParents(c));
    }
    assertThat(Datadir.derivedInto(chain.state(), "p")).isEmpty();
    // nothing is left behind under p's reverse-edge keys
    assertThat(
            chain.snapshot().keySet().stream()
                .map(k -> new String(k.unsafeArray(), StandardCharsets.UTF_8))
                .filter(k -> k.startsWith("datadir/into/p") || k.startsWith("datadir/intopos/p/"))
                .toList())
        .isEmpty();
  }

  // [DD-8] the bound of the cycle check
  @Test
  void aCycleCheckThatWouldVisitMoreThan1024AssetsIsRefused() {
    // n0 <- n1 <- ... <- n1025: from n1025 up, n0 is the 1,026th asset
    int n = DatadirLimits.LINEAGE_CHECK_MAX_NODES + 2;
    register("n0");
    for (int i = 1; i < n; i++) {
      register("n" + i, "n" + (i - 1));
    }
    register("x");
    assertThat(chain.refused(lab, setParents("x", "n" + (n - 1)))).isEqualTo(DatadirErrors.LIMIT);
    assertThat(chain.refused(lab, setParents("n0", "n" + (n - 1)))).isEqualTo(DatadirErrors.LIMIT);
    // within the bound (n1 is the 1,025th: the walk has visited 1,024) the cycle is found
    assertThat(chain.refused(lab, setParents("n1", "n" + (n - 1))))
        .isEqualTo(DatadirErrors.LINEAGE_CYCLE);
    chain.ok(lab, setParents("x", "n" + (n - 3))); // 1,024 ancestors to check: allowed
  }

  // [DD-8] reverse-edge lists are bounded; the full list is set up directly
  @Test
  void anAssetWithTheMostDerivationsTakesNoMore() {
    register("popular");
    register("late");
    chain.put(Datadir.derivedIntoKey("popular"), DatadirCodec.u64(DatadirLimits.MAX_DERIVED_INTO));
    assertThat(chain.refused(lab, registerCall("new", lab.did(), Policy.everyone(), "popular")))
        .isEqualTo(DatadirErrors.LIMIT);
    assertThat(chain.refused(lab, setParents("late", "popular"))).isEqualTo(DatadirErrors.LIMIT);
  }

  @Test
  void theStateKeysOfALineageAreThoseOfTheSpec() {
    register("p");
    register("c", "p");
    assertThat(chain.state().get(WriteSet.key("datadir/into/p"))).contains(DatadirCodec.u64(1));
    assertThat(chain.state().get(WriteSet.key("datadir/into/p/0000000000000000")))
        .contains(Bytes.wrap("c".getBytes(StandardCharsets.UTF_8)));
    assertThat(chain.state().get(WriteSet.key("datadir/intopos/p/c")))
        .contains(DatadirCodec.u64(0));
  }
}
