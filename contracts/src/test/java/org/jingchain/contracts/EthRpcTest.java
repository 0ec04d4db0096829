package org.jingchain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The JSON-RPC endpoint's protocol [EVM-RPC-1]: every malformed request gets its JSON-RPC error
 * code and nothing else happens; filters live and die as documented. (ContractsIT runs ethers.js
 * against a real node for the answers themselves.)
 */
class EthRpcTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final FakeNode node = new FakeNode();
  final EthRpc rpc = new EthRpc(node, EvmAddresses.chainId("rpc-test"));

  JsonNode ask(String body) {
    return rpc.handle(body.getBytes(StandardCharsets.UTF_8));
  }

  JsonNode ask(String method, String params) {
    return ask(
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}");
  }

  static int code(JsonNode answer) {
    return answer.at("/error/code").asInt();
  }

  @Test
  void malformedRequestsGetTheirJsonRpcErrorCodes() {
    assertThat(code(ask("{not json"))).isEqualTo(EthRpc.PARSE_ERROR);
    assertThat(ask("{not json").get("id").isNull()).isTrue();
    assertThat(code(ask("[]"))).isEqualTo(EthRpc.INVALID_REQUEST);
    assertThat(code(ask("42"))).isEqualTo(EthRpc.INVALID_REQUEST);
    assertThat(code(ask("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"extra\":1}")))
        .as("an unknown member")
        .isEqualTo(EthRpc.INVALID_REQUEST);
    assertThat(code(ask("eth_mine", "[]"))).isEqualTo(EthRpc.METHOD_NOT_FOUND);
    assertThat(code(ask("eth_getCode", "[\"0x12\"]"))).isEqualTo(EthRpc.INVALID_PARAMS);
    assertThat(code(ask("eth_getCode", "{\"a\":1}"))).isEqualTo(EthRpc.INVALID_PARAMS);
    assertThat(
            code(
                ask(
                    "eth_getStorageAt",
                    "[\"0x" + "11".repeat(20) + "\",\"0x" + "0".repeat(65) + "\"]")))
        .isEqualTo(EthRpc.INVALID_PARAMS);
    assertThat(code(ask("eth_getBlockByNumber", "[\"0x5\", false]")))
        .as("a block not committed yet")
        .isEqualTo(EthRpc.SERVER_ERROR);
    assertThat(code(ask("eth_call", "[{\"to\":\"0x" + "11".repeat(20) + "\",\"value\":\"0x1\"}]")))
        .as("no value moves on this chain")
        .isEqualTo(EthRpc.INVALID_PARAMS);
    assertThat(code(ask("eth_call", "[{\"to\":\"0x" + "11".repeat(20) + "\",\"value\":\"0xzz\"}]")))
        .as("a value that is not a quantity")
        .isEqualTo(EthRpc.INVALID_PARAMS);
    StringBuilder big = new StringBuilder("[");
    for (int i = 0; i <= EthRpc.MAX_BATCH; i++) {
      big.append(i == 0 ? "" : ",")
          .append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(i)
          .append(",\"method\":\"eth_chainId\"}");
    }
    assertThat(code(ask(big.append("]").toString()))).isEqualTo(EthRpc.INVALID_REQUEST);
  }

  @Test
  void answersCarryTheRequestIdAndABatchAnswersEachInOrder() {
    JsonNode one = ask("eth_chainId", "[]");
    assertThat(one.get("id").asInt()).isEqualTo(7);
    assertThat(one.get("result").asText())
        .isEqualTo("0x" + Long.toHexString(EvmAddresses.chainId("rpc-test")));
    JsonNode batch =
        ask(
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"eth_getCode\",\"params\":[\"0x"
                + "11".repeat(20)
                + "\",\"latest\"]}]");
    assertThat(batch.get(0).get("result").asText()).isEqualTo("0x0");
    assertThat(code(batch.get(1))).isEqualTo(EthRpc.METHOD_NOT_FOUND);
    assertThat(batch.get(2).get("result").asText()).isEqualTo("0x");
  }

  @Test
  void ethereumSignedTransactionsAreRefusedWithTheReason() {
    JsonNode a = ask("eth_sendRawTransaction", "[\"0x02f8\"]");
    assertThat(code(a)).isEqualTo(EthRpc.SERVER_ERROR);
    assertThat(a.at("/error/message").asText()).contains("not Ethereum-signed");
  }

  @Test
  void filtersAreCreatedPolledAndUninstalled() {
    String id = ask("eth_newBlockFilter", "[]").get("result").asText();
    assertThat(ask("eth_getFilterChanges", "[\"" + id + "\"]").get("result")).isEmpty();
    String logs =
        ask("eth_newFilter", "[{\"address\":\"0x" + "11".repeat(20) + "\"}]")
            .get("result")
            .asText();
    assertThat(ask("eth_getFilterLogs", "[\"" + logs + "\"]").get("result")).isEmpty();
    assertThat(code(ask("eth_newFilter", "[{\"adress\":\"0x00\"}]")))
        .as("a misspelt filter member")
        .isEqualTo(EthRpc.INVALID_PARAMS);
    assertThat(ask("eth_uninstallFilter", "[\"" + id + "\"]").get("result").asBoolean()).isTrue();
    assertThat(ask("eth_uninstallFilter", "[\"" + id + "\"]").get("result").asBoolean()).isFalse();
    assertThat(ask("eth_getFilterChanges", "[\"" + id + "\"]").at("/error/message").asText())
        .isEqualTo("filter not found");
  }
}
