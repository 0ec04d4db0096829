package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.testkit.NodeTools;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Solidity on a real {@code jing dev} node process, in both suites, through the CLI as a newcomer
 * uses it: OpenZeppelin's ERC-20, ERC-721 and AccessControl compiled by solc (evm-tests/contracts),
 * deployed, called, sent to, their logs decoded, their failures explained (revert strings, custom
 * errors, panics) and their storage proven from the genesis file.
 */
class ContractsIT {
  @TempDir Path dir;
  static Path build;
  String api;

  /** The example contracts compiled once by the pinned solc (evm-tests/compile.mjs). */
  static synchronized Path compiled() throws Exception {
    if (build == null) {
      Path out = Path.of("target", "contracts-build").toAbsolutePath();
      NodeTools.compile(out, "CityToken.sol", "CityBadge.sol", "Counter.sol", "Roles.sol");
      build = out;
    }
    return build;
  }

  Path pw;

  Result jing(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (!all.getFirst().equals("keys")) {
      all.add("--api=" + api);
    }
    return CliRun.run(all);
  }

  Result send(Path key, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--key", key.toString(), "--password-file", pw.toString()));
    return jing(all.toArray(String[]::new));
  }

  static String deployedAddress(Result r) throws Exception {
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    for (JsonNode e : r.json().at("/receipt/events")) {
      if (e.path("type").asText().equals("deployed")) {
        String address = e.at("/attributes/address").asText();
        assertThat(r.json().get("contract").asText())
            .as("the address the CLI derived from the nonce before sending")
            .isEqualTo(address);
        return address;
      }
    }
    throw new AssertionError("no deployed event in " + r.out());
  }

  /** Deploys OpenZeppelin's ERC-20 "City Token" (CITY), a million to the deployer. */
  String deployCityToken(Path key, Path build) throws Exception {
    return deployedAddress(
        send(
            key,
            "contract",
            "deploy",
            "--bin",
            build.resolve("CityToken.bin").toString(),
            "--abi",
            build.resolve("CityToken.abi").toString(),
            "--args",
            "City Token",
            "CITY",
            "1000000",
            "--json"));
  }

