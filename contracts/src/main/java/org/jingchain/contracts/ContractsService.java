package org.jingchain.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jingchain.evm.Account;
import org.jingchain.evm.Address;
import org.jingchain.evm.Keccak;
import org.jingchain.evm.TxState;
import org.jingchain.evm.UInt256;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.SystemContract;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.NodeContext;
import org.jingchain.service.NodePart;
import org.jingchain.service.PlatformService;
import org.jingchain.service.Resources;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.service.api.Request;
import org.jingchain.service.api.Response;
import org.jingchain.service.api.Route;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.SuiteId;

/**
 * Smart contracts as a platform service: the {@code evm} system contract, the read-only call and
 * account routes, and the console's contract page.
 */
public final class ContractsService implements PlatformService {
  private static final String PREFIX = "/api/v1/evm";
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Override
  public String name() {
    return "contracts";
  }

  @Override
  public List<SystemContract> contracts(ChainSetup chain) {
    return List.of(new EvmContract(chain.chainId()));
  }

  /** An {@code evm} call's gas limit; malformed arguments declare none (they fail unrun). */
  @Override
  public long declaredGas(org.jingchain.types.Call call) {
    if (!EvmCalls.CONTRACT.equals(call.contract())) {
      return 0;
    }
    try {
      return EvmCalls.decode(call.method(), call.args()).map(EvmCalls.Request::gasLimit).orElse(0L);
    } catch (org.jingchain.codec.DecodeException malformed) {
      return 0;
    }
  }

  @Override
  public NodePart start(NodeContext node) {
    long evmChainId = EvmAddresses.chainId(node.chain().chainId());
    SuiteId suite = node.chain().suite().id();
    EthRpc rpc = new EthRpc(node, evmChainId);
    return new NodePart() {
      @Override
      public List<Route> routes() {
        return List.of(
            new Route("POST", PREFIX + "/call", r -> call(node, evmChainId, suite, r)),
            // the JSON-RPC answers blocks, transactions, receipts and logs of the whole chain too:
            // a caller must satisfy both families' read rules (docs/spec/api-access.md [ACC-2])
            new Route("POST", PREFIX + "/rpc", r -> Response.ok(rpc.handle(r.body())))
                .inFamily("contracts+chain"),
            new Route("GET", PREFIX + "/accounts/{address}", r -> account(node, evmChainId, r)),
            new Route("GET", PREFIX + "/accounts/{address}/storage/{slot}", r -> storage(node, r)));
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(Resources.text(ContractsService.class, "openapi.json"));
      }

      @Override
      public Optional<String> consoleScript() {
        return Optional.of(Resources.text(ContractsService.class, "console.js"));
      }
    };
  }

  /** {@code POST /evm/call}: what a transaction would do, run on the latest state, kept nowhere. */
  public record CallRequest(String from, String to, String data, Long gas) {}

  /** A log in an answer. */
  public record LogView(String address, List<String> topics, String data) {}

  /** The answer of {@code POST /evm/call}. */
  public record CallResult(
      String status,
      String code,
      String reason,
      String output,
      long gasUsed,
      String address,
      List<LogView> logs) {}

  /** {@code GET /evm/accounts/{address}}. */
  public record AccountView(
      String address,
      String account,
      long nonce,
      int codeSize,
      String codeHash,
      String code,
      long evmChainId) {}

  /** {@code GET /evm/accounts/{address}/storage/{slot}}. */
  public record SlotView(String address, String slot, String value, String stateKey) {}

