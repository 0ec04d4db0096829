package org.jingchain.evm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes the interpreter with arbitrary bytecode and calldata [EVM-DET-1, EVM-HALT-1]: whatever the
 * code, a run ends in a {@link Evm.Result} (never an exception), spends no more gas than it was
 * given, leaves nothing behind when it halts or reverts, and a second run from the same state gives
 * the same result. In the test command this replays the corpus; {@code JAZZER_FUZZ=1} fuzzes.
 */
class InterpreterFuzzTest {
  private static final Address TARGET = ProgramGenerator.TARGET;
  private static final Address CALLER = ProgramGenerator.CALLER;

  @FuzzTest(maxDuration = "60s")
  void anyCodeEndsInAResultWithinItsGas(FuzzedDataProvider in) {
    long gas = in.consumeLong(0, 3_000_000);
    byte[] data = in.consumeBytes(in.consumeInt(0, 200));
    byte[] code = in.consumeRemainingAsBytes();
    Run first = run(code, data, gas);
    Run second = run(code, data, gas);
    assertThat(first.result.gasLeft()).isBetween(0L, gas);
    if (!first.result.success()) {
      assertThat(first.changes).isEmpty();
      assertThat(first.state.logs()).isEmpty();
    }
    if (first.result.status() == Evm.Status.HALT) {
      assertThat(first.result.gasLeft()).isZero();
      assertThat(first.result.output()).isEmpty();
    }
    assertThat(second.result.status()).isEqualTo(first.result.status());
    assertThat(second.result.gasLeft()).isEqualTo(first.result.gasLeft());
    assertThat(second.result.output()).isEqualTo(first.result.output());
    assertThat(second.changes).isEqualTo(first.changes);
  }

  private record Run(Evm.Result result, TxState state, List<TxState.AccountChange> changes) {}

  private static Run run(byte[] code, byte[] data, long gas) {
    ReferenceEvm.MapWorld world = new ReferenceEvm.MapWorld();
    world.accounts.put(TARGET, new Account(1, UInt256.of(1000), code));
    world.accounts.put(CALLER, new Account(1, UInt256.of(1_000_000), new byte[0]));
    TxState state = new TxState(world);
    BlockContext block =
        new BlockContext(
            100,
            1_800_000_000L,
            30_000_000,
            Address.ZERO,
            UInt256.ZERO,
            UInt256.of(7),
            UInt256.ONE,
            UInt256.of(1337),
            n -> UInt256.of(n));
    Evm evm =
        new Evm(
            state, block, new Evm.TxEnv(CALLER, UInt256.ONE, List.of()), Precompiles.standard());
    evm.prewarm(CALLER, TARGET);
    Evm.Result r = evm.call(CALLER, TARGET, UInt256.ZERO, data, gas);
    return new Run(r, state, state.changes());
  }
}