  String key(String name, SuiteId suite) throws Exception {
    Path k = dir.resolve(name + ".key");
    Result r =
        jing(
            "keys",
            "new",
            "--suite",
            suite.label(),
            "--out",
            k.toString(),
            "--password-file",
            pw.toString(),
            "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    return r.json().get("address").asText();
  }

  /** A {@code jing dev} node process of {@code suite}, ready, with the CLI pointed at it. */
  NodeProcess startNode(SuiteId suite) throws Exception {
    pw = dir.resolve("pw");
    Files.writeString(pw, "correct horse battery staple");
    NodeProcess node =
        NodeProcess.start(
            dir.resolve("chain"),
            NodeProcess.freePort(),
            Map.of(),
            List.of("--password-file", pw.toString(), "--suite", suite.label()));
    try {
      node.awaitReady();
    } catch (Exception | AssertionError e) {
      node.close();
      throw e;
    }
    api = node.url;
    return node;
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void openZeppelinContractsWorkEndToEndThroughTheCli(SuiteId suite) throws Exception {
    Path build = compiled();
    try (NodeProcess node = startNode(suite)) {
      String alice = key("alice", suite);
      String bob = key("bob", suite);
      Path aliceKey = dir.resolve("alice.key");
      Path bobKey = dir.resolve("bob.key");
      String tokenAbi = build.resolve("CityToken.abi").toString();

      // ERC-20: deploy with constructor arguments, read, transfer, read the Transfer log.
      String token = deployCityToken(aliceKey, build);
      Result bal =
          jing(
              "contract",
              "call",
              "--to",
              token,
              "--abi",
              tokenAbi,
              "--function",
              "balanceOf",
              "--args",
              alice);
      assertThat(bal.exit()).as(bal.err()).isZero();
      assertThat(bal.out().strip()).isEqualTo("1000000");
      Result name =
          jing(
              "contract",
              "call",
              "--to",
              token,
              "--abi",
              tokenAbi,
              "--function",
              "symbol",
              "--json");
      assertThat(name.json().at("/result/0").asText()).isEqualTo("CITY");
      Result transfer =
          send(
              aliceKey,
              "contract",
              "send",
              "--to",
              token,
              "--abi",
              tokenAbi,
              "--function",
              "transfer",
              "--args",
              bob,
              "2500");
      assertThat(transfer.exit()).as(transfer.out() + transfer.err()).isZero();
      assertThat(transfer.out())
          .as("the log decoded by the ABI")
          .contains(
              "event evm.log "
                  + token
                  + " Transfer(from=0x"
                  + alice.substring(2)
                  + ", to=0x"
                  + bob.substring(2)
                  + ", value=2500)");
      Result bobBal =
          jing(
              "contract",
              "call",
              "--to",
              token,
              "--abi",
              tokenAbi,
              "--function",
              "balanceOf",
              "--args",
              bob,
              "--json");
      assertThat(bobBal.json().at("/result/0").asText()).isEqualTo("2500");
      Result logs =
          jing(
              "contract",
              "logs",
              "--address",
              token,
              "--abi",
              tokenAbi,
              "--event",
              "Transfer",
              "--json");
      assertThat(logs.exit()).as(logs.err()).isZero();
      JsonNode last = logs.json().get(logs.json().size() - 1);
      assertThat(last.at("/decoded/event").asText()).isEqualTo("Transfer(address,address,uint256)");
      assertThat(last.at("/decoded/args/to").asText()).isEqualTo("0x" + bob.substring(2));
      assertThat(last.at("/decoded/args/value").asText()).isEqualTo("2500");

      // A transfer beyond the balance: the estimate explains it with the decoded custom error and
      // nothing is sent; forced with --gas it is a failed receipt with the same revert.
      Result tooMuch =
          send(
              bobKey,
              "contract",
              "send",
              "--to",
              token,
              "--abi",
              tokenAbi,
              "--function",
              "transfer",
              "--args",
              alice,
              "2501");
      assertThat(tooMuch.exit()).isEqualTo(1);
      assertThat(tooMuch.err())
          .contains("not sent")
          .contains(
              "ERC20InsufficientBalance(sender=0x"
                  + bob.substring(2)
                  + ", balance=2500, needed=2501)");
      Result forced =
          send(
              bobKey,
              "contract",
              "send",
              "--to",
              token,
              "--abi",
              tokenAbi,
              "--function",
              "transfer",
              "--args",
              alice,
              "2501",
              "--gas",
              "100000");
      assertThat(forced.exit()).isEqualTo(3);
      assertThat(forced.out())
          .contains(
              "status FAILED EVM_REVERT: reverted with custom error 0xe450d38c, data 0xe450d38c")
          .contains(
              "error  ERC20InsufficientBalance(sender=0x"
                  + bob.substring(2)
                  + ", balance=2500, needed=2501)");
      assertThat(
              jing(
                      "contract",
                      "call",
                      "--to",
                      token,
                      "--abi",
                      tokenAbi,
                      "--function",
                      "balanceOf",
                      "--args",
                      bob)
                  .out()
                  .strip())
          .isEqualTo("2500");

      // ERC-721: only the owner awards; ownerOf answers.
      String badgeAbi = build.resolve("CityBadge.abi").toString();
      String badge =
          deployedAddress(
              send(
                  aliceKey,
                  "contract",
                  "deploy",
                  "--bin",
                  build.resolve("CityBadge.bin").toString(),
                  "--json"));
      assertThat(
              send(
                      aliceKey,
                      "contract",
                      "send",
                      "--to",
                      badge,
                      "--abi",
                      badgeAbi,
                      "--function",
                      "award",
                      "--args",
                      bob,
                      "7")
                  .exit())
          .isZero();
      assertThat(
              jing(
                      "contract",
                      "call",
                      "--to",
                      badge,
                      "--abi",
                      badgeAbi,
                      "--function",
                      "ownerOf",
                      "--args",
                      "7")
                  .out()
                  .strip())
          .isEqualTo("0x" + bob.substring(2));
      Result notOwner =
          jing(
              "contract",
              "call",
              "--to",
              badge,
              "--abi",
              badgeAbi,
              "--function",
              "award",
              "--args",
              bob,
              "8",
              "--from",
              bob);
      assertThat(notOwner.exit()).isEqualTo(3);
      assertThat(notOwner.out())
          .contains("OwnableUnauthorizedAccount(account=0x" + bob.substring(2) + ")");

      // Revert strings, custom errors and events of a contract without imports.
      String counterAbi = build.resolve("Counter.abi").toString();
      String counter =
          deployedAddress(
              send(
                  aliceKey,
                  "contract",
                  "deploy",
                  "--bin",
                  build.resolve("Counter.bin").toString(),
                  "--json"));
      assertThat(
              send(
                      aliceKey,
                      "contract",
                      "send",
                      "--to",
                      counter,
                      "--abi",
                      counterAbi,
                      "--function",
                      "add",
                      "--args",
                      "41")
                  .exit())
          .isZero();
      assertThat(
              send(
                      aliceKey,
                      "contract",
                      "send",
                      "--to",
                      counter,
                      "--abi",
                      counterAbi,
                      "--function",
                      "increment")
                  .exit())
          .isZero();
      assertThat(
              jing("contract", "call", "--to", counter, "--abi", counterAbi, "--function", "count")
                  .out()
                  .strip())
          .isEqualTo("42");
      Result tooBig =
          jing(
              "contract",
              "call",
              "--to",
              counter,
              "--abi",
              counterAbi,
              "--function",
              "add",
              "--args",
              "101");
      assertThat(tooBig.out()).contains("TooBig(asked=101, limit=100)");
      Result no =
          jing("contract", "call", "--to", counter, "--abi", counterAbi, "--function", "fail");
      assertThat(no.exit()).isEqualTo(3);
      assertThat(no.out()).contains("EVM_REVERT: reverted: counter says no");

      // The counter's slot 0 is state like any other: proven from the genesis file alone.
      Result slot = jing("contract", "storage", "--address", counter, "--slot", "0x0", "--json");
      assertThat(slot.json().get("value").asText()).endsWith("2a");
      Result proven =
          jing(
              "state",
              "get",
              slot.json().get("stateKey").asText(),
              "--genesis",
              dir.resolve("chain/genesis.json").toString());
      assertThat(proven.exit()).as(proven.out() + proven.err()).isZero();
      assertThat(proven.out())
          .contains("000000000000000000000000000000000000000000000000000000000000002a");

      // AccessControl: a clerk records only once granted the role; the string arrives decoded.
      String rolesAbi = build.resolve("Roles.abi").toString();
      String roles =
          deployedAddress(
              send(
                  aliceKey,
                  "contract",
                  "deploy",
                  "--bin",
                  build.resolve("Roles.bin").toString(),
                  "--json"));
      Result denied =
          jing(
              "contract",
              "call",
              "--to",
              roles,
              "--abi",
              rolesAbi,
              "--function",
              "record",
              "--args",
              "x",
              "--from",
              bob);
      assertThat(denied.out()).contains("AccessControlUnauthorizedAccount");
      String clerkRole =
          jing(
                  "contract",
                  "call",
                  "--to",
                  roles,
                  "--abi",
                  rolesAbi,
                  "--function",
                  "CLERK_ROLE",
                  "--json")
              .json()
              .at("/result/0")
              .asText();
      assertThat(
              send(
                      aliceKey,
                      "contract",
                      "send",
                      "--to",
                      roles,
                      "--abi",
                      rolesAbi,
                      "--function",
                      "grantRole",
                      "--args",
                      clerkRole,
                      bob)
                  .exit())
          .isZero();
      assertThat(
              send(
                      bobKey,
                      "contract",
                      "send",
                      "--to",
                      roles,
                      "--abi",
                      rolesAbi,
                      "--function",
                      "record",
                      "--args",
                      "patient transferred to ward 3")
                  .exit())
          .isZero();
      Result recorded =
          jing(
              "contract",
              "logs",
              "--address",
              roles,
              "--abi",
              rolesAbi,
              "--event",
              "Recorded",
              "--json");
      assertThat(recorded.json().get(0).at("/decoded/args/entry").asText())
          .isEqualTo("patient transferred to ward 3");
    }
  }

  /**
   * ethers.js 6 — a client we did not write — against the node's JSON-RPC: network, block number,
   * code, view calls, gas estimation, a revert decoded by the ABI, log queries, receipts, blocks,
   * transactions, a refused raw transaction, and a Transfer event arriving through a filter.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void ethersJsReadsCallsEstimatesQueriesAndHearsEvents(SuiteId suite) throws Exception {
    Path build = compiled();
    try (NodeProcess node = startNode(suite)) {
      String alice = key("alice", suite);
      String bob = key("bob", suite);
      Path aliceKey = dir.resolve("alice.key");
      String tokenAbi = build.resolve("CityToken.abi").toString();
      String token = deployCityToken(aliceKey, build);
      Result transfer =
          send(
              aliceKey,
              "contract",
              "send",
              "--to",
              token,
              "--abi",
              tokenAbi,
              "--function",
              "transfer",
              "--args",
              bob,
              "2500",
              "--json");
      assertThat(transfer.exit()).as(transfer.err()).isZero();
      String txHash = "0x" + transfer.json().get("hash").asText();
      String status = jing("contract", "show", "--address", token, "--json").out();
      long chainId = CliRun.JSON.readTree(status).get("evmChainId").asLong();

      NodeTools.ensureInstalled();
      Process ethers =
          new ProcessBuilder(
                  "node",
                  NodeTools.DIR.resolve("ethers-check.mjs").toString(),
                  node.url + "/api/v1/evm/rpc",
                  token,
                  tokenAbi,
                  "0x" + alice.substring(2),
                  "0x" + bob.substring(2),
                  txHash)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      java.io.BufferedReader out =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  ethers.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("listening");
      // The event ethers waits for: a transfer made through the CLI, after it listens.
      assertThat(
              send(
                      aliceKey,
                      "contract",
                      "send",
                      "--to",
                      token,
                      "--abi",
                      tokenAbi,
                      "--function",
                      "transfer",
                      "--args",
                      bob,
                      "7")
                  .exit())
          .isZero();
      JsonNode seen = CliRun.JSON.readTree(out.readLine());
      assertThat(ethers.waitFor()).isZero();

      assertThat(seen.get("chainId").asLong()).isEqualTo(chainId);
      assertThat(seen.get("blockNumber").asLong()).isPositive();
      assertThat(seen.get("codeBytes").asInt()).isPositive();
      assertThat(seen.get("name").asText()).isEqualTo("City Token");
      assertThat(seen.get("symbol").asText()).isEqualTo("CITY");
      assertThat(seen.get("balance").asText()).isEqualTo("997500");
      assertThat(seen.get("estimate").asLong()).isBetween(21_000L, 100_000L);
      assertThat(seen.get("revert").asText())
          .as("ethers decodes the custom error from the revert data")
          .isEqualToIgnoringCase(
              "ERC20InsufficientBalance(0x"
                  + alice.substring(2)
                  + ",997500,1000000000000000000000000000000)");
      assertThat(seen.get("transfersFromHolder").toString()).isEqualTo("[\"2500\"]");
      assertThat(seen.at("/receipt/status").asInt()).isEqualTo(1);
      assertThat(seen.at("/receipt/logs").asInt()).isEqualTo(1);
      assertThat(seen.at("/receipt/to").asText()).isEqualToIgnoringCase(token);
      assertThat(seen.at("/receipt/from").asText())
          .isEqualToIgnoringCase("0x" + alice.substring(2));
      assertThat(seen.get("blockHashMatches").asBoolean()).isTrue();
      assertThat(seen.get("blockHasTx").asBoolean()).isTrue();
      assertThat(seen.get("txFunction").asText()).isEqualTo("transfer");
      assertThat(seen.get("sendRaw").asText()).isEqualTo("refused");
      assertThat(seen.at("/event/value").asText()).isEqualTo("7");
      assertThat(seen.at("/event/to").asText()).isEqualToIgnoringCase("0x" + bob.substring(2));
    }
  }
}
