package org.jingchain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jingchain.evm.Account;
import org.jingchain.evm.Address;
import org.jingchain.evm.BlockContext;
import org.jingchain.evm.Evm;
import org.jingchain.evm.Precompiles;
import org.jingchain.evm.TxState;
import org.jingchain.evm.UInt256;
import org.jingchain.evm.WorldView;
import org.jingchain.evm.abi.AbiCodec;

/**
 * The interpreter benchmark ({@code bin/bench evm-interp}): SHA-256 written in Solidity
 * (evm-tests/contracts/Sha256Bench.sol) run warm on this EVM and on @ethereumjs/evm through
 * Node.js, on the same machine in the same run, with the same answer checked on both and against
 * the sha256 precompile. Options: {@code --rounds R} (digests per call, default 20), {@code
 * --iterations N} (measured calls, default 30), {@code --warmup W} (default 10).
 */
public final class EvmInterpreterBench {
  private static final HexFormat HEX = HexFormat.of();
  private static final Address CONTRACT = Address.ofNumber(0xaa);
  private static final Address CALLER = Address.ofNumber(0xca);
  private static final long GAS = 1_000_000_000L;

  private EvmInterpreterBench() {}

  /** A world of one contract, in memory. */
  private record World(Map<Address, Account> accounts) implements WorldView {
    @Override
    public Account account(Address a) {
      return accounts.get(a);
    }

    @Override
    public UInt256 storage(Address a, UInt256 key) {
      return UInt256.ZERO;
    }
  }

  private static Evm evm(World w) {
    BlockContext block =
        new BlockContext(
            1,
            1,
            GAS,
            Address.ZERO,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ONE,
            UInt256.of(1337),
            n -> UInt256.ZERO);
    return new Evm(
        new TxState(w),
        block,
        new Evm.TxEnv(CALLER, UInt256.ZERO, List.of()),
        Precompiles.standard());
  }

  private static Evm.Result call(World w, byte[] data) {
    Evm e = evm(w);
    e.prewarm(CALLER, CONTRACT);
    Evm.Result r = e.call(CALLER, CONTRACT, UInt256.ZERO, data, GAS);
    if (!r.success()) {
      throw new IllegalStateException(
          "the benchmark contract failed: " + r.status() + " " + r.halt());
    }
    return r;
  }

  public static void main(String[] args) throws Exception {
    int rounds = 20;
    int iterations = 30;
    int warmup = 10;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    byte[] creation;
    try (var in = EvmInterpreterBench.class.getResourceAsStream("Sha256Bench.bin")) {
      creation = HEX.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    }
    World empty = new World(new TreeMap<>());
    Evm deployer = evm(empty);
    Evm.Result deployed = deployer.create(CALLER, CONTRACT, UInt256.ZERO, creation, GAS);
    if (!deployed.success()) {
      throw new IllegalStateException("deployment failed: " + deployed.halt());
    }
    byte[] runtime = deployed.output();
    World w = new World(Map.of(CONTRACT, new Account(1, UInt256.ZERO, runtime)));
    byte[] data = AbiCodec.call("run(uint256)", BigInteger.valueOf(rounds));
    byte[] expected =
        call(w, AbiCodec.call("viaPrecompile(uint256)", BigInteger.valueOf(rounds))).output();

    for (int i = 0; i < warmup; i++) {
      call(w, data);
    }
    long t = System.nanoTime();
    Evm.Result last = null;
    for (int i = 0; i < iterations; i++) {
      last = call(w, data);
    }
    double ours = (System.nanoTime() - t) / 1e9;
    long gasPerCall = GAS - last.gasLeft();
    if (!java.util.Arrays.equals(last.output(), expected)) {
      throw new IllegalStateException("Solidity SHA-256 differs from the precompile's");
    }

    Path dir = evmTests();
    if (!Files.isDirectory(dir.resolve("node_modules/@ethereumjs/evm"))) {
      run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"));
    }
    JsonNode theirs =
        new ObjectMapper()
            .readTree(
                run(
                    dir,
                    List.of(
                        "node",
                        dir.resolve("interp-bench.mjs").toString(),
                        "0x" + HEX.formatHex(runtime),
                        "0x" + HEX.formatHex(data),
                        Integer.toString(iterations),
                        Integer.toString(warmup))));
    if (!theirs.get("output").asText().equals("0x" + HEX.formatHex(last.output()))
        || theirs.get("gasPerCall").asLong() != gasPerCall) {
      throw new IllegalStateException("the two EVMs disagree: " + theirs);
    }
    double js = theirs.get("seconds").asDouble();
    System.out.printf(
        Locale.ROOT,
        "=== EVM interpreter: SHA-256 in Solidity, %d digests of 200 bytes per call, %,d gas per call"
            + " ===%n",
        rounds,
        gasPerCall);
    print("jingchain evm", iterations, ours, gasPerCall);
    print("@ethereumjs/evm 10.1.3", iterations, js, gasPerCall);
    System.out.printf(
        Locale.ROOT, "ratio            %.1fx faster than @ethereumjs/evm%n", js / ours);
  }

  private static void print(String who, int iterations, double seconds, long gasPerCall) {
    System.out.printf(
        Locale.ROOT,
        "%-24s %,8.1f calls/s  %,8.1f Mgas/s  (%d calls in %.2f s)%n",
        who,
        iterations / seconds,
        iterations * (double) gasPerCall / seconds / 1e6,
        iterations,
        seconds);
  }

  private static Path evmTests() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("evm-tests"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "no evm-tests directory above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("evm-tests");
  }

  private static String run(Path dir, List<String> cmd) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(new ArrayList<>(cmd))
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
    return out;
  }
}
