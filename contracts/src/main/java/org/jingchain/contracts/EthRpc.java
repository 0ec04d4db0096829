package org.jingchain.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jingchain.codec.DecodeException;
import org.jingchain.evm.Account;
import org.jingchain.evm.Address;
import org.jingchain.evm.UInt256;
import org.jingchain.execution.Nonces;
import org.jingchain.execution.StateReader;
import org.jingchain.service.NodeContext;
import org.jingchain.service.StateReads;
import org.jingchain.service.api.ApiException;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;

/**
 * The Ethereum JSON-RPC subset a node answers at {@code POST /api/v1/evm/rpc} [EVM-RPC-1], so
 * ethers.js, web3j and wallets read contracts, call them, estimate gas and query logs. What it
 * serves and how it differs from Ethereum is in docs/spec/evm.md section 8. Errors are JSON-RPC
 * errors with stable codes; a revert is code 3 with the revert data, as geth answers.
 */
final class EthRpc {
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int SERVER_ERROR = -32000;
  static final int REVERTED = 3;

  /** The most requests one batch may carry. */
  static final int MAX_BATCH = 100;

  /** The most blocks one eth_getLogs may scan, and the most logs it returns. */
  static final int MAX_LOG_BLOCKS = 10_000;

  static final int MAX_LOGS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();
  private static final Set<String> REQUEST_FIELDS = Set.of("jsonrpc", "id", "method", "params");
  private static final Pattern GAS_USED = Pattern.compile("\\(gas used (\\d+)\\)$");
  private static final String ZERO_HASH = "0x" + "0".repeat(64);

  private final NodeContext node;
  private final long evmChainId;
  private final SuiteId suite;

  EthRpc(NodeContext node, long evmChainId) {
    this.node = node;
    this.evmChainId = evmChainId;
    this.suite = node.chain().suite().id();
  }

  /** An error the caller made (or a revert), answered as a JSON-RPC error object. */
  static final class RpcError extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;
    final transient JsonNode data;

    RpcError(int code, String message) {
      this(code, message, null);
    }

