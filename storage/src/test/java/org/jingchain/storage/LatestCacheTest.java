package org.jingchain.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jingchain.types.Bytes;
import org.junit.jupiter.api.Test;

/** The latest-state cache never lets a value read before a commit hide that commit's value. */
class LatestCacheTest {
  private static Bytes b(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aReadThatRacedACommitIsNotCached() {
    LatestCache c = new LatestCache(10);
    long seen = c.generation(); // a reader notes the generation, then reads "old" from the DB
    c.committed(Map.of(b("k"), Optional.of(b("new")))); // a commit lands meanwhile
    c.fill(b("k"), Optional.of(b("old")), seen);
    assertThat(c.get(b("k"))).contains(b("new"));
    c.fill(b("other"), Optional.of(b("old")), seen);
    assertThat(c.get(b("other"))).isNull();
  }

  @Test
  void aCommitOverwritesWhatAnEarlierReadCached() {
    LatestCache c = new LatestCache(10);
    c.fill(b("k"), Optional.of(b("old")), c.generation());
    c.fill(b("gone"), Optional.of(b("v")), c.generation());
    c.fill(b("absent"), Optional.empty(), c.generation());
    assertThat(c.get(b("k"))).contains(b("old"));
    assertThat(c.get(b("absent"))).isEmpty();
    c.committed(Map.of(b("k"), Optional.of(b("new")), b("gone"), Optional.empty()));
    assertThat(c.get(b("k"))).contains(b("new"));
    assertThat(c.get(b("gone"))).isEmpty();
  }

  @Test
  void staysWithinItsCapacityAndZeroDisablesIt() {
    LatestCache c = new LatestCache(3);
    for (int i = 0; i < 10; i++) {
      c.fill(b("k" + i), Optional.of(b("v")), c.generation());
      assertThat(c.size()).isLessThanOrEqualTo(3);
    }
    c.committed(Map.of(b("a"), Optional.of(b("1")), b("b"), Optional.of(b("2"))));
    assertThat(c.size()).isLessThanOrEqualTo(3);
    assertThat(c.get(b("a"))).contains(b("1"));

    LatestCache off = new LatestCache(0);
    off.fill(b("k"), Optional.of(b("v")), off.generation());
    off.committed(Map.of(b("k"), Optional.of(b("v"))));
    assertThat(off.get(b("k"))).isNull();
  }
}
