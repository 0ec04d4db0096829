package org.jingchain.contracts;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jingchain.evm.Evm;
import org.jingchain.evm.Gas;
import org.jingchain.evm.Precompiles;
import org.jingchain.evm.abi.AbiCodec;
import org.jingchain.evm.abi.AbiException;
import org.jingchain.evm.abi.AbiType;

/**
 * A platform precompile that Solidity calls through an interface [EVM-PRE-2]: the input is an ABI
 * function call (selector then arguments), the output its ABI-encoded results. An unknown selector
 * or malformed arguments revert with {@code Error(string)} naming the problem, so the calling
 * contract (and the receipt, when it does not catch it) says what was wrong; running out of gas
 * halts as any call does.
 */
final class NativeContract implements Precompiles.Precompile {
  /** What a function computes from its decoded arguments. */
  @FunctionalInterface
  interface Body {
    List<Object> apply(List<Object> args) throws Refusal;
  }

  /** A refusal with a reason the caller gets as {@code Error(string)}. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One function: its signature, input and output types, gas (a base plus {@code perWord} for each
   * 32-byte word of input), and body.
   */
  record Function(
      String signature,
      List<AbiType> inputs,
      List<AbiType> outputs,
      long baseGas,
      long perWord,
      Body body) {}

  private final String name;
  private final Map<String, Function> bySelector = new TreeMap<>();

  NativeContract(String name, List<Function> functions) {
    this.name = name;
    for (Function f : functions) {
      String sel = HexFormat.of().formatHex(selector(f.signature()));
      if (bySelector.put(sel, f) != null) {
        throw new IllegalArgumentException("two functions with selector " + sel);
      }
    }
  }

  static byte[] selector(String signature) {
    return AbiCodec.selector(signature);
  }

  static Function fn(String signature, String outputs, long baseGas, long perWord, Body body) {
    String params = signature.substring(signature.indexOf('(') + 1, signature.length() - 1);
    return new Function(signature, types(params), types(outputs), baseGas, perWord, body);
  }

  private static List<AbiType> types(String list) {
    return AbiType.splitTopLevel(list).stream().map(AbiType::parse).toList();
  }

  @Override
  public Evm.Result run(byte[] input, long gas) {
    long cost = Gas.WARM_ACCESS;
    if (input.length < 4) {
      return charge(cost, gas, name + ": no function selector");
    }
    Function f = bySelector.get(HexFormat.of().formatHex(input, 0, 4));
    if (f == null) {
      return charge(cost, gas, name + ": no function 0x" + HexFormat.of().formatHex(input, 0, 4));
    }
    cost = f.baseGas() + f.perWord() * Gas.words(input.length);
    if (cost > gas) {
      return Evm.Result.halt(Evm.Halt.OUT_OF_GAS);
    }
    List<Object> args;
    try {
      args = AbiCodec.decode(f.inputs(), Arrays.copyOfRange(input, 4, input.length));
    } catch (AbiException e) {
      return revert(
          gas - cost, name + "." + f.signature() + ": malformed arguments: " + e.getMessage());
    }
    try {
      byte[] out = AbiCodec.encode(f.outputs(), f.body().apply(args));
      return new Evm.Result(Evm.Status.SUCCESS, gas - cost, out, null, null);
    } catch (Refusal r) {
      return revert(gas - cost, name + "." + f.signature() + ": " + r.getMessage());
    }
  }

  private static Evm.Result charge(long cost, long gas, String reason) {
    if (cost > gas) {
      return Evm.Result.halt(Evm.Halt.OUT_OF_GAS);
    }
    return revert(gas - cost, reason);
  }

  /** REVERT with Solidity's {@code Error(string)}. */
  static Evm.Result revert(long gasLeft, String reason) {
    byte[] body = AbiCodec.encode(List.of(AbiType.parse("string")), List.of(reason));
    byte[] out = new byte[4 + body.length];
    System.arraycopy(selector("Error(string)"), 0, out, 0, 4);
    System.arraycopy(body, 0, out, 4, body.length);
    return new Evm.Result(Evm.Status.REVERT, gasLeft, out, null, null);
  }
}
