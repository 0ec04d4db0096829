package org.jingchain.evm;

/**
 * The gas schedule: Ethereum's as of the Cancun fork [EVM-GAS-1], every figure named here and in
 * docs/spec/evm.md. Changing one is a protocol change.
 */
public final class Gas {
  private Gas() {}

  public static final long ZERO = 0;
  public static final long BASE = 2;
  public static final long VERY_LOW = 3;
  public static final long LOW = 5;
  public static final long MID = 8;
  public static final long HIGH = 10;
  public static final long JUMPDEST = 1;
  public static final long EXP = 10;
  public static final long EXP_BYTE = 50;
  public static final long KECCAK = 30;
  public static final long KECCAK_WORD = 6;
  public static final long COPY_WORD = 3;
  public static final long MEMORY_WORD = 3;
  public static final long QUAD_DIVISOR = 512;
  public static final long BLOCKHASH = 20;
  public static final long SELFBALANCE = 5;
  public static final long WARM_ACCESS = 100;
  public static final long COLD_ACCOUNT_ACCESS = 2600;
  public static final long COLD_SLOAD = 2100;
  public static final long SSTORE_SET = 20000;
  public static final long SSTORE_RESET = 5000 - COLD_SLOAD;
  public static final long SSTORE_CLEARS_REFUND = 4800;

  /** SSTORE fails outright when no more than this is left (EIP-2200). */
  public static final long SSTORE_SENTRY = 2300;

  public static final long TRANSIENT = 100;
  public static final long LOG = 375;
  public static final long LOG_TOPIC = 375;
  public static final long LOG_BYTE = 8;
  public static final long CREATE = 32000;
  public static final long INITCODE_WORD = 2;
  public static final long CODE_DEPOSIT_BYTE = 200;
  public static final long CALL_VALUE = 9000;
  public static final long CALL_STIPEND = 2300;
  public static final long NEW_ACCOUNT = 25000;
  public static final long SELFDESTRUCT = 5000;

  /** Transaction-level: the intrinsic cost of any transaction, of creation, of calldata. */
  public static final long TX = 21000;

  public static final long TX_CREATE = 32000;
  public static final long TX_DATA_ZERO = 4;
  public static final long TX_DATA_NONZERO = 16;

  /** The refund is capped at a fifth of the gas used (EIP-3529). */
  public static final long MAX_REFUND_QUOTIENT = 5;

  public static final int MAX_CODE_SIZE = 24576;
  public static final int MAX_INITCODE_SIZE = 2 * MAX_CODE_SIZE;
  public static final int MAX_CALL_DEPTH = 1024;
  public static final int STACK_LIMIT = 1024;

  /** The total cost of {@code words} 32-byte words of memory. */
  public static long memory(long words) {
    return MEMORY_WORD * words + words * words / QUAD_DIVISOR;
  }

  public static long words(long bytes) {
    return (bytes + 31) >>> 5;
  }

  /** All but one 64th (EIP-150): the most a call may forward. */
  public static long allButOne64th(long gas) {
    return gas - gas / 64;
  }

  /** The intrinsic gas of a transaction with this calldata (and init code if it creates). */
  public static long intrinsic(byte[] data, boolean create) {
    long g = TX;
    for (byte b : data) {
      g += b == 0 ? TX_DATA_ZERO : TX_DATA_NONZERO;
    }
    if (create) {
      g += TX_CREATE + INITCODE_WORD * words(data.length);
    }
    return g;
  }
}
