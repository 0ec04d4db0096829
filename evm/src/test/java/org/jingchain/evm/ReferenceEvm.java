package org.jingchain.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jingchain.testkit.NodeTools;

/**
 * The independent EVM the differential tests compare against: {@code @ethereumjs/evm}, run by
 * Node.js through evm-tests/run.mjs (see its header for exactly what a case runs). Without Node.js
 * the tests are skipped, loudly ({@link NodeTools}); .ci/run installs it.
 */
final class ReferenceEvm {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HexFormat HEX = HexFormat.of();

  private ReferenceEvm() {}

  /** Runs the cases on @ethereumjs/evm; one result per case, in order. */
  static List<JsonNode> run(List<ObjectNode> cases) throws IOException, InterruptedException {
    Path in = Files.createTempFile("evm-cases", ".json");
    try {
      ArrayNode arr = JSON.createArrayNode();
      arr.addAll(cases);
      JSON.writeValue(in.toFile(), arr);
      JsonNode results = JSON.readTree(NodeTools.run("run.mjs", in.toString()));
      List<JsonNode> list = new ArrayList<>();
      results.forEach(list::add);
      if (list.size() != cases.size()) {
        throw new IllegalStateException(
            "reference answered " + list.size() + " results for " + cases.size() + " cases");
      }
      return list;
    } finally {
      Files.deleteIfExists(in);
    }
  }

  // ---- running a case on our EVM, answering in the reference's format ----

  static String hex(byte[] b) {
    return "0x" + HEX.formatHex(b);
  }

  static byte[] bytes(String hex) {
    return HEX.parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
  }

  static UInt256 word(JsonNode n) {
    return n == null || n.isNull() ? UInt256.ZERO : UInt256.fromHex(n.asText());
  }

  /** A map-backed world built from a case's accounts. */
  static final class MapWorld implements WorldView {
    final NavigableMap<Address, Account> accounts = new TreeMap<>();
    final NavigableMap<Address, NavigableMap<UInt256, UInt256>> storage = new TreeMap<>();

    @Override
    public Account account(Address a) {
      return accounts.get(a);
    }

    @Override
    public UInt256 storage(Address a, UInt256 key) {
      return storage.getOrDefault(a, new TreeMap<>()).getOrDefault(key, UInt256.ZERO);
    }
  }

  /** Runs one case on our EVM and answers as run.mjs does. */
  static ObjectNode runOurs(JsonNode c) {
    MapWorld world = new MapWorld();
    for (JsonNode a : c.get("accounts")) {
      Address addr = Address.fromHex(a.get("address").asText());
      world.accounts.put(
          addr,
          new Account(
              word(a.get("nonce")).longValue(),
              word(a.get("balance")),
              a.has("code") ? bytes(a.get("code").asText()) : new byte[0]));
      NavigableMap<UInt256, UInt256> slots = new TreeMap<>();
      if (a.has("storage")) {
        a.get("storage")
            .fields()
            .forEachRemaining(e -> slots.put(UInt256.fromHex(e.getKey()), word(e.getValue())));
      }
      world.storage.put(addr, slots);
    }
    JsonNode b = c.get("block");
    long number = word(b.get("number")).longValue();
    BlockContext block =
        new BlockContext(
            number,
            word(b.get("timestamp")).longValue(),
            word(b.get("gasLimit")).longValue(),
            Address.fromHex(b.get("coinbase").asText()),
            word(b.get("prevRandao")),
            word(b.get("baseFee")),
            b.has("blobBaseFee") ? word(b.get("blobBaseFee")) : UInt256.ONE,
            word(b.get("chainId")),
            n -> UInt256.fromBytes(Keccak.hash(UInt256.of(n).toBytes())));
    JsonNode call = c.get("call");
    Address caller = Address.fromHex(call.get("caller").asText());
    Address origin = Address.fromHex(call.get("origin").asText());
    boolean creating = !call.hasNonNull("to");
    Address to = creating ? null : Address.fromHex(call.get("to").asText());
    byte[] data = bytes(call.get("data").asText());
    long gas = word(call.get("gasLimit")).longValue();
    UInt256 value = word(call.get("value"));

    TxState state = new TxState(world);
    Evm evm =
        new Evm(
            state,
            block,
            new Evm.TxEnv(origin, word(call.get("gasPrice")), List.of()),
            Precompiles.standard());
    long nonce = state.nonce(caller);
    state.setNonce(caller, nonce + 1);
    Address target = creating ? Evm.createAddress(caller, nonce) : to;
    evm.prewarm(caller, target);
    state.prewarm(origin);
    Evm.Result r =
        creating
            ? evm.create(caller, target, value, data, gas)
            : evm.call(caller, to, value, data, gas);

    ObjectNode out = JSON.createObjectNode();
    out.put(
        "status",
        switch (r.status()) {
          case SUCCESS -> "success";
          case REVERT -> "revert";
          case HALT -> "error";
        });
    out.put(
        "error",
        r.halt() == null ? (r.status() == Evm.Status.REVERT ? "revert" : "") : r.halt().name());
    out.put("gasUsed", UInt256.of(gas - r.gasLeft()).toString());
    out.put("gasRefund", UInt256.of(r.success() ? state.refund() : 0).toString());
    out.put("returnData", hex(r.output()));
    if (r.created() != null) {
      out.put("createdAddress", r.created().toString());
    } else {
      out.putNull("createdAddress");
    }
    ArrayNode logs = out.putArray("logs");
    if (r.success()) {
      for (TxState.Log log : state.logs()) {
        ObjectNode l = logs.addObject();
        l.put("address", log.address().toString());
        ArrayNode topics = l.putArray("topics");
        log.topics().forEach(t -> topics.add(t.toPaddedHex()));
        l.put("data", hex(log.data()));
      }
    }
    // Final accounts: the input's plus every changed one, destroyed ones left out.
    Map<Address, TxState.AccountChange> changes = new TreeMap<>();
    for (TxState.AccountChange ch : state.changes()) {
      changes.put(ch.address(), ch);
    }
    NavigableMap<Address, Boolean> all = new TreeMap<>();
    world.accounts.keySet().forEach(a -> all.put(a, true));
    changes.keySet().forEach(a -> all.put(a, true));
    ArrayNode accounts = out.putArray("accounts");
    for (Address a : all.keySet()) {
      TxState.AccountChange ch = changes.get(a);
      Account acc = ch != null ? ch.account() : world.accounts.get(a);
      if (acc == null || (ch != null && ch.deleted())) {
        continue;
      }
      ObjectNode o = accounts.addObject();
      o.put("address", a.toString());
      o.put("nonce", UInt256.of(acc.nonce()).toString());
      o.put("balance", acc.balance().toString());
      o.put("code", hex(acc.code()));
      NavigableMap<UInt256, UInt256> slots =
          new TreeMap<>(world.storage.getOrDefault(a, new TreeMap<>()));
      if (ch != null) {
        slots.putAll(ch.storage());
      }
      ObjectNode st = o.putObject("storage");
      slots.forEach(
          (k, v) -> {
            if (!v.isZero()) {
              st.put(k.toPaddedHex(), v.toPaddedHex());
            }
          });
    }
    return out;
  }
}
