package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.sdk.XchainQueries;

/**
 * Two chains as {@code jing dev} node processes — {@code city} on {@code intl}, {@code bank} on
 * {@code sm} — linked as docs/xchain.md says: each admin creates a client of the other from its
 * genesis file and registers the path ({@code c-0} on both). City's admin holds 1,000,000 CNY (no
 * decimals); {@code bob} is an account on bank; each chain has a relayer key.
 */
final class TwoChains implements AutoCloseable {
  final Path dir;
  final Path pw;
  final NodeProcess city;
  final NodeProcess bank;
  final String cityAdmin;
  final String bankAdmin;
  final String cityAdminAddress;
  final Path bobKey;
  final String bob;

  TwoChains(Path dir) throws Exception {
    this.dir = dir;
    pw = dir.resolve("password");
    Files.writeString(pw, "xchain-it-password");
    city =
        NodeProcess.start(
            dir.resolve("city"),
            pw,
            NodeProcess.freePort(),
            "--chain-id",
            "city",
            "--suite",
            "intl");
    bank =
        NodeProcess.start(
            dir.resolve("bank"), pw, NodeProcess.freePort(), "--chain-id", "bank", "--suite", "sm");
    city.awaitReady();
    bank.awaitReady();
    cityAdmin = dir.resolve("city/validator.key").toString();
    bankAdmin = dir.resolve("bank/validator.key").toString();
    cityAdminAddress = address(cityAdmin);
    bobKey = dir.resolve("bob.key");
    bob = address(newKey(bobKey, "sm"));
    newKey(dir.resolve("relayer-city.key"), "intl");
    newKey(dir.resolve("relayer-bank.key"), "sm");
    for (var side : List.of(List.of(city, "bank", cityAdmin), List.of(bank, "city", bankAdmin))) {
      NodeProcess node = (NodeProcess) side.get(0);
      Result created =
          ok(
              node,
              "xchain",
              "client",
              "create",
              "--genesis",
              dir.resolve(side.get(1) + "/genesis.json").toString(),
              "--key",
              (String) side.get(2));
      assertThat(created.out()).contains("ClientCreated client=c-0");
    }
    for (var side : List.of(List.of(city, cityAdmin), List.of(bank, bankAdmin))) {
      ok(
          (NodeProcess) side.get(0),
          "xchain",
          "register",
          "--client",
          "c-0",
          "--counterparty-client",
          "c-0",
          "--key",
          (String) side.get(1));
    }
    ok(city, "asset", "create", "--symbol", "CNY", "--name", "yuan", "--key", cityAdmin);
    ok(
        city,
        "asset",
        "mint",
        "--symbol",
        "CNY",
        "--to",
        cityAdminAddress,
        "--amount",
        "1000000",
        "--key",
        cityAdmin);
  }

  /** Runs {@code jing ARGS --api NODE} (with the password file when a key is given). */
  Result jing(NodeProcess node, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--api=" + node.url);
    if (all.contains("--key")) {
      all.add("--password-file=" + pw);
    }
    return CliRun.run(all);
  }

  Result ok(NodeProcess node, String... args) {
    Result r = jing(node, args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  String newKey(Path file, String suite) {
    Result r =
        CliRun.run(
            List.of(
                "keys",
                "new",
                "--suite",
                suite,
                "--out",
                file.toString(),
                "--password-file",
                pw.toString()));
    assertThat(r.exit()).as(r.err()).isZero();
    return file.toString();
  }

  static String address(String keyFile) throws IOException {
    Result r = CliRun.run(List.of("keys", "show", "--key", keyFile, "--json"));
    return r.json().get("address").asText();
  }

  /**
   * A relay configuration {@code name} for the path c-0 &lt;-&gt; c-0 with the given relayer keys
   * (files in {@link #dir}) and extra top-level fields ({@code "maxMessages": 50, } or "").
   */
  Path relayConfig(String name, String cityKey, String bankKey, String extra) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(
        f,
        """
        {
          %s"chains": {
            "city": {"api": "%s", "key": "%s", "passwordFile": "password"},
            "bank": {"api": "%s", "key": "%s", "passwordFile": "password"}
          },
          "paths": [{"a": "city", "aClient": "c-0", "b": "bank", "bClient": "c-0"}]
        }
        """
            .formatted(extra, city.url, cityKey, bank.url, bankKey),
        StandardCharsets.UTF_8);
    return f;
  }

  /** Packets sent through city's or bank's c-0 still waiting for an answer (first page). */
  static int pending(NodeProcess node) {
    return new XchainQueries(node.url).packets("c-0", 1, 1000).pending().size();
  }

  /**
   * Waits until {@code condition} holds, polling the chains; fails after 5 minutes (a hang guard).
   */
  static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(200); // polling another process's state, not synchronising threads
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (NodeProcess p : new NodeProcess[] {city, bank}) {
      if (p != null) {
        p.terminate();
      }
    }
  }
}
