package org.jingchain.contracts;

import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.evm.Address;
import org.jingchain.evm.Gas;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;

/**
 * The {@code evm} contract's methods and their canonical argument encodings [EVM-TX-1]; clients
 * build calls here and the contract decodes them here.
 *
 * <ul>
 *   <li>{@code deploy(initCode bytes, gasLimit u64)} — creates a contract at {@code
 *       keccak256(rlp([sender, nonce]))[12:]}, the nonce being the transaction's own;
 *   <li>{@code call(to 20 bytes, data bytes, gasLimit u64)} — calls a contract.
 * </ul>
 */
public final class EvmCalls {
  public static final String CONTRACT = "evm";
  public static final String DEPLOY = "deploy";
  public static final String CALL = "call";

  /** The most gas one transaction may ask for [EVM-TX-2]. */
  public static final long MAX_TX_GAS = 30_000_000;

  /** deploy(initCode, gasLimit). */
  public record Deploy(byte[] initCode, long gasLimit) {}

  /** call(to, data, gasLimit). */
  public record Invoke(Address to, byte[] data, long gasLimit) {}

  private EvmCalls() {}

  public static Call deploy(byte[] initCode, long gasLimit) {
    return call(DEPLOY, new Encoder().bytes(initCode).u64(gasLimit));
  }

  public static Call call(Address to, byte[] data, long gasLimit) {
    return call(CALL, new Encoder().raw(to.toBytes()).bytes(data).u64(gasLimit));
  }

  private static Call call(String method, Encoder args) {
    return new Call(CONTRACT, method, Bytes.wrap(args.toByteArray()));
  }

  /** What an {@code evm} call asks: the target (null for a deployment), its data, its gas. */
  record Request(Address to, byte[] data, long gasLimit) {}

  /**
   * Decodes the arguments of {@code method}; empty for a method the contract does not have.
   *
   * @throws org.jingchain.codec.DecodeException for malformed arguments
   */
  static java.util.Optional<Request> decode(String method, Bytes args) {
    return switch (method) {
      case DEPLOY -> {
        Deploy d = decodeDeploy(args);
        yield java.util.Optional.of(new Request(null, d.initCode(), d.gasLimit()));
      }
      case CALL -> {
        Invoke c = decodeInvoke(args);
        yield java.util.Optional.of(new Request(c.to(), c.data(), c.gasLimit()));
      }
      default -> java.util.Optional.empty();
    };
  }

  static Deploy decodeDeploy(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    Deploy c = new Deploy(d.bytes("initCode", Gas.MAX_INITCODE_SIZE), d.u64("gasLimit"));
    d.finish("deploy args");
    return c;
  }

  static Invoke decodeInvoke(Bytes args) {
    Decoder d = new Decoder(args.unsafeArray());
    Invoke c =
        new Invoke(
            Address.of(d.raw(Address.LENGTH, "to")),
            d.bytes("data", org.jingchain.types.Limits.MAX_ARGS_BYTES),
            d.u64("gasLimit"));
    d.finish("call args");
    return c;
  }
}
