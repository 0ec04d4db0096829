package org.jingchain.node.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A search waits for the catalogue index to apply the head it saw committed ([DD-21]). */
class IndexProgressTest {
  @Test
  void aWaitEndsWhenTheIndexerReachesTheTarget() throws Exception {
    IndexProgress p = new IndexProgress(3);
    Thread indexer =
        Thread.ofPlatform()
            .start(
                () -> {
                  p.reached(4);
                  p.reached(5);
                });
    assertThat(p.await(5, 60_000)).isEqualTo(5); // the guard is a hang guard; it returns at 5
    indexer.join();
  }

  @Test
  void aTargetAlreadyReachedReturnsAtOnceAndProgressNeverGoesBack() {
    IndexProgress p = new IndexProgress(7);
    p.reached(6);
    assertThat(p.await(7, 0)).isEqualTo(7);
    assertThat(p.await(2, 0)).isEqualTo(7);
  }

  @Test
  void aWaitThatRunsOutReportsHowFarTheIndexGot() {
    IndexProgress p = new IndexProgress(3);
    assertThat(p.await(9, 1)).isEqualTo(3);
  }
}
