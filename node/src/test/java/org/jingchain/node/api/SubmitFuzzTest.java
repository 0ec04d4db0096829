package org.jingchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.node.Mempool;
import org.jingchain.node.TxIngress;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Response;
import org.jingchain.types.SuiteId;

/**
 * Fuzzes the submit endpoints' request handling (JSON, hex, decoding, signature check, admission):
 * any body is either a typed {@link ApiException} or a response, nothing else escapes, and no
 * unsigned garbage is ever admitted. {@code JAZZER_FUZZ=1} fuzzes for real; the test command
 * replays {@code SubmitFuzzTestInputs}.
 */
class SubmitFuzzTest {
  static final Mempool POOL =
      new Mempool(
          "dev",
          SuiteId.INTL,
          CryptoSuites.intl(),
          a -> 0L,
          Clock.systemUTC(),
          1000,
          1 << 20,
          60_000);
  static final NodeApi API =
      new NodeApi(
          null,
          POOL,
          new TxIngress(POOL, BatchVerifier.create(CryptoSuites.intl()), calls -> {}, txs -> {}),
          null,
          null,
          null,
          100,
          1,
          "fuzz");

  @FuzzTest(maxDuration = "60s")
  void submitNeverAdmitsGarbageNorFailsOpen(byte[] body) {
    try {
      API.submit(body);
    } catch (ApiException e) {
      assertThat(e.code().httpStatus()).isBetween(400, 499);
      assertThat(e.getMessage()).isNotBlank().doesNotContain("org.jingchain");
    }
    assertThat(POOL.size()).as("fuzzed input cannot carry a valid signature").isZero();
  }

  @FuzzTest(maxDuration = "60s")
  void batchNeverAdmitsGarbageNorFailsOpen(byte[] body) {
    try {
      Response r = API.submitBatch(body);
      assertThat(r.status()).isIn(200, 429);
    } catch (ApiException e) {
      assertThat(e.code()).isIn(ErrorCode.BAD_REQUEST, ErrorCode.BATCH_TOO_LARGE);
      assertThat(e.getMessage()).doesNotContain("org.jingchain");
    }
    assertThat(POOL.size()).isZero();
  }
}
