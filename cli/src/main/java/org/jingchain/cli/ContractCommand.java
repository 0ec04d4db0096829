package org.jingchain.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jingchain.contracts.EvmAddresses;
import org.jingchain.contracts.EvmCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.evm.abi.AbiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.abi.Abi;
import org.jingchain.sdk.model.EvmAccount;
import org.jingchain.sdk.model.EvmCallResult;
import org.jingchain.sdk.model.EvmSlot;
import org.jingchain.types.PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jing contract deploy|send|call|show|storage|logs|abi}: Solidity contracts on the EVM. */
@Command(
    name = "contract",
    description =
        "Smart contracts: deploy solc's output, send transactions to contracts, call them"
            + " read-only, read their storage and logs.",
    subcommands = {
      ContractCommand.Deploy.class,
      ContractCommand.Send.class,
      ContractCommand.CallCmd.class,
      ContractCommand.Show.class,
      ContractCommand.Storage.class,
      ContractCommand.Logs.class,
      ContractCommand.AbiCmd.class
    })
final class ContractCommand {
  private ContractCommand() {}

  /** What to call: raw calldata, or a function of an ABI with its arguments. */
  static final class Target {
    @Option(
        names = "--abi",
        description = "The contract's ABI (solc --abi output, or an artifact).")
    Path abi;

    @Option(
        names = "--function",
        description = "Function to call: its name, or its signature when overloaded.")
    String function;

    @Option(
        names = "--args",
        arity = "0..*",
        description =
            "The function's (or constructor's) arguments, one per parameter: numbers, 0x"
                + " addresses and bytes, text, JSON arrays for arrays and tuples.")
    List<String> args = new ArrayList<>();

    @Option(names = "--data", description = "Raw calldata, 0x-hex (instead of --abi/--function).")
    String data;

    Abi loadAbi() {
      return abi == null ? null : readAbi(abi);
    }

    /** The calldata, and the function when an ABI named one. */
    Optional<Abi.Entry> entry(Abi a) {
      if (data != null) {
        if (function != null) {
          throw new CliException("give either --data or --function, not both");
        }
        return Optional.empty();
      }
      if (a == null || function == null) {
        throw new CliException("give --data, or --abi and --function");
      }
      try {
        return Optional.of(a.function(function));
      } catch (AbiException e) {
        throw new CliException(e.getMessage());
      }
    }

    byte[] calldata(Abi a, Optional<Abi.Entry> fn) {
      if (fn.isEmpty()) {
        return hex(data, "--data");
      }
      try {
        return Abi.encodeCall(fn.get(), Abi.argsFromText(fn.get().inputs(), args));
      } catch (AbiException e) {
        throw new CliException(fn.get().signature() + ": " + e.getMessage());
      }
    }
  }

  static Abi readAbi(Path p) {
    try {
      return Abi.parse(Files.readString(p));
    } catch (IOException e) {
      throw new CliException("cannot read " + p + ": " + e.getMessage());
    } catch (AbiException e) {
      throw new CliException(p + ": " + e.getMessage());
    }
  }

  static byte[] hex(String s, String what) {
    String h = s.strip();
    if (h.startsWith("0x")) {
      h = h.substring(2);
    }
    try {
      return HexFormat.of().parseHex(h);
    } catch (IllegalArgumentException e) {
      throw new CliException(what + " must be hex");
    }
  }

