package org.jingchain.contracts;

import java.util.HexFormat;
import java.util.List;
import org.jingchain.evm.Address;
import org.jingchain.evm.BlockContext;
import org.jingchain.evm.Evm;
import org.jingchain.evm.Gas;
import org.jingchain.evm.Precompiles;
import org.jingchain.evm.TxState;
import org.jingchain.evm.UInt256;
import org.jingchain.execution.StateReader;
import org.jingchain.types.BlockHeader;

/**
 * Runs one contract transaction — or a read-only call, which is the same run whose changes are
 * thrown away — over a state [EVM-TX-3]. Shared by the {@code evm} contract and the API's {@code
 * POST /evm/call}, so a simulated call uses exactly the gas a transaction would.
 */
public final class EvmRuns {
  /** The block gas limit GASLIMIT reports [EVM-CTX-1]. */
  public static final long BLOCK_GAS_LIMIT = 30_000_000;

  private EvmRuns() {}

  /** What a run came to. {@code gasUsed} includes the intrinsic cost, less the capped refund. */
  public record Outcome(
      Evm.Status status,
      Evm.Halt halt,
      long gasUsed,
      byte[] output,
      Address created,
      List<TxState.Log> logs,
      TxState state) {
    public boolean success() {
      return status == Evm.Status.SUCCESS;
    }

    /** The failure in words: the decoded revert reason, or the halt. */
    public String failure() {
      return switch (status) {
        case SUCCESS -> "";
        case REVERT -> RevertReasons.describe(output);
        case HALT -> "halted: " + halt.name().toLowerCase().replace('_', ' ');
      };
    }

    /** The receipt code of a failure. */
    public String code() {
      return switch (status) {
        case SUCCESS -> "";
        case REVERT -> "EVM_REVERT";
        case HALT -> "EVM_" + halt.name();
      };
    }
  }

  /** Refused before running: the gas limit is below the intrinsic cost or above the maximum. */
  public static final class GasLimitException extends Exception {
    private static final long serialVersionUID = 1L;

    GasLimitException(String message) {
      super(message, null, false, false);
    }
  }

  /** The block context of a transaction in the block {@code header} on chain {@code chainId}. */
  public static BlockContext context(BlockHeader header, long evmChainId) {
    long height = header.height();
    UInt256 parent = UInt256.fromBytes(header.parentHash().toByteArray());
    return new BlockContext(
        height,
        header.timestampMillis() / 1000,
        BLOCK_GAS_LIMIT,
        Address.ZERO,
        UInt256.ZERO,
        UInt256.ZERO,
        UInt256.ONE,
        UInt256.of(evmChainId),
        n -> n == height - 1 ? parent : UInt256.ZERO);
  }

  /**
   * Runs a deployment ({@code to} null, {@code data} the init code) or a call, from {@code sender}
   * whose transaction carries {@code nonce}.
   */
  public static Outcome run(
      StateReader state,
      BlockContext block,
      Precompiles precompiles,
      Address sender,
      long nonce,
      Address to,
      byte[] data,
      long gasLimit)
      throws GasLimitException {
    boolean deploying = to == null;
    long intrinsic = Gas.intrinsic(data, deploying);
    if (gasLimit > EvmCalls.MAX_TX_GAS) {
      throw new GasLimitException(
          "gas limit " + gasLimit + " is above the maximum of " + EvmCalls.MAX_TX_GAS);
    }
    if (gasLimit < intrinsic) {
      throw new GasLimitException(
          "gas limit " + gasLimit + " is below this transaction's intrinsic cost of " + intrinsic);
    }
    TxState tx = new TxState(EvmStore.view(state));
    Evm evm = new Evm(tx, block, new Evm.TxEnv(sender, UInt256.ZERO, List.of()), precompiles);
    Address target = deploying ? Evm.createAddress(sender, nonce) : to;
    evm.prewarm(sender, target);
    long gas = gasLimit - intrinsic;
    Evm.Result r =
        deploying
            ? evm.create(sender, target, UInt256.ZERO, data, gas)
            : evm.call(sender, to, UInt256.ZERO, data, gas);
    long used = gasLimit - r.gasLeft();
    if (r.success()) {
      used -= Math.min(Math.max(tx.refund(), 0), used / Gas.MAX_REFUND_QUOTIENT);
    }
    return new Outcome(
        r.status(),
        r.halt(),
        used,
        r.output(),
        deploying && r.success() ? target : null,
        r.success() ? tx.logs() : List.of(),
        tx);
  }

  static String hex(byte[] b) {
    return "0x" + HexFormat.of().formatHex(b);
  }
}
