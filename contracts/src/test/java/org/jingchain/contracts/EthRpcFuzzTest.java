package org.jingchain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Fuzzes the JSON-RPC endpoint [EVM-RPC-1]: any body gets a JSON-RPC answer (a response object or a
 * batch of them), never an exception. In the test command this replays the corpus; {@code
 * JAZZER_FUZZ=1} fuzzes.
 */
class EthRpcFuzzTest {
  static final FakeNode NODE = new FakeNode();
  static final EthRpc RPC = new EthRpc(NODE, EvmAddresses.chainId("rpc-test"));

  @FuzzTest(maxDuration = "60s")
  void everyBodyGetsAJsonRpcAnswer(byte[] body) {
    JsonNode answer = RPC.handle(body);
    if (answer.isArray()) {
      answer.forEach(EthRpcFuzzTest::isResponse);
    } else {
      isResponse(answer);
    }
  }

  private static void isResponse(JsonNode r) {
    assertThat(r.get("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(r.has("result") ^ r.has("error")).isTrue();
  }
}