  private static Response call(NodeContext node, long evmChainId, SuiteId suite, Request req)
      throws ApiException {
    CallRequest body;
    try {
      body = JSON.readValue(req.body(), CallRequest.class);
    } catch (IOException e) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST,
          "the body must be {\"from\"?, \"to\"?, \"data\", \"gas\"?}: " + firstLine(e));
    }
    if (body == null || body.data() == null) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "field 'data' (0x-hex) is required");
    }
    org.jingchain.types.Address from =
        body.from() == null
            ? EvmAddresses.toAccount(Address.ZERO, suite)
            : account(body.from(), suite, "from");
    Address to = body.to() == null ? null : evmAddress(body.to(), "to");
    byte[] data = hex(body.data(), "data");
    long gas = body.gas() == null ? EvmCalls.MAX_TX_GAS : body.gas();
    StateReader state = node.latest();
    long head = node.reads().headHeight();
    BlockHeader header =
        node.reads()
            .header(head)
            .orElseThrow(() -> new ApiException(ErrorCode.INTERNAL, "no header at " + head));
    EvmRuns.Outcome o;
    try {
      o =
          EvmRuns.run(
              state,
              EvmRuns.context(header, evmChainId),
              PlatformPrecompiles.all(state, header.timestampMillis()),
              EvmAddresses.of(from),
              Nonces.next(state, from),
              to,
              data,
              gas);
    } catch (EvmRuns.GasLimitException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
    List<LogView> logs = new ArrayList<>();
    for (TxState.Log l : o.logs()) {
      logs.add(
          new LogView(
              l.address().toString(),
              l.topics().stream().map(UInt256::toPaddedHex).toList(),
              EvmRuns.hex(l.data())));
    }
    return Response.ok(
        new CallResult(
            o.status().name().toLowerCase(),
            o.success() ? null : o.code(),
            o.success() ? null : o.failure(),
            EvmRuns.hex(o.output()),
            o.gasUsed(),
            o.created() == null ? null : o.created().toString(),
            logs));
  }

  private static Response account(NodeContext node, long evmChainId, Request req)
      throws ApiException {
    Address a = evmAddress(req.path("address"), "address");
    Account acc =
        EvmStore.account(node.latest(), a)
            .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no EVM account " + a));
    return Response.ok(
        new AccountView(
            a.toString(),
            EvmAddresses.toAccount(a, node.chain().suite().id()).toString(),
            acc.nonce(),
            acc.code().length,
            EvmRuns.hex(Keccak.hash(acc.code())),
            EvmRuns.hex(acc.code()),
            evmChainId));
  }

  private static Response storage(NodeContext node, Request req) throws ApiException {
    Address a = evmAddress(req.path("address"), "address");
    String s = req.path("slot");
    // A slot is a number: 0x0 and 0x00 name the same slot.
    if (!s.matches("0x[0-9a-fA-F]{1,64}")) {
      throw new ApiException(ErrorCode.BAD_REQUEST, "a slot is 0x and 1 to 64 hex digits");
    }
    UInt256 slot = UInt256.fromHex(s);
    UInt256 v = EvmStore.storage(node.latest(), a, slot);
    return Response.ok(
        new SlotView(a.toString(), slot.toPaddedHex(), v.toPaddedHex(), EvmStore.slotKey(a, slot)));
  }

  /** An EVM address given as 0x-hex or as a ji…/js… account. */
  static Address evmAddress(String s, String field) throws ApiException {
    if (s.startsWith("j")) {
      try {
        return EvmAddresses.of(org.jingchain.types.Address.parse(s));
      } catch (IllegalArgumentException e) {
        throw new ApiException(ErrorCode.BAD_REQUEST, field + ": " + e.getMessage());
      }
    }
    byte[] b = hex(s, field);
    if (b.length != Address.LENGTH) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, field + " must be a 20-byte 0x address or a ji…/js… account");
    }
    return Address.of(b);
  }

  private static org.jingchain.types.Address account(String s, SuiteId suite, String field)
      throws ApiException {
    return EvmAddresses.toAccount(evmAddress(s, field), suite);
  }

  /** 0x-prefixed hex (the EVM world's convention; "0x" alone is empty). */
  static byte[] hex(String s, String field) throws ApiException {
    if (!s.startsWith("0x")) {
      throw new ApiException(ErrorCode.BAD_REQUEST, field + " must be 0x-prefixed hex");
    }
    try {
      return HexFormat.of().parseHex(s.substring(2));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, field + " must be 0x-prefixed hex");
    }
  }

  private static String firstLine(IOException e) {
    String m =
        String.valueOf(
            e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getOriginalMessage()
                : e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
