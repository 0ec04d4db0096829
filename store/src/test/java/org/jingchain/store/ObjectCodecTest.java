package org.jingchain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.store.StoreException.Reason;
import org.jingchain.types.HashFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Objects streamed into shards and back ([STORE-3]..[STORE-5], [STORE-8]). */
class ObjectCodecTest {
  private static final HashFunction H = CryptoSuites.intl();
  private static final Coding SMALL = new Coding(4, 2, 1024, 256);

  record Encoded(EncodedObject object, ByteArrayOutputStream[] shards) {
    InputStream[] sources(int... missing) {
      InputStream[] in = new InputStream[shards.length];
      for (int i = 0; i < shards.length; i++) {
        in[i] = new ByteArrayInputStream(shards[i].toByteArray());
      }
      for (int i : missing) {
        in[i] = null;
      }
      return in;
    }
  }

  static Encoded encode(byte[] data, Coding coding) throws StoreException {
    ByteArrayOutputStream[] shards = new ByteArrayOutputStream[coding.totalShards()];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = new ByteArrayOutputStream();
    }
    EncodedObject o =
        ObjectCodec.encode(
            new ByteArrayInputStream(data),
            coding,
            H,
            data.length,
            Long.MAX_VALUE,
            (s, b, off, len) -> shards[s].write(b, off, len));
    return new Encoded(o, shards);
  }

  static byte[] random(int len, long seed) {
    byte[] b = new byte[len];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  /**
   * Every size shape (empty, one byte, a partial stripe, exactly one stripe, stripes plus a part):
   * the shards have the layout's length, the data shards hold the data, and every set of k shards
   * gives the object back byte for byte.
   */
  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 3, 1000, 4096, 4097, 3 * 4096 + 5, 10_000})
  void everyKShardsGiveTheObjectBack(int size) throws Exception {
    byte[] data = random(size, size);
    Encoded e = encode(data, SMALL);
    assertThat(e.object().size()).isEqualTo(size);
    for (ByteArrayOutputStream s : e.shards()) {
      assertThat((long) s.size()).isEqualTo(SMALL.shardLength(size));
    }
    LeafTree content = new LeafTree(H, SMALL.leafSize());
    content.update(data, 0, size);
    assertThat(e.object().contentRoot()).isEqualTo(content.root());
    for (int a = 0; a < 6; a++) {
      for (int b = a; b < 6; b++) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ObjectCodec.decode(e.object(), a == b ? e.sources(a) : e.sources(a, b), H, out);
        assertThat(out.toByteArray()).as("without shards %d and %d", a, b).isEqualTo(data);
      }
    }
  }

  @Test
  void lostShardsAreRebuiltToTheirCommittedBytes() throws Exception {
    byte[] data = random(9_999, 1);
    Encoded e = encode(data, SMALL);
    ByteArrayOutputStream[] rebuilt = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
    ObjectCodec.rebuild(
        e.object(),
        e.sources(1, 5),
        new int[] {1, 5},
        H,
        (s, b, off, len) -> rebuilt[s == 1 ? 0 : 1].write(b, off, len));
    assertThat(rebuilt[0].toByteArray()).isEqualTo(e.shards()[1].toByteArray());
    assertThat(rebuilt[1].toByteArray()).isEqualTo(e.shards()[5].toByteArray());
  }

  @Test
  void aFlippedByteIsCaughtAndNamesItsShard() throws Exception {
    byte[] data = random(7_000, 2);
    Encoded e = encode(data, SMALL);
    byte[] bad = e.shards()[2].toByteArray();
    bad[1500] ^= 0x40;
    InputStream[] in = e.sources(4, 5);
    in[2] = new ByteArrayInputStream(bad);
    assertThatThrownBy(() -> ObjectCodec.decode(e.object(), in, H, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            StoreException.class,
            x -> {
              assertThat(x.reason()).isEqualTo(Reason.SHARD_MISMATCH);
              assertThat(x.shard()).isEqualTo(2);
            });
    // Without the bad shard, the others still give the object back.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjectCodec.decode(e.object(), e.sources(2, 5), H, out);
    assertThat(out.toByteArray()).isEqualTo(data);
  }

  /** A node that dies mid-stream: its shard is named, so a reader goes on from the others. */
  @Test
  void aShardWhoseStreamFailsMidwayIsNamed() throws Exception {
    byte[] data = random(9_000, 4);
    Encoded e = encode(data, SMALL);
    InputStream[] in = e.sources(4, 5);
    byte[] first = java.util.Arrays.copyOf(e.shards()[1].toByteArray(), 1024);
    in[1] =
        new java.io.SequenceInputStream(
            new ByteArrayInputStream(first),
            new InputStream() {
              @Override
              public int read() throws java.io.IOException {
                throw new java.io.IOException("connection reset");
              }
            });
    assertThatThrownBy(() -> ObjectCodec.decode(e.object(), in, H, new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            StoreException.class,
            x -> {
              assertThat(x.reason()).isEqualTo(Reason.IO);
              assertThat(x.shard()).isEqualTo(1);
              assertThat(x.getMessage()).contains("shard 1").contains("connection reset");
            });
  }

  @Test
  void aShortShardTooFewShardsAndAWrongContentRootAreTyped() throws Exception {
    byte[] data = random(5_000, 3);
    Encoded e = encode(data, SMALL);
    InputStream[] in = e.sources();
    byte[] cut = e.shards()[0].toByteArray();
    in[0] = new ByteArrayInputStream(java.util.Arrays.copyOf(cut, cut.length - 1));
    assertReason(
        () -> ObjectCodec.decode(e.object(), in, H, new ByteArrayOutputStream()),
        Reason.SHORT_SHARD);
    assertReason(
        () -> ObjectCodec.decode(e.object(), e.sources(0, 1, 2), H, new ByteArrayOutputStream()),
        Reason.TOO_FEW_SHARDS);
    EncodedObject forged =
        new EncodedObject(SMALL, 5_000, H.hash(new byte[] {1}), e.object().shardRoots());
    assertReason(
        () -> ObjectCodec.decode(forged, e.sources(), H, new ByteArrayOutputStream()),
        Reason.DIGEST_MISMATCH);
  }

  @Test
  void sizeLimitsAreEnforcedWhileStreaming() {
    byte[] data = random(5_000, 4);
    assertReason(
        () ->
            ObjectCodec.encode(
                new ByteArrayInputStream(data), SMALL, H, -1, 4_999, (s, b, o, l) -> {}),
        Reason.OVERSIZED);
    assertReason(
        () ->
            ObjectCodec.encode(
                new ByteArrayInputStream(data), SMALL, H, 5_001, 1 << 20, (s, b, o, l) -> {}),
        Reason.SIZE_MISMATCH);
    assertReason(
        () ->
            ObjectCodec.encode(
                new ByteArrayInputStream(data), SMALL, H, 4_000, 1 << 20, (s, b, o, l) -> {}),
        Reason.SIZE_MISMATCH);
  }

  @Test
  void codingParametersOutOfRangeAreRefused() {
    assertThatThrownBy(() -> new Coding(0, 4, 1024, 256)).hasMessageStartingWith("BAD_CODING");
    assertThatThrownBy(() -> new Coding(10, 4, 1000, 256)).hasMessageStartingWith("BAD_CODING");
    assertThatThrownBy(() -> new Coding(10, 4, 1024, 100)).hasMessageStartingWith("BAD_CODING");
    assertThatThrownBy(() -> new Coding(10, 4, 32 << 20, 1 << 20))
        .hasMessageStartingWith("BAD_CODING");
    assertThat(Coding.DEFAULT.shardLength(0)).isZero();
    assertThat(Coding.DEFAULT.shardLength(1)).isEqualTo(1);
    assertThat(Coding.DEFAULT.shardLength(10L << 20)).isEqualTo(1 << 20);
    assertThat(Coding.DEFAULT.shardLength((10L << 20) + 11)).isEqualTo((1 << 20) + 2);
  }

  interface Call {
    void run() throws Exception;
  }

  static void assertReason(Call c, Reason reason) {
    assertThatThrownBy(c::run)
        .isInstanceOfSatisfying(
            StoreException.class, x -> assertThat(x.reason()).isEqualTo(reason));
  }
}
