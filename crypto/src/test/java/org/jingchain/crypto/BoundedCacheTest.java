package org.jingchain.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The key cache stays bounded, keeps hot entries and never caches failed loads. */
class BoundedCacheTest {
  @Test
  void theCacheNeverHoldsMoreThanItsBound() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(100);
    for (int i = 0; i < 10_000; i++) {
      assertThat(cache.get(i, String::valueOf)).isEqualTo(String.valueOf(i));
      assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
  }

  @Test
  void aKeyInSteadyUseSurvivesEviction() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(100);
    AtomicInteger loads = new AtomicInteger();
    for (int i = 0; i < 10_000; i++) {
      cache.get(-1, k -> "hot" + loads.incrementAndGet());
      cache.get(i, String::valueOf);
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void failedLoadsAreNotCachedAndADisabledCacheAlwaysLoads() {
    BoundedCache<Integer, String> cache = new BoundedCache<>(100);
    assertThat(cache.get(1, k -> null)).isNull();
    assertThat(cache.size()).isZero();

    BoundedCache<Integer, String> disabled = new BoundedCache<>(0);
    AtomicInteger loads = new AtomicInteger();
    disabled.get(1, k -> "v" + loads.incrementAndGet());
    disabled.get(1, k -> "v" + loads.incrementAndGet());
    assertThat(loads).hasValue(2);
    assertThat(disabled.size()).isZero();
  }
}
