package org.jingchain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The erasure code: any k of k+m shards give back all of them (docs/spec/storage.md [STORE-2]). */
class ReedSolomonTest {
  static byte[][] randomShards(SplittableRandom r, int k, int m, int len) {
    byte[][] shards = new byte[k + m][len];
    for (int i = 0; i < k; i++) {
      r.nextBytes(shards[i]);
    }
    return shards;
  }

  static byte[][] copy(byte[][] a) {
    byte[][] c = new byte[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  static Stream<Arguments> smallCodes() {
    List<Arguments> codes = new ArrayList<>();
    for (int k = 1; k <= 6; k++) {
      for (int m = 1; m <= 4; m++) {
        codes.add(Arguments.of(k, m));
      }
    }
    codes.add(Arguments.of(10, 4));
    return codes.stream();
  }

  /** [STORE-2] every pattern of up to m lost shards, for small codes and the default 10+4. */
  @ParameterizedTest(name = "{0}+{1}")
  @MethodSource("smallCodes")
  void everyErasurePatternUpToMIsRecovered(int k, int m) {
    int n = k + m;
    ReedSolomon rs = new ReedSolomon(k, m);
    SplittableRandom r = new SplittableRandom(k * 31L + m);
    byte[][] shards = randomShards(r, k, m, 37);
    rs.encode(shards, 0, 37);
    assertThat(rs.verify(shards, 0, 37)).isTrue();
    int patterns = 0;
    for (int mask = 0; mask < 1 << n; mask++) {
      if (Integer.bitCount(mask) > m) {
        continue;
      }
      byte[][] damaged = copy(shards);
      boolean[] present = new boolean[n];
      for (int i = 0; i < n; i++) {
        present[i] = (mask & (1 << i)) == 0;
        if (!present[i]) {
          r.nextBytes(damaged[i]); // garbage where a shard is lost: it must not be read
        }
      }
      rs.reconstruct(damaged, present, 0, 37);
      for (int i = 0; i < n; i++) {
        assertThat(damaged[i]).as("shard %d after losing mask %s", i, mask).isEqualTo(shards[i]);
      }
      patterns++;
    }
    assertThat(patterns).isGreaterThan(n);
  }

  /** Random loss patterns for codes too big to enumerate (Storj's 29+51, 128+128). */
  @ParameterizedTest(name = "{0}+{1}")
  @MethodSource("bigCodes")
  void randomErasurePatternsOfBigCodes(int k, int m) {
    int n = k + m;
    ReedSolomon rs = new ReedSolomon(k, m);
    SplittableRandom r = new SplittableRandom(n);
    byte[][] shards = randomShards(r, k, m, 64);
    rs.encode(shards, 0, 64);
    for (int t = 0; t < 50; t++) {
      boolean[] present = new boolean[n];
      java.util.Arrays.fill(present, true);
      int lose = 1 + r.nextInt(m);
      for (int lost = 0; lost < lose; ) {
        int i = r.nextInt(n);
        if (present[i]) {
          present[i] = false;
          lost++;
        }
      }
      byte[][] damaged = copy(shards);
      for (int i = 0; i < n; i++) {
        if (!present[i]) {
          java.util.Arrays.fill(damaged[i], (byte) 0x5a);
        }
      }
      rs.reconstruct(damaged, present, 0, 64);
      for (int i = 0; i < n; i++) {
        assertThat(damaged[i]).isEqualTo(shards[i]);
      }
    }
  }

  static Stream<Arguments> bigCodes() {
    return Stream.of(Arguments.of(29, 51), Arguments.of(17, 3), Arguments.of(128, 128));
  }

  @Test
  void dataShardsAreTheDataAndOnlyTheRequestedRangeIsTouched() {
    ReedSolomon rs = new ReedSolomon(3, 2);
    byte[][] shards = randomShards(new SplittableRandom(7), 3, 2, 20);
    byte[][] before = copy(shards);
    rs.encode(shards, 5, 10);
    for (int i = 0; i < 3; i++) {
      assertThat(shards[i]).isEqualTo(before[i]);
    }
    for (int p = 3; p < 5; p++) {
      for (int j = 0; j < 20; j++) {
        if (j < 5 || j >= 15) {
          assertThat(shards[p][j]).isZero();
        }
      }
    }
    assertThat(rs.verify(shards, 5, 10)).isTrue();
    shards[4][9] ^= 1;
    assertThat(rs.verify(shards, 5, 10)).isFalse();
  }

  @Test
  void dataOnlyReconstructionLeavesLostParityAlone() {
    ReedSolomon rs = new ReedSolomon(4, 2);
    byte[][] shards = randomShards(new SplittableRandom(3), 4, 2, 16);
    rs.encode(shards, 0, 16);
    byte[][] damaged = copy(shards);
    java.util.Arrays.fill(damaged[1], (byte) 0);
    java.util.Arrays.fill(damaged[5], (byte) 0);
    rs.reconstruct(damaged, new boolean[] {true, false, true, true, true, false}, 0, 16, true);
    assertThat(damaged[1]).isEqualTo(shards[1]);
    assertThat(damaged[5]).containsOnly(0);
  }

  @Test
  void moreThanMLostIsRefusedAndSaysHowManyAreNeeded() {
    ReedSolomon rs = new ReedSolomon(4, 2);
    byte[][] shards = randomShards(new SplittableRandom(1), 4, 2, 8);
    assertThatThrownBy(
            () ->
                rs.reconstruct(shards, new boolean[] {true, false, true, false, true, false}, 0, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only 3 of 6 shards present; 4 are needed");
  }

  @Test
  void codesOutsideTheFieldAreRefused() {
    assertThatThrownBy(() -> new ReedSolomon(0, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReedSolomon(4, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReedSolomon(200, 57)).hasMessageContaining("at most 256 shards");
    assertThat(new ReedSolomon(200, 56).totalShards()).isEqualTo(256);
  }

  /** The field: a·b/b = a, distributivity, and the 0x11D reduction. */
  @Test
  void fieldArithmetic() {
    for (int a = 0; a < 256; a++) {
      for (int b = 1; b < 256; b++) {
        assertThat(Gf256.div(Gf256.mul(a, b), b)).isEqualTo(a);
      }
    }
    SplittableRandom r = new SplittableRandom(11);
    for (int t = 0; t < 10_000; t++) {
      int a = r.nextInt(256);
      int b = r.nextInt(256);
      int c = r.nextInt(256);
      assertThat(Gf256.mul(a, b ^ c)).isEqualTo(Gf256.mul(a, b) ^ Gf256.mul(a, c));
    }
    assertThat(Gf256.mul(0x80, 2)).isEqualTo(0x1D);
    assertThat(Gf256.pow(0, 0)).isEqualTo(1);
    assertThat(Gf256.pow(2, 8)).isEqualTo(0x1D);
    assertThatThrownBy(() -> Gf256.div(1, 0)).isInstanceOf(ArithmeticException.class);
  }
}
