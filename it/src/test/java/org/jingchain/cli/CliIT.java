package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The README's tour through the {@code jing} command, against a real node, in both suites. */
class CliIT {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  Result jing(TestNode n, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (n != null && !all.contains("keys") && !all.contains("proof")) {
      all.add("--api=" + n.url);
    }
    return CliRun.run(all);
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aNewcomerIssuesTransfersAndVerifiesAProofOffline(SuiteId suite) throws Exception {
    try (TestNode n = new TestNode(dir.resolve("node"), suite)) {
      Path pw = dir.resolve("pw");
      Files.writeString(pw, "correct horse battery staple");
      Path alice = dir.resolve("alice.key");
      Path bob = dir.resolve("bob.key");
      Result a =
          jing(
              null,
              "keys",
              "new",
              "--suite",
              suite.label(),
              "--out",
              alice.toString(),
              "--password-file",
              pw.toString(),
              "--json");
      assertThat(a.exit()).as(a.err()).isZero();
      String aliceAddr = a.json().get("address").asText();
      assertThat(aliceAddr).startsWith(suite == SuiteId.INTL ? "ji" : "js");
      jing(
          null,
          "keys",
          "new",
          "--suite",
          suite.label(),
          "--out",
          bob.toString(),
          "--password-file",
          pw.toString());
      String bobAddr =
          jing(null, "keys", "show", "--key", bob.toString(), "--json")
              .json()
              .get("address")
              .asText();

      String[] key = {"--key", alice.toString(), "--password-file", pw.toString()};
      Result create =
          jing(
              n,
              concat(
                  new String[] {
                    "asset",
                    "create",
                    "--symbol",
                    "CNY",
                    "--name",
                    "Digital yuan",
                    "--decimals",
                    "2"
                  },
                  key));
      assertThat(create.exit()).as(create.err()).isZero();
      assertThat(create.out()).contains("status success").contains("event asset.TokenCreated");
      assertThat(
              jing(
                      n,
                      concat(
                          new String[] {
                            "asset",
                            "mint",
                            "--symbol",
                            "CNY",
                            "--to",
                            aliceAddr,
                            "--amount",
                            "1000"
                          },
                          key))
                  .exit())
          .isZero();
      Result transfer =
          jing(
              n,
              concat(
                  new String[] {
                    "asset",
                    "transfer",
                    "--symbol",
                    "CNY",
                    "--to",
                    bobAddr,
                    "--amount",
                    "250",
                    "--json"
                  },
                  key));
      assertThat(transfer.exit()).as(transfer.err()).isZero();
      String txHash = transfer.json().get("hash").asText();
      long height = transfer.json().get("height").asLong();

      Result overdraw =
          jing(
              n,
              concat(
                  new String[] {
                    "asset", "transfer", "--symbol", "CNY", "--to", bobAddr, "--amount", "99999"
                  },
                  key));
      assertThat(overdraw.exit()).as("a failed receipt exits 3").isEqualTo(3);
      assertThat(overdraw.out()).contains("FAILED INSUFFICIENT_BALANCE");

      assertThat(jing(n, "asset", "balance", "--address", bobAddr).out()).contains("CNY 250");
      assertThat(jing(n, "asset", "balance", "--key", alice.toString()).out()).contains("CNY 750");
      assertThat(jing(n, "asset", "info", "--symbol", "CNY").out()).contains("supply   1000");
      assertThat(jing(n, "tx", "get", txHash).out())
          .contains("status success")
          .contains("asset.transfer");
      assertThat(jing(n, "block", "get", Long.toString(height)).out()).contains(txHash);
      assertThat(jing(n, "block", "latest").out())
          .as("the newest blocks include the transfer's")
          .contains(transfer.json().get("blockHash").asText());
      assertThat(jing(n, "status").out()).contains("suite " + suite.label());

      assertThat(
              jing(
                      n,
                      concat(
                          new String[] {
                            "nft", "mint", "--id", "art-1", "--digest", "ab".repeat(32)
                          },
                          key))
                  .exit())
          .isZero();
      assertThat(
              jing(
                      n,
                      concat(
                          new String[] {"nft", "transfer", "--id", "art-1", "--to", bobAddr}, key))
                  .exit())
          .isZero();
      assertThat(jing(n, "nft", "owner", "--id", "art-1").out()).contains("owner       " + bobAddr);

      Path proof = dir.resolve("bob.proof.json");
      Result state =
          jing(
              n,
              "state",
              "get",
              "asset/balance/" + bobAddr + "/CNY",
              "--proof",
              "--out",
              proof.toString());
      assertThat(state.exit()).as(state.err()).isZero();
      assertThat(state.out()).contains("(u64 250)").contains("VERIFIED");
      // [STATE-21] the file is of a certified state: below the head, certified by block v+1
      var saved = JSON.readTree(Files.readString(proof));
      assertThat(saved.get("format").asText()).isEqualTo("jing-state-proof-2");
      long version = saved.get("version").asLong();
      assertThat(saved.get("certifiedBy").get("height").asLong()).isEqualTo(version + 1);
      assertThat(version).isLessThan(n.client.status().height());
      assertThat(version).isGreaterThanOrEqualTo(height);
      assertThat(saved.get("keyHex").asText())
          .isEqualTo(
              org.jingchain.types.Bytes.wrap(
                      ("asset/balance/" + bobAddr + "/CNY")
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                  .toHex());
      String root = saved.get("stateRoot").asText();
      Result ok = jing(null, "proof", "verify", "--proof", proof.toString(), "--root", root);
      assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
      assertThat(ok.out()).startsWith("VALID").contains("(u64 250)");
      // [STATE-22] 4: the root certified by the validators of the chain's genesis, offline
      Path genesis = dir.resolve("node").resolve("genesis.json");
      Result certified =
          jing(
              null,
              "proof",
              "verify",
              "--proof",
              proof.toString(),
              "--genesis",
              genesis.toString());
      assertThat(certified.exit()).as(certified.out() + certified.err()).isZero();
      assertThat(certified.out())
          .startsWith("VALID")
          .contains("(u64 250)")
          .contains("certified by the validators of " + genesis);
      // --genesis on a read: pinned to the newest block the genesis validators certified, each
      // value proven against its state root; the command says what it verified against
      Result trusted =
          jing(
              n,
              "state",
              "get",
              "asset/balance/" + bobAddr + "/CNY",
              "--genesis",
              genesis.toString());
      assertThat(trusted.exit()).as(trusted.err()).isZero();
      assertThat(trusted.out())
          .contains("(u64 250)")
          .contains("verified   certified by 1 of 1 validators of ")
          .contains("proof      VERIFIED against that block's state root (inclusion)");
      Result trustedBalance =
          jing(n, "asset", "balance", "--address", bobAddr, "--genesis", genesis.toString());
      assertThat(trustedBalance.exit()).as(trustedBalance.err()).isZero();
      assertThat(trustedBalance.out())
          .contains("CNY 250")
          .contains("verified certified by 1 of 1 validators of ");
      // a genesis of the same chain id but other validators: nothing is shown, nothing verified
      Path impostor = dir.resolve("impostor");
      Result init =
          jing(
              null,
              "net",
              "init",
              "--validators",
              "1",
              "--suite",
              suite.label(),
              "--chain-id",
              n.client.status().chainId(),
              "--dir",
              impostor.toString());
      assertThat(init.exit()).as(init.err()).isZero();
      Result foreign =
          jing(
              n,
              "state",
              "get",
              "asset/balance/" + bobAddr + "/CNY",
              "--genesis",
              impostor.resolve("genesis.json").toString());
      assertThat(foreign.exit()).isEqualTo(1);
      assertThat(foreign.err()).contains("not verified against");
      assertThat(foreign.out()).doesNotContain("250");
      // a block and a transaction, checked from the genesis validators: the header by its
      // certificate, every transaction rebuilt and hashed here against the transaction root
      Result block =
          jing(n, "block", "get", Long.toString(height), "--genesis", genesis.toString());
      assertThat(block.exit()).as(block.err()).isZero();
      assertThat(block.out())
          .contains(txHash)
          .contains("verified   block " + height + " committed, certified by 1 of 1 validators")
          .contains("its transaction root matches the 1 transaction shown");
      Result tx = jing(n, "tx", "get", txHash, "--genesis", genesis.toString());
      assertThat(tx.exit()).as(tx.err()).isZero();
      assertThat(tx.out())
          .contains("status success")
          .contains("verified   block " + height + " committed")
          .contains("this one is its number 0");
      Result foreignBlock =
          jing(
              n,
              "block",
              "get",
              Long.toString(height),
              "--genesis",
              impostor.resolve("genesis.json").toString());
      assertThat(foreignBlock.exit()).isEqualTo(1);
      assertThat(foreignBlock.err()).contains("not verified against");

      Result wrongRoot =
          jing(null, "proof", "verify", "--proof", proof.toString(), "--root", "12".repeat(32));
      assertThat(wrongRoot.exit()).isEqualTo(1);
      assertThat(wrongRoot.out()).startsWith("INVALID");
      String tampered = Files.readString(proof).replace("000000000000fa", "0000000000ffff");
      Files.writeString(proof, tampered);
      assertThat(jing(null, "proof", "verify", "--proof", proof.toString(), "--root", root).exit())
          .isEqualTo(1);
    }
  }

  @Test
  void errorsAreOneLineWithoutStackTraces() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "secret");
    Path k = dir.resolve("k.key");
    assertThat(
            jing(null, "keys", "new", "--out", k.toString(), "--password-file", pw.toString())
                .exit())
        .isZero();
    Result again =
        jing(null, "keys", "new", "--out", k.toString(), "--password-file", pw.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).startsWith("error: ").contains("refusing to overwrite");
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "not the password");
    Result unreachable =
        jing(
            null,
            "asset",
            "create",
            "--api",
            "http://127.0.0.1:1",
            "--key",
            k.toString(),
            "--password-file",
            wrong.toString(),
            "--symbol",
            "A",
            "--name",
            "a");
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).startsWith("error: UNREACHABLE").doesNotContain("Exception");
    assertThat(
            jing(null, "keys", "new", "--suite", "rsa", "--out", dir.resolve("x").toString()).err())
        .contains("--suite must be intl or sm");
    assertThat(jing(null, "--help").out()).contains("jing dev").contains("proof verify");
    for (String[] cmd :
        new String[][] {{"dev"}, {"asset", "transfer"}, {"state", "get"}, {"proof", "verify"}}) {
      Result help = jing(null, concat(cmd, new String[] {"--help"}));
      assertThat(help.exit()).as(String.join(" ", cmd)).isZero();
      assertThat(help.out())
          .as(String.join(" ", cmd))
          .contains("Usage: jing " + String.join(" ", cmd));
    }
  }

  /**
   * Issue 20's papercuts: what a newcomer types wrong is refused with the fix before anything is
   * signed, what they type loosely is understood, and --json is one JSON document.
   */
  @Test
  void commonMistakesAreCaughtBeforeAnythingIsSent() throws Exception {
    try (TestNode n = new TestNode(dir.resolve("node"), SuiteId.INTL)) {
      Path pw = dir.resolve("pw");
      Files.writeString(pw, "secret");
      Path k = dir.resolve("k.key");
      String me =
          jing(
                  null,
                  "keys",
                  "new",
                  "--out",
                  k.toString(),
                  "--password-file",
                  pw.toString(),
                  "--json")
              .json()
              .get("address")
              .asText();
      String[] key = {"--key", k.toString(), "--password-file", pw.toString()};
      // keys show prints the address or the public key alone, as the next command takes it
      Result addressOnly = jing(null, "keys", "show", "--key", k.toString(), "--address");
      assertThat(addressOnly.out()).isEqualTo(me + System.lineSeparator());
      Result keyOnly = jing(null, "keys", "show", "--key", k.toString(), "--public-key");
      assertThat(keyOnly.out().strip()).startsWith("intl:").hasSize("intl:".length() + 64);

      // an address without its scheme, or with the API's path, still reaches the node
      String hostPort = n.url.substring("http://".length());
      for (String api : List.of(hostPort, n.url + "/", n.url + "/api/v1")) {
        Result status = CliRun.run(List.of("status", "--api", api));
        assertThat(status.exit()).as(api + ": " + status.err()).isZero();
        assertThat(status.out()).contains("height");
      }
      Result notUrl = CliRun.run(List.of("status", "--api", "ftp://127.0.0.1:21"));
      assertThat(notUrl.exit()).isEqualTo(2);
      assertThat(notUrl.err())
          .contains("is not a node's address: give one like http://127.0.0.1:8645")
          .doesNotContain("Exception");

      assertThat(
              jing(
                      n,
                      concat(
                          new String[] {"asset", "create", "--symbol", "USD", "--name", "d"}, key))
                  .exit())
          .isZero();
      long nonce =
          new org.jingchain.sdk.JingClient(n.url).nextNonce(org.jingchain.types.Address.parse(me));
      // a lower-case symbol is refused with the one meant, and nothing is signed
      Result lower =
          jing(
              n,
              concat(
                  new String[] {"asset", "mint", "--symbol", "usd", "--to", me, "--amount", "5"},
                  key));
      assertThat(lower.exit()).isEqualTo(2);
      assertThat(lower.err()).contains("'usd' is not a token symbol", "(USD?)");
      // a token the chain does not have is refused before a transaction fails on chain
      Result unknown =
          jing(
              n,
              concat(
                  new String[] {
                    "asset", "transfer", "--symbol", "EUR", "--to", me, "--amount", "5"
                  },
                  key));
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.err()).startsWith("error: no token EUR on this chain");
      assertThat(
              new org.jingchain.sdk.JingClient(n.url)
                  .nextNonce(org.jingchain.types.Address.parse(me)))
          .as("nothing was sent")
          .isEqualTo(nonce);

      // amounts by the token's decimals: --value in whole tokens, --amount in the smallest unit;
      // a decimal point in --amount is refused with the --value meant
      assertThat(
              jing(
                      n,
                      concat(
                          new String[] {
                            "asset", "create", "--symbol", "HKD", "--name", "h", "--decimals", "2"
                          },
                          key))
                  .exit())
          .isZero();
      long beforeDecimals =
          new org.jingchain.sdk.JingClient(n.url).nextNonce(org.jingchain.types.Address.parse(me));
      Result pointInAmount =
          jing(
              n,
              concat(
                  new String[] {"asset", "mint", "--symbol", "HKD", "--to", me, "--amount", "1.5"},
                  key));
      assertThat(pointInAmount.exit()).isEqualTo(1);
      assertThat(pointInAmount.err())
          .contains("--amount is in the token's smallest unit, a whole number, not '1.5'")
          .contains("give --value 1.5 (HKD has 2 decimals)");
      Result tooFine =
          jing(
              n,
              concat(
                  new String[] {"asset", "mint", "--symbol", "HKD", "--to", me, "--value", "1.555"},
                  key));
      assertThat(tooFine.exit()).isEqualTo(1);
      assertThat(tooFine.err()).contains("--value 1.555 has more decimals than HKD's 2");
      assertThat(
              new org.jingchain.sdk.JingClient(n.url)
                  .nextNonce(org.jingchain.types.Address.parse(me)))
          .as("nothing was sent")
          .isEqualTo(beforeDecimals);
      Result byValue =
          jing(
              n,
              concat(
                  new String[] {"asset", "mint", "--symbol", "HKD", "--to", me, "--value", "1.5"},
                  key));
      assertThat(byValue.exit()).as(byValue.err()).isZero();
      assertThat(jing(n, "asset", "balance", "--address", me).out())
          .as("units as --amount counts them, whole tokens as --value does")
          .contains("HKD 150 (1.50 HKD)");

      // did create --json answers one JSON document, the DID in it
      Path recovery = dir.resolve("r.key");
      jing(null, "keys", "new", "--out", recovery.toString(), "--password-file", pw.toString());
      Result did =
          jing(
              n,
              concat(
                  new String[] {"did", "create", "--recovery-key", recovery.toString(), "--json"},
                  key));
      assertThat(did.exit()).as(did.err()).isZero();
      var answer = did.json();
      assertThat(answer.get("did").asText()).startsWith("did:jing:");
      assertThat(answer.get("receipt").get("status").asText()).isEqualTo("success");
    }
  }

  static String[] concat(String[] a, String[] b) {
    String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aDidIsCreatedResolvedUpdatedRotatedAndDeactivatedFromTheCli(SuiteId suite) throws Exception {
    try (TestNode n = new TestNode(dir.resolve("did-node"), suite)) {
      Path pw = dir.resolve("did-pw");
      Files.writeString(pw, "correct horse battery staple");
      Path[] keys = {dir.resolve("u.key"), dir.resolve("r.key"), dir.resolve("n.key")};
      for (Path k : keys) {
        assertThat(
                jing(
                        null,
                        "keys",
                        "new",
                        "--suite",
                        suite.label(),
                        "--out",
                        k.toString(),
                        "--password-file",
                        pw.toString())
                    .exit())
            .isZero();
      }
      String[] auth = {"--key", keys[0].toString(), "--password-file", pw.toString()};
      Result created =
          jing(
              n,
              concat(new String[] {"did", "create", "--recovery-key", keys[1].toString()}, auth));
      assertThat(created.exit()).as(created.out() + created.err()).isZero();
      String did =
          created
              .out()
              .lines()
              .filter(l -> l.startsWith("did "))
              .findFirst()
              .orElseThrow()
              .substring(4);
      assertThat(did).matches("did:jing:[0-9a-f]{40}");
      // the same id, offline, from the two keys
      Result id =
          jing(
              null, "did", "id", "--key", keys[0].toString(), "--recovery-key", keys[1].toString());
      assertThat(id.out()).isEqualTo(did + System.lineSeparator());
      Result idJson =
          jing(
              null,
              "did",
              "id",
              "--key",
              keys[0].toString(),
              "--recovery-key",
              keys[1].toString(),
              "--json");
      assertThat(ApiOptions.JSON.readTree(idJson.out()).path("did").asText()).isEqualTo(did);

      Result resolved = jing(n, "did", "resolve", did);
      assertThat(resolved.exit()).isZero();
      assertThat(resolved.out())
          .contains("JsonWebKey2020", did + "#key-1", "\"versionId\" : \"1\"");
      // the same document from the DID's record proven at the newest certified block
      Result verified =
          jing(
              n,
              "did",
              "resolve",
              did,
              "--genesis",
              dir.resolve("did-node").resolve("genesis.json").toString());
      assertThat(verified.exit()).as(verified.err()).isZero();
      assertThat(verified.err())
          .contains("verified   certified by 1 of 1 validators")
          .contains("the DID's record by its Merkle proof");
      assertThat(CliRun.JSON.readTree(verified.out()).path("didDocument"))
          .isEqualTo(CliRun.JSON.readTree(resolved.out()).path("didDocument"));

      Result updated =
          jing(
              n,
              concat(
                  new String[] {
                    "did", "update", did, "--add-service", "hub,LinkedDomains,https://example.org/"
                  },
                  auth));
      assertThat(updated.exit()).as(updated.out() + updated.err()).isZero();
      Result rotated =
          jing(
              n,
              concat(new String[] {"did", "rotate", did, "--new-key", keys[2].toString()}, auth));
      assertThat(rotated.exit()).as(rotated.out() + rotated.err()).isZero();
      Result byOldKey =
          jing(n, concat(new String[] {"did", "update", did, "--remove-service", "hub"}, auth));
      assertThat(byOldKey.exit()).as("a committed but failed transaction").isEqualTo(3);
      assertThat(byOldKey.out()).contains("DID_UNAUTHORIZED");

      Result gone =
          jing(
              n,
              concat(
                  new String[] {"did", "deactivate", did, "--recovery-key", keys[1].toString()},
                  auth));
      assertThat(gone.exit()).as(gone.out() + gone.err()).isZero();
      Result after = jing(n, "did", "resolve", did);
      assertThat(after.exit()).isEqualTo(1);
      assertThat(after.out()).contains("deactivated");
    }
  }
}