  /** The 0x address of a contract given as 0x… or ji…/js…. */
  static String evmAddress(String s) {
    if (s.startsWith("j")) {
      return EvmAddresses.of(AssetCommand.address(s)).toString();
    }
    byte[] b = hex(s, "the address");
    if (b.length != 20 || !s.startsWith("0x")) {
      throw new CliException("an address is 0x and 40 hex digits, or a ji…/js… account: " + s);
    }
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  static String senderAddress(Path key) {
    PublicKey pk = Keys.publicKey(key);
    return CryptoSuites.of(pk.suite()).address(pk).toString();
  }

  /** Why a run would fail, with a custom error decoded by the ABI when it has one. */
  static String failure(EvmCallResult r, Abi abi) {
    String reason = r.reason();
    if (abi != null && "EVM_REVERT".equals(r.code()) && r.output() != null) {
      Optional<String> custom = abi.decodeError(hex(r.output(), "revert data"));
      if (custom.isPresent()) {
        reason = "reverted with " + custom.get();
      }
    }
    return r.code() + ": " + reason;
  }

  /**
   * A contract log decoded by {@code abi}: {@code 0x… Transfer(from=0x…, to=0x…, value=2500)};
   * empty for other events and for logs the ABI does not declare.
   */
  static Optional<String> logText(Abi abi, org.jingchain.sdk.model.Event e) {
    if (abi == null || !"evm".equals(e.contract()) || !"log".equals(e.type())) {
      return Optional.empty();
    }
    java.util.Map<String, String> attrs = e.attributes();
    List<byte[]> topics = new ArrayList<>();
    for (int i = 0; i < 4 && attrs.containsKey("topic" + i); i++) {
      topics.add(hex(attrs.get("topic" + i), "topic"));
    }
    if (topics.isEmpty()) {
      return Optional.empty();
    }
    Optional<Abi.Entry> ev = abi.eventByTopic(topics.get(0));
    if (ev.isEmpty()) {
      return Optional.empty();
    }
    try {
      ObjectNode d = Abi.decodeLog(ev.get(), topics, hex(attrs.getOrDefault("data", "0x"), "data"));
      return Optional.of(
          attrs.get("address")
              + " "
              + ev.get().name()
              + "("
              + Abi.argsText((ObjectNode) d.get("args"))
              + ")");
    } catch (AbiException bad) {
      return Optional.empty();
    }
  }

  /** A failed receipt's custom error ("…, data 0x…") decoded by {@code abi}. */
  static Optional<String> failureText(Abi abi, String message) {
    int at = message.indexOf(", data 0x");
    if (abi == null || at < 0) {
      return Optional.empty();
    }
    String rest = message.substring(at + ", data ".length());
    int end = rest.indexOf(' ');
    String data = end < 0 ? rest : rest.substring(0, end);
    try {
      return abi.decodeError(hex(data, "revert data")).map(e -> "error  " + e);
    } catch (CliException notHex) {
      return Optional.empty();
    }
  }

  /** Options shared by deploy and send: the gas limit, estimated unless given. */
  static final class GasOption {
    @Option(
        names = "--gas",
        description =
            "Gas limit (default: estimated by running it on the latest state, plus a margin; at"
                + " most 30000000).")
    Long gas;
  }

  /**
   * The gas limit: given, or the estimate (gas used, refunds undone, plus a quarter and 25,000 for
   * the all-but-1/64 rule of nested calls), capped at the maximum. A run that would fail stops here
   * with its reason, before anything is signed.
   */
  static long gasLimit(JingClient c, String from, String to, byte[] data, Long given, Abi abi) {
    if (given != null) {
      return given;
    }
    EvmCallResult r = c.evmCall(from, to, data, null);
    if (!r.success()) {
      throw new CliException(
          "not sent: it would fail on the latest state — "
              + failure(r, abi)
              + " (gas used "
              + r.gasUsed()
              + "); pass --gas to send it anyway");
    }
    return Math.min(EvmCalls.MAX_TX_GAS, r.gasUsed() + r.gasUsed() / 4 + 25_000);
  }

  /** {@code jing contract deploy}. */
  @Command(
      name = "deploy",
      description =
          "Deploy a contract: solc's bytecode (--bin) with the constructor's --args encoded by"
              + " --abi. Prints the transaction and the new contract's address.")
  static final class Deploy implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--bin", description = "Creation bytecode file (solc --bin output, hex).")
    Path bin;

    @Option(names = "--code", description = "Creation bytecode, hex (instead of --bin).")
    String code;

    @Option(names = "--abi", description = "The contract's ABI, to encode constructor --args.")
    Path abi;

    @Option(
        names = "--args",
        arity = "0..*",
        description = "The constructor's arguments, one per parameter (needs --abi).")
    List<String> args = new ArrayList<>();

    @Mixin GasOption gas;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if ((bin == null) == (code == null)) {
        throw new CliException("give the bytecode as --bin FILE or --code HEX");
      }
      byte[] bytecode;
      try {
        bytecode =
            hex(
                bin != null ? Files.readString(bin) : code,
                bin != null ? bin.toString() : "--code");
      } catch (IOException e) {
        throw new CliException("cannot read " + bin + ": " + e.getMessage());
      }
      Abi a = abi == null ? null : readAbi(abi);
      byte[] initCode;
      if (a != null) {
        try {
          initCode = a.encodeDeploy(bytecode, Abi.argsFromText(a.constructor().inputs(), args));
        } catch (AbiException e) {
          throw new CliException("constructor: " + e.getMessage());
        }
      } else if (!args.isEmpty()) {
        throw new CliException("--args needs --abi to encode them");
      } else {
        initCode = bytecode;
      }
      JingClient c = tx.api.client();
      String from = senderAddress(tx.key);
      long limit = gasLimit(c, from, null, initCode, gas.gas, a);
      org.jingchain.evm.Address sender = org.jingchain.evm.Address.fromHex(evmAddress(from));
      tx.eventText = e -> logText(a, e);
      tx.failureText = m -> failureText(a, m);
      return tx.send(
          EvmCalls.deploy(initCode, limit),
          spec.commandLine().getOut(),
          nonce ->
              java.util.Map.of(
                  "contract", org.jingchain.evm.Evm.createAddress(sender, nonce).toString()));
    }
  }

  /** {@code jing contract send}. */
  @Command(
      name = "send",
      description =
          "Send a transaction to a contract: a function of --abi with --args, or raw --data.")
  static final class Send implements Callable<Integer> {
    @Mixin TxOptions tx;

    @Option(names = "--to", required = true, description = "The contract: 0x… or ji…/js….")
    String to;

    @Mixin Target target;

    @Mixin GasOption gas;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Abi a = target.loadAbi();
      byte[] data = target.calldata(a, target.entry(a));
      String contract = evmAddress(to);
      JingClient c = tx.api.client();
      long limit = gasLimit(c, senderAddress(tx.key), contract, data, gas.gas, a);
      tx.eventText = e -> logText(a, e);
      tx.failureText = m -> failureText(a, m);
      return tx.send(
          EvmCalls.call(org.jingchain.evm.Address.fromHex(contract), data, limit),
          spec.commandLine().getOut());
    }
  }

  /** {@code jing contract call}. */
  @Command(
      name = "call",
      description =
          "Call a contract read-only on the latest state: nothing is signed or kept. Prints the"
              + " decoded result (with --abi) or the return data; exits 3 when it reverts.")
  static final class CallCmd implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--to", required = true, description = "The contract: 0x… or ji…/js….")
    String to;

    @Mixin Target target;

    @Option(names = "--from", description = "Caller (msg.sender): 0x… or ji…/js… (default 0x0).")
    String from;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Abi a = target.loadAbi();
      Optional<Abi.Entry> fn = target.entry(a);
      byte[] data = target.calldata(a, fn);
      EvmCallResult r =
          api.client().evmCall(from == null ? null : evmAddress(from), evmAddress(to), data, null);
      PrintWriter out = spec.commandLine().getOut();
      if (!r.success()) {
        ObjectNode o = ApiOptions.JSON.valueToTree(r);
        o.put("failure", failure(r, a));
        api.print(out, o, "FAILED " + failure(r, a) + " (gas used " + r.gasUsed() + ")");
        return 3;
      }
      if (fn.isPresent()) {
        ObjectNode decoded;
        try {
          decoded = Abi.outputsJson(fn.get(), hex(r.output(), "output"));
        } catch (AbiException e) {
          throw new CliException(
              "the contract returned "
                  + r.output()
                  + ", which is not "
                  + fn.get().outputs()
                  + ": "
                  + e.getMessage());
        }
        StringBuilder human = new StringBuilder();
        if (decoded.size() == 1) {
          JsonNode only = decoded.elements().next();
          human.append(only.isTextual() ? only.asText() : only.toString());
        } else {
          decoded
              .properties()
              .forEach(
                  e ->
                      human
                          .append(human.isEmpty() ? "" : "\n")
                          .append(e.getKey())
                          .append(" = ")
                          .append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue()));
        }
        ObjectNode o = ApiOptions.JSON.createObjectNode();
        o.set("result", decoded);
        o.put("output", r.output());
        o.put("gasUsed", r.gasUsed());
        api.print(out, o, human.isEmpty() ? "(no outputs)" : human.toString());
      } else {
        api.print(out, r, r.output());
      }
      return 0;
    }
  }

  /** {@code jing contract show}. */
  @Command(name = "show", description = "Show a contract: its nonce, code size and code hash.")
  static final class Show implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--address", required = true, description = "The contract: 0x… or ji…/js….")
    String address;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      EvmAccount a = api.client().evmAccount(evmAddress(address));
      api.print(
          spec.commandLine().getOut(),
          a,
          String.format(
              "contract  %s%naccount   %s%nnonce     %d%ncode      %d bytes, keccak256 %s%nchain id  %d (EVM)",
              a.address(), a.account(), a.nonce(), a.codeSize(), a.codeHash(), a.evmChainId()));
      return 0;
    }
  }

  /** {@code jing contract storage}. */
  @Command(
      name = "storage",
      description =
          "Read one storage slot of a contract, and the state key whose proof (jing state get"
              + " --key … --genesis …) proves it.")
  static final class Storage implements Callable<Integer> {
    @Mixin ApiOptions api;

    @Option(names = "--address", required = true, description = "The contract: 0x… or ji…/js….")
    String address;

    @Option(names = "--slot", required = true, description = "The slot, 0x-hex (up to 32 bytes).")
    String slot;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      String s = slot.startsWith("0x") ? slot : "0x" + slot;
      EvmSlot v = api.client().evmStorage(evmAddress(address), s);
      api.print(
          spec.commandLine().getOut(),
          v,
          String.format(
              "slot      %s%nvalue     %s%nstate key %s", v.slot(), v.value(), v.stateKey()));
      return 0;
    }
  }

  /** {@code jing contract logs}. */
  @Command(
      name = "logs",
      description =
          "The logs contracts emitted in a range of blocks (default the last 100), oldest first;"
              + " with --abi each is decoded by its event.")
  static final class Logs implements Callable<Integer> {
    static final int MAX_RANGE = 10_000;

    @Mixin ApiOptions api;

    @Option(names = "--address", description = "Only logs of this contract: 0x… or ji…/js….")
    String address;

    @Option(names = "--event", description = "Only this event of --abi (name or signature).")
    String event;

    @Option(names = "--abi", description = "ABI to decode the logs with.")
    Path abi;

    @Option(names = "--from-block", description = "First block (default: 99 before the last).")
    Long fromBlock;

    @Option(names = "--to-block", description = "Last block (default: the latest).")
    Long toBlock;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      JingClient c = api.client();
      Abi a = abi == null ? null : readAbi(abi);
      String only = address == null ? null : evmAddress(address);
      byte[] topic0 = null;
      if (event != null) {
        if (a == null) {
          throw new CliException("--event needs --abi");
        }
        try {
          topic0 = a.event(event).topic();
        } catch (AbiException e) {
          throw new CliException(e.getMessage());
        }
      }
      long head = c.status().height();
      long to = toBlock == null ? head : Math.min(toBlock, head);
      long from = fromBlock == null ? Math.max(1, to - 99) : fromBlock;
      if (from > to) {
        throw new CliException("--from-block " + from + " is after --to-block " + to);
      }
      if (to - from + 1 > MAX_RANGE) {
        throw new CliException("at most " + MAX_RANGE + " blocks at a time; narrow the range");
      }
      ArrayNode logs = ApiOptions.JSON.createArrayNode();
      StringBuilder human = new StringBuilder();
      String t0 = topic0 == null ? null : "0x" + HexFormat.of().formatHex(topic0);
      for (long h = from; h <= to; h++) {
        org.jingchain.sdk.model.Block block = c.block(Long.toString(h));
        for (int t = 0; t < block.receipts().size(); t++) {
          org.jingchain.sdk.model.Receipt receipt = block.receipts().get(t);
          String txHash = block.transactions().get(t).hash();
          for (org.jingchain.sdk.model.Event e : receipt.events()) {
            if (!"evm".equals(e.contract()) || !"log".equals(e.type())) {
              continue;
            }
            java.util.Map<String, String> attrs = e.attributes();
            String addr = attrs.get("address");
            if (only != null && !only.equals(addr)) {
              continue;
            }
            if (t0 != null && !t0.equals(attrs.get("topic0"))) {
              continue;
            }
            ObjectNode l = logs.addObject();
            l.put("block", h);
            l.put("tx", txHash);
            l.put("address", addr);
            List<byte[]> topics = new ArrayList<>();
            ArrayNode ts = l.putArray("topics");
            for (int i = 0; i < 4 && attrs.containsKey("topic" + i); i++) {
              ts.add(attrs.get("topic" + i));
              topics.add(hex(attrs.get("topic" + i), "topic"));
            }
            String data = attrs.getOrDefault("data", "0x");
            l.put("data", data);
            String line = "block " + h + " " + addr + " " + ts + " " + data;
            if (a != null && !topics.isEmpty()) {
              var ev = a.eventByTopic(topics.get(0));
              if (ev.isPresent()) {
                try {
                  ObjectNode d = Abi.decodeLog(ev.get(), topics, hex(data, "data"));
                  l.set("decoded", d);
                  line =
                      "block "
                          + h
                          + " "
                          + addr
                          + " "
                          + ev.get().name()
                          + "("
                          + Abi.argsText((ObjectNode) d.get("args"))
                          + ")";
                } catch (AbiException bad) {
                  l.put("decodeError", bad.getMessage());
                }
              }
            }
            human.append(human.isEmpty() ? "" : "\n").append(line);
          }
        }
      }
      api.print(
          spec.commandLine().getOut(),
          logs,
          human.isEmpty() ? "no logs in blocks " + from + ".." + to : human.toString());
      return 0;
    }
  }

  /** {@code jing contract abi}. */
  @Command(
      name = "abi",
      description = "List an ABI's functions with their selectors and events with their topics.")
  static final class AbiCmd implements Callable<Integer> {
    @Option(names = "--abi", required = true, description = "The ABI file.")
    Path abi;

    @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
    boolean json;

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Abi a = readAbi(abi);
      ArrayNode arr = ApiOptions.JSON.createArrayNode();
      StringBuilder human = new StringBuilder();
      for (Abi.Entry e : a.entries()) {
        if (!List.of("function", "event", "error", "constructor").contains(e.kind())) {
          continue;
        }
        ObjectNode o = arr.addObject();
        o.put("kind", e.kind());
        o.put(
            "signature",
            e.kind().equals("constructor") ? "constructor" + e.signature() : e.signature());
        String id =
            switch (e.kind()) {
              case "event" -> "0x" + HexFormat.of().formatHex(e.topic());
              case "constructor" -> "";
              default -> "0x" + HexFormat.of().formatHex(e.selector());
            };
        if (!id.isEmpty()) {
          o.put(e.kind().equals("event") ? "topic" : "selector", id);
        }
        if (e.kind().equals("function")) {
          o.put("stateMutability", e.stateMutability());
          o.put("returns", e.outputs().toString());
        }
        human
            .append(human.isEmpty() ? "" : "\n")
            .append(
                String.format(
                    "%-11s %-10s %s",
                    e.kind(),
                    id.length() > 10 ? id.substring(0, 10) : id,
                    o.get("signature").asText()))
            .append(
                e.kind().equals("function")
                    ? " "
                        + e.stateMutability()
                        + (e.outputs().isEmpty() ? "" : " returns " + e.outputs())
                    : "");
      }
      ApiOptions.print(spec.commandLine().getOut(), json, arr, human.toString());
      return 0;
    }
  }
}