    RpcError(int code, String message, JsonNode data) {
      super(message, null, false, false);
      this.code = code;
      this.data = data;
    }
  }

  /** Answers a request body: one request or a batch. */
  JsonNode handle(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      return error(F.nullNode(), new RpcError(PARSE_ERROR, "parse error: not JSON"));
    }
    if (root != null && root.isArray()) {
      if (root.isEmpty()) {
        return error(F.nullNode(), new RpcError(INVALID_REQUEST, "an empty batch"));
      }
      if (root.size() > MAX_BATCH) {
        return error(
            F.nullNode(),
            new RpcError(INVALID_REQUEST, "a batch holds at most " + MAX_BATCH + " requests"));
      }
      ArrayNode out = F.arrayNode();
      root.forEach(r -> out.add(one(r)));
      return out;
    }
    return one(root);
  }

  private JsonNode one(JsonNode req) {
    JsonNode id = req != null && req.has("id") ? req.get("id") : F.nullNode();
    try {
      if (req == null || !req.isObject() || !req.path("method").isTextual()) {
        throw new RpcError(INVALID_REQUEST, "a request is an object with a string 'method'");
      }
      for (var it = req.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!REQUEST_FIELDS.contains(f)) {
          throw new RpcError(INVALID_REQUEST, "unknown request member '" + f + "'");
        }
      }
      JsonNode params = req.has("params") ? req.get("params") : F.arrayNode();
      if (!params.isArray()) {
        throw new RpcError(INVALID_PARAMS, "params must be an array");
      }
      ObjectNode out = F.objectNode();
      out.put("jsonrpc", "2.0");
      out.set("id", id);
      out.set("result", dispatch(req.get("method").asText(), params));
      return out;
    } catch (RpcError e) {
      return error(id, e);
    } catch (ApiException e) {
      return error(id, new RpcError(SERVER_ERROR, e.getMessage()));
    } catch (PrunedException e) {
      return error(id, new RpcError(SERVER_ERROR, e.getMessage()));
    }
  }

  private static JsonNode error(JsonNode id, RpcError e) {
    ObjectNode out = F.objectNode();
    out.put("jsonrpc", "2.0");
    out.set("id", id);
    ObjectNode err = out.putObject("error");
    err.put("code", e.code);
    err.put("message", e.getMessage());
    if (e.data != null) {
      err.set("data", e.data);
    }
    return out;
  }

  private JsonNode dispatch(String method, JsonNode p) throws RpcError, ApiException {
    return switch (method) {
      case "web3_clientVersion" -> F.textNode("jingchain/0.1.0");
      case "net_version" -> F.textNode(Long.toString(evmChainId));
      case "net_listening" -> F.booleanNode(true);
      case "eth_chainId" -> quantity(evmChainId);
      case "eth_blockNumber" -> quantity(node.reads().headHeight());
      case "eth_syncing", "eth_mining" -> F.booleanNode(false);
      case "eth_accounts" -> F.arrayNode();
      case "eth_gasPrice", "eth_maxPriorityFeePerGas", "eth_blobBaseFee" -> quantity(0);
      case "eth_getBalance" -> {
        Address a = address(param(p, 0, "address"));
        yield F.textNode(
            EvmStore.account(stateAt(blockTag(p, 1)), a)
                .map(Account::balance)
                .orElse(UInt256.ZERO)
                .toString());
      }
      case "eth_getTransactionCount" -> {
        Address a = address(param(p, 0, "address"));
        StateReader s = stateAt(blockTag(p, 1));
        Optional<Account> acc = EvmStore.account(s, a);
        yield quantity(
            acc.isPresent() ? acc.get().nonce() : Nonces.next(s, EvmAddresses.toAccount(a, suite)));
      }
      case "eth_getCode" -> {
        Address a = address(param(p, 0, "address"));
        yield F.textNode(
            EvmRuns.hex(
                EvmStore.account(stateAt(blockTag(p, 1)), a)
                    .map(Account::code)
                    .orElse(new byte[0])));
      }
      case "eth_getStorageAt" -> {
        Address a = address(param(p, 0, "address"));
        UInt256 slot = word(param(p, 1, "slot"), "slot");
        yield F.textNode(EvmStore.storage(stateAt(blockTag(p, 2)), a, slot).toPaddedHex());
      }
      case "eth_call" -> call(p);
      case "eth_estimateGas" -> estimate(p);
      case "eth_getBlockByNumber" -> {
        long h = blockTag(p, 0);
        yield block(h, bool(p, 1));
      }
      case "eth_getBlockByHash" -> {
        Optional<Long> h = node.reads().heightOf(hash(param(p, 0, "block hash")));
        yield h.isPresent() ? block(h.get(), bool(p, 1)) : F.nullNode();
      }
      case "eth_getTransactionByHash" -> transaction(hash(param(p, 0, "transaction hash")));
      case "eth_getTransactionReceipt" -> receipt(hash(param(p, 0, "transaction hash")));
      case "eth_getLogs" -> logs(p);
      case "eth_newFilter" -> newFilter(param(p, 0, "filter"));
      case "eth_newBlockFilter" -> newFilter(null);
      case "eth_getFilterChanges" -> filterChanges(param(p, 0, "filter id").asText());
      case "eth_getFilterLogs" -> {
        Filter f = filter(param(p, 0, "filter id").asText());
        if (f.criteria() == null) {
          throw new RpcError(INVALID_PARAMS, "a block filter has no logs");
        }
        yield logs(F.arrayNode().add(f.criteria()));
      }
      case "eth_uninstallFilter" -> {
        synchronized (filters) {
          yield F.booleanNode(filters.remove(param(p, 0, "filter id").asText()) != null);
        }
      }
      case "eth_sendRawTransaction" ->
          throw new RpcError(
              SERVER_ERROR,
              "this chain admits only its members' own signed transactions, not Ethereum-signed"
                  + " ones: send with 'jing contract send' or the SDK (docs/contracts.md)");
      default -> throw new RpcError(METHOD_NOT_FOUND, "method " + method + " is not served");
    };
  }

  // ---- filters (polled by clients: ethers' contract.on) ----

  /** The most filters kept; the least recently used goes first. */
  static final int MAX_FILTERS = 1000;

  /** A filter unused this long is dropped, as Ethereum nodes drop them. */
  static final long FILTER_IDLE_NANOS = 5L * 60 * 1_000_000_000L;

  /** A log filter ({@code criteria}) or a block filter (null), and the next block it reports. */
  private record Filter(JsonNode criteria, long nextBlock, long usedNanos) {}

  private final java.util.LinkedHashMap<String, Filter> filters =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Filter> eldest) {
          return size() > MAX_FILTERS;
        }
      };

  private long nextFilterId = 1;

  private JsonNode newFilter(JsonNode criteria) throws RpcError {
    long next = node.reads().headHeight() + 1;
    if (criteria != null) {
      if (!criteria.isObject()) {
        throw new RpcError(INVALID_PARAMS, "the filter is an object");
      }
      logs(F.arrayNode().add(withRange(criteria, next - 1, next - 1))); // validates the criteria
      if (criteria.hasNonNull("fromBlock")
          && !criteria.get("fromBlock").asText().equals("latest")) {
        next = blockNumber(criteria.get("fromBlock"));
      }
    }
    synchronized (filters) {
      String id = "0x" + Long.toHexString(nextFilterId++);
      filters.put(id, new Filter(criteria, next, System.nanoTime()));
      return F.textNode(id);
    }
  }

  private Filter filter(String id) throws RpcError {
    synchronized (filters) {
      Filter f = filters.get(id);
      if (f == null || System.nanoTime() - f.usedNanos() > FILTER_IDLE_NANOS) {
        filters.remove(id);
        throw new RpcError(SERVER_ERROR, "filter not found");
      }
      return f;
    }
  }

  private JsonNode filterChanges(String id) throws RpcError {
    Filter f = filter(id);
    long head = node.reads().headHeight();
    long to = Math.min(head, f.nextBlock() + MAX_LOG_BLOCKS - 1);
    JsonNode out;
    if (f.criteria() == null) {
      ArrayNode hashes = F.arrayNode();
      for (long h = f.nextBlock(); h <= to; h++) {
        node.reads().blockHash(h).ifPresent(x -> hashes.add(hashHex(x)));
      }
      out = hashes;
    } else {
      out =
          f.nextBlock() > to
              ? F.arrayNode()
              : logs(F.arrayNode().add(withRange(f.criteria(), f.nextBlock(), to)));
    }
    synchronized (filters) {
      if (filters.containsKey(id)) {
        filters.put(
            id, new Filter(f.criteria(), Math.max(f.nextBlock(), to + 1), System.nanoTime()));
      }
    }
    return out;
  }

  private static ObjectNode withRange(JsonNode criteria, long from, long to) {
    ObjectNode c = criteria.deepCopy();
    c.remove("blockHash");
    c.put("fromBlock", "0x" + Long.toHexString(from));
    c.put("toBlock", "0x" + Long.toHexString(Math.max(from, to)));
    return c;
  }

  // ---- parameters ----

  private static JsonNode param(JsonNode p, int i, String what) throws RpcError {
    if (p.size() <= i || p.get(i).isNull()) {
      throw new RpcError(INVALID_PARAMS, "missing parameter " + (i + 1) + " (" + what + ")");
    }
    return p.get(i);
  }

  private static boolean bool(JsonNode p, int i) throws RpcError {
    if (p.size() <= i) {
      return false;
    }
    if (!p.get(i).isBoolean()) {
      throw new RpcError(INVALID_PARAMS, "parameter " + (i + 1) + " must be true or false");
    }
    return p.get(i).booleanValue();
  }

  static Address address(JsonNode n) throws RpcError {
    byte[] b = data(n, "address");
    if (b.length != Address.LENGTH) {
      throw new RpcError(INVALID_PARAMS, "an address is 20 bytes: " + n.asText());
    }
    return Address.of(b);
  }

  static byte[] data(JsonNode n, String what) throws RpcError {
    String s = n.isTextual() ? n.asText() : "";
    if (!s.startsWith("0x") || s.length() % 2 != 0) {
      throw new RpcError(INVALID_PARAMS, what + " must be 0x-prefixed hex of whole bytes");
    }
    try {
      return HEX.parseHex(s.substring(2));
    } catch (IllegalArgumentException e) {
      throw new RpcError(INVALID_PARAMS, what + " must be 0x-prefixed hex of whole bytes");
    }
  }

  private static Hash hash(JsonNode n) throws RpcError {
    byte[] b = data(n, "a hash");
    if (b.length != Hash.LENGTH) {
      throw new RpcError(INVALID_PARAMS, "a hash is 32 bytes: " + n.asText());
    }
    return Hash.wrap(b);
  }

  private static long quantityParam(JsonNode n, String what) throws RpcError {
    String s = n.isTextual() ? n.asText() : "";
    if (!s.matches("0x(0|[1-9a-fA-F][0-9a-fA-F]{0,15})")) {
      throw new RpcError(INVALID_PARAMS, what + " must be a 0x quantity");
    }
    long v = Long.parseUnsignedLong(s.substring(2), 16);
    if (v < 0) {
      throw new RpcError(INVALID_PARAMS, what + " is too large");
    }
    return v;
  }

  private static UInt256 word(JsonNode n, String what) throws RpcError {
    String s = n.isTextual() ? n.asText() : "";
    if (!s.matches("0x[0-9a-fA-F]{1,64}")) {
      throw new RpcError(INVALID_PARAMS, what + " must be 0x hex of at most 32 bytes");
    }
    return UInt256.fromHex(s);
  }

  /** A block number or tag; absent means latest. */
  private long blockTag(JsonNode p, int i) throws RpcError {
    if (p.size() <= i || p.get(i).isNull()) {
      return node.reads().headHeight();
    }
    return blockNumber(p.get(i));
  }

  private long blockNumber(JsonNode n) throws RpcError {
    long head = node.reads().headHeight();
    if (n.isObject()) {
      if (n.has("blockHash")) {
        return node.reads()
            .heightOf(hash(n.get("blockHash")))
            .orElseThrow(
                () -> new RpcError(SERVER_ERROR, "no block " + n.get("blockHash").asText()));
      }
      return blockNumber(n.path("blockNumber"));
    }
    String s = n.asText();
    return switch (s) {
      case "latest", "pending", "safe", "finalized" -> head;
      case "earliest" -> 0;
      default -> {
        long h = quantityParam(n, "block number");
        if (h > head) {
          throw new RpcError(
              SERVER_ERROR, "block " + h + " is not committed yet (head " + head + ")");
        }
        yield h;
      }
    };
  }

  /** The state after block {@code h}: the latest one directly, older ones by version. */
  private StateReader stateAt(long h) {
    if (h >= node.reads().headHeight()) {
      return node.latest();
    }
    return key -> {
      try {
        return node.reads().get(key, h);
      } catch (ApiException pruned) {
        throw new PrunedException(pruned.getMessage());
      }
    };
  }

  /** A read of a pruned version, surfacing as a JSON-RPC server error. */
  static final class PrunedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PrunedException(String message) {
      super(message, null, false, false);
    }
  }

  private static JsonNode quantity(long v) {
    return F.textNode("0x" + Long.toHexString(v));
  }

  // ---- calls ----

  private record CallArgs(org.jingchain.types.Address from, Address to, byte[] data, long gas) {}

  private CallArgs callArgs(JsonNode tx) throws RpcError {
    if (!tx.isObject()) {
      throw new RpcError(INVALID_PARAMS, "the call is an object {from, to, data, gas, …}");
    }
    org.jingchain.types.Address from =
        EvmAddresses.toAccount(
            tx.hasNonNull("from") ? address(tx.get("from")) : Address.ZERO, suite);
    Address to = tx.hasNonNull("to") ? address(tx.get("to")) : null;
    JsonNode input = tx.hasNonNull("input") ? tx.get("input") : tx.get("data");
    byte[] data = input == null || input.isNull() ? new byte[0] : data(input, "data");
    long gas = tx.hasNonNull("gas") ? quantityParam(tx.get("gas"), "gas") : EvmCalls.MAX_TX_GAS;
    if (tx.hasNonNull("value") && !word(tx.get("value"), "value").isZero()) {
      throw new RpcError(INVALID_PARAMS, "transactions carry no value on this chain");
    }
    return new CallArgs(from, to, data, Math.min(gas, EvmCalls.MAX_TX_GAS));
  }

  private EvmRuns.Outcome run(CallArgs c, long height, long gas) throws RpcError {
    StateReader s = stateAt(height);
    BlockHeader header =
        node.reads()
            .header(height)
            .orElseThrow(() -> new RpcError(SERVER_ERROR, "no block " + height));
    try {
      return EvmRuns.run(
          s,
          EvmRuns.context(header, evmChainId),
          PlatformPrecompiles.all(s, header.timestampMillis()),
          EvmAddresses.of(c.from()),
          Nonces.next(s, c.from()),
          c.to(),
          c.data(),
          gas);
    } catch (EvmRuns.GasLimitException e) {
      throw new RpcError(SERVER_ERROR, e.getMessage());
    } catch (PrunedException e) {
      throw new RpcError(SERVER_ERROR, e.getMessage());
    }
  }

  private static RpcError failure(EvmRuns.Outcome o) {
    if (o.status() == org.jingchain.evm.Evm.Status.REVERT) {
      String reason = o.failure();
      return new RpcError(
          REVERTED,
          "execution reverted"
              + (reason.startsWith("reverted: ") ? ": " + reason.substring(10) : ""),
          F.textNode(EvmRuns.hex(o.output())));
    }
    return new RpcError(SERVER_ERROR, o.failure());
  }

  private JsonNode call(JsonNode p) throws RpcError {
    CallArgs c = callArgs(param(p, 0, "call"));
    EvmRuns.Outcome o = run(c, blockTag(p, 1), c.gas());
    if (!o.success()) {
      throw failure(o);
    }
    return F.textNode(EvmRuns.hex(o.output()));
  }

  /**
   * The least gas limit with which the transaction succeeds on the latest state: a binary search
   * between the gas it uses and the maximum (the all-but-1/64 rule and refunds make the gas used a
   * lower bound, not always enough).
   */
  private JsonNode estimate(JsonNode p) throws RpcError {
    CallArgs c = callArgs(param(p, 0, "transaction"));
    long height = blockTag(p, 1);
    EvmRuns.Outcome full = run(c, height, c.gas());
    if (!full.success()) {
      throw failure(full);
    }
    long lo = full.gasUsed() - 1;
    long hi = c.gas();
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      boolean ok;
      try {
        ok = run(c, height, mid).success();
      } catch (RpcError belowIntrinsic) {
        ok = false;
      }
      if (ok) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return quantity(hi);
  }

  // ---- blocks, transactions, receipts, logs ----

  /** What a committed transaction of the {@code evm} contract asked and got. */
  private record EvmTx(
      Hash hash,
      long height,
      int index,
      Transaction tx,
      Receipt receipt,
      Address from,
      Address to,
      byte[] input,
      long gasLimit) {}

  private Optional<EvmTx> evmTx(Block b, List<Receipt> receipts, int i) {
    Transaction t = b.transactions().get(i);
    if (!EvmCalls.CONTRACT.equals(t.body().call().contract())) {
      return Optional.empty();
    }
    Optional<EvmCalls.Request> req;
    try {
      req = EvmCalls.decode(t.body().call().method(), t.body().call().args());
    } catch (DecodeException malformed) {
      return Optional.empty();
    }
    if (req.isEmpty()) {
      return Optional.empty();
    }
    Address to = req.get().to();
    byte[] input = req.get().data();
    long gas = req.get().gasLimit();
    Address from = EvmAddresses.of(node.chain().suite().address(t.body().sender()));
    return Optional.of(
        new EvmTx(
            t.hash(node.chain().suite()),
            b.header().height(),
            i,
            t,
            i < receipts.size() ? receipts.get(i) : null,
            from,
            to,
            input,
            gas));
  }

  private List<EvmTx> evmTxs(long height) {
    Optional<Block> b = node.reads().block(height);
    if (b.isEmpty()) {
      return List.of();
    }
    List<Receipt> receipts = node.reads().receipts(height);
    List<EvmTx> out = new ArrayList<>();
    for (int i = 0; i < b.get().transactions().size(); i++) {
      evmTx(b.get(), receipts, i).ifPresent(out::add);
    }
    return out;
  }

  private static long gasUsed(Receipt r) {
    if (r == null) {
      return 0;
    }
    for (Event e : r.events()) {
      if (e.contract().equals(EvmCalls.CONTRACT)
          && (e.type().equals("deployed") || e.type().equals("called"))) {
        return e.attribute("gasUsed").map(Long::parseLong).orElse(0L);
      }
    }
    Matcher m = GAS_USED.matcher(r.message());
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private JsonNode block(long height, boolean full) throws RpcError {
    Optional<Block> b = node.reads().block(height);
    if (b.isEmpty()) {
      return F.nullNode();
    }
    BlockHeader h = b.get().header();
    String hash = hashHex(node.reads().blockHash(height).orElseThrow());
    ObjectNode o = F.objectNode();
    o.put("number", "0x" + Long.toHexString(height));
    o.put("hash", hash);
    o.put("parentHash", height == 0 ? ZERO_HASH : hashHex(h.parentHash()));
    o.put("timestamp", "0x" + Long.toHexString(h.timestampMillis() / 1000));
    o.put("nonce", "0x0000000000000000");
    o.put("difficulty", "0x0");
    o.put("gasLimit", "0x" + Long.toHexString(EvmRuns.BLOCK_GAS_LIMIT));
    o.put("miner", Address.ZERO.toString());
    o.put("extraData", "0x");
    o.put("baseFeePerGas", "0x0");
    o.put("stateRoot", hashHex(h.stateRoot()));
    o.put("receiptsRoot", hashHex(h.resultsRoot()));
    o.put("transactionsRoot", hashHex(h.txRoot()));
    o.put("sha3Uncles", ZERO_HASH);
    o.put("mixHash", ZERO_HASH);
    o.put("logsBloom", "0x" + "0".repeat(512));
    o.set("uncles", F.arrayNode());
    long gasUsed = 0;
    ArrayNode txs = o.putArray("transactions");
    for (EvmTx t : evmTxs(height)) {
      gasUsed += gasUsed(t.receipt());
      if (full) {
        txs.add(txJson(t, hash));
      } else {
        txs.add(hashHex(t.hash()));
      }
    }
    o.put("gasUsed", "0x" + Long.toHexString(gasUsed));
    return o;
  }

  private JsonNode txJson(EvmTx t, String blockHash) {
    ObjectNode o = F.objectNode();
    o.put("hash", hashHex(t.hash()));
    o.put("blockHash", blockHash);
    o.put("blockNumber", "0x" + Long.toHexString(t.height()));
    o.put("transactionIndex", "0x" + Integer.toHexString(t.index()));
    o.put("from", t.from().toString());
    if (t.to() == null) {
      o.putNull("to");
    } else {
      o.put("to", t.to().toString());
    }
    o.put("input", EvmRuns.hex(t.input()));
    o.put("nonce", "0x" + Long.toHexString(t.tx().body().nonce()));
    o.put("gas", "0x" + Long.toHexString(t.gasLimit()));
    o.put("gasPrice", "0x0");
    o.put("value", "0x0");
    o.put("type", "0x0");
    o.put("chainId", "0x" + Long.toHexString(evmChainId));
    // Not an Ethereum signature: the transaction is signed by the chain's own suite (its bytes are
    // in GET /api/v1/transactions/{hash}); these placeholders keep Ethereum clients' parsers
    // content.
    o.put("v", "0x1b");
    o.put("r", "0x" + "0".repeat(63) + "1");
    o.put("s", "0x" + "0".repeat(63) + "1");
    return o;
  }

  private Optional<EvmTx> find(Hash txHash) {
    Optional<StateReads.TxPosition> at = node.reads().transaction(txHash);
    if (at.isEmpty()) {
      return Optional.empty();
    }
    Optional<Block> b = node.reads().block(at.get().height());
    if (b.isEmpty()) {
      return Optional.empty();
    }
    return evmTx(b.get(), node.reads().receipts(at.get().height()), at.get().index());
  }

  private JsonNode transaction(Hash txHash) {
    Optional<EvmTx> t = find(txHash);
    if (t.isEmpty()) {
      return F.nullNode();
    }
    return txJson(t.get(), hashHex(node.reads().blockHash(t.get().height()).orElseThrow()));
  }

  private JsonNode receipt(Hash txHash) {
    Optional<EvmTx> found = find(txHash);
    if (found.isEmpty()) {
      return F.nullNode();
    }
    EvmTx t = found.get();
    String blockHash = hashHex(node.reads().blockHash(t.height()).orElseThrow());
    ObjectNode o = F.objectNode();
    o.put("transactionHash", hashHex(t.hash()));
    o.put("transactionIndex", "0x" + Integer.toHexString(t.index()));
    o.put("blockHash", blockHash);
    o.put("blockNumber", "0x" + Long.toHexString(t.height()));
    o.put("from", t.from().toString());
    if (t.to() == null) {
      o.putNull("to");
    } else {
      o.put("to", t.to().toString());
    }
    boolean ok = t.receipt() != null && t.receipt().succeeded();
    String created = null;
    if (ok && t.to() == null) {
      created = t.receipt().events().getLast().attribute("address").orElse(null);
    }
    if (created == null) {
      o.putNull("contractAddress");
    } else {
      o.put("contractAddress", created);
    }
    long used = gasUsed(t.receipt());
    o.put("gasUsed", "0x" + Long.toHexString(used));
    long cumulative = 0;
    for (EvmTx other : evmTxs(t.height())) {
      cumulative += gasUsed(other.receipt());
      if (other.index() == t.index()) {
        break;
      }
    }
    o.put("cumulativeGasUsed", "0x" + Long.toHexString(cumulative));
    o.put("effectiveGasPrice", "0x0");
    o.put("status", ok ? "0x1" : "0x0");
    o.put("type", "0x0");
    o.put("logsBloom", "0x" + "0".repeat(512));
    ArrayNode logs = o.putArray("logs");
    int logIndex = firstLogIndex(t);
    if (ok) {
      for (Event e : t.receipt().events()) {
        if (isLog(e)) {
          logs.add(logJson(e, t, blockHash, logIndex++));
        }
      }
    }
    return o;
  }

  private static boolean isLog(Event e) {
    return e.contract().equals(EvmCalls.CONTRACT) && e.type().equals("log");
  }

  /** The block-wide index of {@code t}'s first log: logs of the transactions before it count. */
  private int firstLogIndex(EvmTx t) {
    int n = 0;
    for (EvmTx other : evmTxs(t.height())) {
      if (other.index() == t.index()) {
        break;
      }
      if (other.receipt() != null && other.receipt().succeeded()) {
        n += (int) other.receipt().events().stream().filter(EthRpc::isLog).count();
      }
    }
    return n;
  }

  private static ObjectNode logJson(Event e, EvmTx t, String blockHash, int logIndex) {
    ObjectNode l = F.objectNode();
    l.put("address", e.attribute("address").orElse(""));
    ArrayNode topics = l.putArray("topics");
    for (int i = 0; i < 4; i++) {
      e.attribute("topic" + i).ifPresent(topics::add);
    }
    l.put("data", e.attribute("data").orElse("0x"));
    l.put("blockNumber", "0x" + Long.toHexString(t.height()));
    l.put("blockHash", blockHash);
    l.put("transactionHash", hashHex(t.hash()));
    l.put("transactionIndex", "0x" + Integer.toHexString(t.index()));
    l.put("logIndex", "0x" + Integer.toHexString(logIndex));
    l.put("removed", false);
    return l;
  }

  private JsonNode logs(JsonNode p) throws RpcError {
    JsonNode f = param(p, 0, "filter");
    if (!f.isObject()) {
      throw new RpcError(INVALID_PARAMS, "the filter is an object");
    }
    for (var it = f.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!Set.of("fromBlock", "toBlock", "address", "topics", "blockHash").contains(name)) {
        throw new RpcError(INVALID_PARAMS, "unknown filter member '" + name + "'");
      }
    }
    long from;
    long to;
    if (f.hasNonNull("blockHash")) {
      if (f.has("fromBlock") || f.has("toBlock")) {
        throw new RpcError(INVALID_PARAMS, "blockHash excludes fromBlock and toBlock");
      }
      from = to = blockNumber(f);
    } else {
      long head = node.reads().headHeight();
      from = f.hasNonNull("fromBlock") ? blockNumber(f.get("fromBlock")) : head;
      to = f.hasNonNull("toBlock") ? blockNumber(f.get("toBlock")) : head;
    }
    if (from > to) {
      throw new RpcError(INVALID_PARAMS, "fromBlock " + from + " is after toBlock " + to);
    }
    if (to - from + 1 > MAX_LOG_BLOCKS) {
      throw new RpcError(
          SERVER_ERROR, "a query spans at most " + MAX_LOG_BLOCKS + " blocks; narrow the range");
    }
    Set<String> addresses = new java.util.TreeSet<>();
    JsonNode a = f.get("address");
    if (a != null && !a.isNull()) {
      for (JsonNode one : a.isArray() ? a : F.arrayNode().add(a)) {
        addresses.add(address(one).toString());
      }
    }
    List<Set<String>> topics = new ArrayList<>();
    JsonNode ts = f.get("topics");
    if (ts != null && !ts.isNull()) {
      if (!ts.isArray() || ts.size() > 4) {
        throw new RpcError(INVALID_PARAMS, "topics is an array of at most 4 entries");
      }
      for (JsonNode t : ts) {
        Set<String> any = new java.util.TreeSet<>();
        if (!t.isNull()) {
          for (JsonNode one : t.isArray() ? t : F.arrayNode().add(t)) {
            byte[] b = data(one, "a topic");
            if (b.length != 32) {
              throw new RpcError(INVALID_PARAMS, "a topic is 32 bytes");
            }
            any.add(EvmRuns.hex(b));
          }
        }
        topics.add(any);
      }
    }
    ArrayNode out = F.arrayNode();
    for (long h = from; h <= to; h++) {
      List<EvmTx> txs = evmTxs(h);
      if (txs.isEmpty()) {
        continue;
      }
      String blockHash = hashHex(node.reads().blockHash(h).orElseThrow());
      int logIndex = 0;
      for (EvmTx t : txs) {
        if (t.receipt() == null || !t.receipt().succeeded()) {
          continue;
        }
        for (Event e : t.receipt().events()) {
          if (!isLog(e)) {
            continue;
          }
          int index = logIndex++;
          if (!addresses.isEmpty() && !addresses.contains(e.attribute("address").orElse(""))) {
            continue;
          }
          if (!topicsMatch(e, topics)) {
            continue;
          }
          if (out.size() >= MAX_LOGS) {
            throw new RpcError(
                SERVER_ERROR, "more than " + MAX_LOGS + " logs match; narrow the query");
          }
          out.add(logJson(e, t, blockHash, index));
        }
      }
    }
    return out;
  }

  private static boolean topicsMatch(Event e, List<Set<String>> topics) {
    for (int i = 0; i < topics.size(); i++) {
      Set<String> any = topics.get(i);
      if (any.isEmpty()) {
        continue;
      }
      Optional<String> t = e.attribute("topic" + i);
      if (t.isEmpty() || !any.contains(t.get())) {
        return false;
      }
    }
    return true;
  }

  private static String hashHex(Hash h) {
    return "0x" + h.toHex();
  }
}
