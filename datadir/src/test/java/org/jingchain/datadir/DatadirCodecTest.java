package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.jingchain.codec.DecodeException;
import org.jingchain.datadir.DatadirCalls.Args;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * [DD-18] canonical encodings: arguments and state records round-trip, every prefix and any
 * trailing byte is rejected, and mutated inputs decode to themselves or fail cleanly.
 */
class DatadirCodecTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 25);
  }

  @Test
  void theSpecsExampleEncodingOfRetire() {
    Call call = DatadirCalls.retire("rainfall-2025", "superseded");
    assertThat(call.contract()).isEqualTo("datadir");
    assertThat(call.method()).isEqualTo("retire");
    assertThat(call.args().toHex())
        .isEqualTo("0000000d" + "7261696e66616c6c2d32303235" + "0000000a" + "73757065727365646564");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyMethodsArgumentsRoundTrip(long seed) {
    RandomArgs r = new RandomArgs(seed);
    for (String method : DatadirCalls.METHODS) {
      Args args = r.args(method);
      Call call = DatadirCalls.call(args);
      assertThat(call.method()).isEqualTo(method);
      assertThat(DatadirCalls.decode(method, call.args().toByteArray())).isEqualTo(args);
    }
  }

  // [ENC-1] [ENC-2]
  @ParameterizedTest
  @MethodSource("seeds")
  void everyPrefixAndAnyTrailingByteIsRejected(long seed) {
    RandomArgs r = new RandomArgs(seed);
    for (String method : DatadirCalls.METHODS) {
      byte[] in = DatadirCalls.encode(r.args(method));
      for (int n = 0; n < in.length; n++) {
        byte[] prefix = Arrays.copyOf(in, n);
        assertThatThrownBy(() -> DatadirCalls.decode(method, prefix))
            .isInstanceOf(DecodeException.class);
      }
      byte[] longer = Arrays.copyOf(in, in.length + 1);
      assertThatThrownBy(() -> DatadirCalls.decode(method, longer))
          .isInstanceOf(DecodeException.class)
          .hasMessageContaining("trailing");
    }
  }

  // [ENC-5] 12 methods × 25 seeds × 100 mutations
  @ParameterizedTest
  @MethodSource("seeds")
  void mutatedArgumentsDecodeToThemselvesOrFailCleanly(long seed) {
    RandomArgs r = new RandomArgs(seed);
    for (String method : DatadirCalls.METHODS) {
      byte[] valid = DatadirCalls.encode(r.args(method));
      for (int i = 0; i < 100; i++) {
        byte[] in = r.mutate(valid);
        Args decoded;
        try {
          decoded = DatadirCalls.decode(method, in);
        } catch (DecodeException rejected) {
          continue;
        }
        assertThat(DatadirCalls.encode(decoded)).isEqualTo(in);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void stateRecordsRoundTrip(long seed) {
    RandomArgs r = new RandomArgs(seed);
    DataAsset a = r.asset();
    assertThat(DatadirCodec.decodeAsset(a.id(), DatadirCodec.encode(a))).isEqualTo(a);
    AssetVersion v = new AssetVersion(3, r.content(), r.u63(), r.u63());
    assertThat(DatadirCodec.decodeVersion(3, DatadirCodec.encode(v))).isEqualTo(v);
    AccessRequest q = r.request(seed);
    assertThat(DatadirCodec.decodeRequest(seed, DatadirCodec.encode(q))).isEqualTo(q);
    Grant g = r.grant(seed);
    assertThat(DatadirCodec.decodeGrant(seed, DatadirCodec.encode(g))).isEqualTo(g);
    AccessRecord x = r.access("asset", "id");
    assertThat(DatadirCodec.decodeAccess("asset", "id", DatadirCodec.encode(x))).isEqualTo(x);
    AuditEntry e = r.audit(seed);
    assertThat(DatadirCodec.decodeAudit(seed, DatadirCodec.encode(e))).isEqualTo(e);
  }

  @Test
  void recordsOfOneKindAreNeverReadAsAnother() {
    RandomArgs r = new RandomArgs(7);
    byte[] grant = DatadirCodec.encode(r.grant(1));
    assertThatThrownBy(() -> DatadirCodec.decodeRequest(1, grant))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("not a request");
    assertThat(grant[0]).isEqualTo((byte) 0xD4);
  }

  @Test
  void unknownCodesAndFieldMasksAreMalformed() {
    String hex = "00000001" + "61" + "00"; // update("a", fields = 0)
    assertThatThrownBy(() -> DatadirCalls.decode("update", HexFormat.of().parseHex(hex)))
        .isInstanceOf(DecodeException.class);
    String sixteen = "00000001" + "61" + "10";
    assertThatThrownBy(() -> DatadirCalls.decode("update", HexFormat.of().parseHex(sixteen)))
        .isInstanceOf(DecodeException.class);
    // update("a", policy: kind 3)
    String policy = "00000001" + "61" + "02" + "03" + "00000000";
    assertThatThrownBy(() -> DatadirCalls.decode("update", HexFormat.of().parseHex(policy)))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("policy");
    assertThatThrownBy(() -> DatadirCalls.decode("transfer", new byte[0]))
        .isInstanceOf(DecodeException.class);
    // a list count larger than the input could hold is refused before allocating
    String hugeList = "00000001" + "61" + "04" + "7fffffff";
    assertThatThrownBy(() -> DatadirCalls.decode("update", HexFormat.of().parseHex(hugeList)))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(
            () ->
                new DatadirCalls.Update(
                    "a", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theUpdateMaskSaysWhichPartsFollow() {
    DatadirCalls.Update u =
        new DatadirCalls.Update(
            "a",
            Optional.empty(),
            Optional.of(Policy.everyone()),
            Optional.empty(),
            Optional.of(List.of("p")));
    assertThat(u.fields()).isEqualTo(DatadirCalls.UPDATE_POLICY | DatadirCalls.UPDATE_DERIVED_FROM);
    assertThat(Bytes.wrap(DatadirCalls.encode(u)).toHex())
        .isEqualTo("00000001" + "61" + "0a" + "00" + "00000000" + "00000001" + "00000001" + "70");
  }
}
