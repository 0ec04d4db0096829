package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jingchain.asset.AssetCalls;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.crypto.pkcs11.SoftHsm;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.LightClients;
import org.jingchain.sdk.Transactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A validator whose key lives in a real SoftHSM2 token (issue 4: "a validator signing with its key
 * in SoftHSM2 takes part in consensus"): {@code jing keys new --pkcs11-token} makes the key in the
 * token, {@code jing dev --pkcs11-token} runs the chain with it, and a light client that trusts
 * only that public key accepts the chain's certified state — every quorum certificate was signed
 * inside the token. The same in a five-validator network: {@code
 * EpochIT.aValidatorWithItsKeyInSoftHsmJoinsANetworkAndCommitsNeedItsVotes}.
 */
class Pkcs11IT {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static int jing(StringWriter out, StringWriter err, String... args) {
    return Jing.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void aValidatorWithItsKeyInSoftHsmCommitsCertifiedBlocks() throws Exception {
    SoftHsm.assumeInstalled();
    String token = "validator-" + UUID.randomUUID().toString().substring(0, 8);
    SoftHsm.initToken(token);
    Path pin = dir.resolve("pin");
    Files.writeString(pin, SoftHsm.PIN);

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int made =
        jing(
            out,
            err,
            "keys",
            "new",
            "--pkcs11-token",
            token,
            "--pin-file",
            pin.toString(),
            "--json");
    assertThat(made).as(err.toString()).isZero();
    JsonNode key = JSON.readTree(out.toString());
    String publicKey = key.get("publicKey").asText();

    // A wrong PIN is refused before anything starts.
    Path wrong = dir.resolve("wrong-pin");
    Files.writeString(wrong, "0000");
    StringWriter err2 = new StringWriter();
    int refused =
        jing(
            new StringWriter(),
            err2,
            "dev",
            "--data-dir",
            dir.resolve("x").toString(),
            "--api-port",
            "0",
            "--pkcs11-token",
            token,
            "--pin-file",
            wrong.toString());
    assertThat(refused).isEqualTo(1);
    assertThat(err2.toString()).contains("CKR_PIN_INCORRECT");

    Path data = dir.resolve("chain");
    int port = NodeProcess.freePort();
    try (NodeProcess node =
        NodeProcess.start(
            data, port, Map.of(), List.of("--pkcs11-token", token, "--pin-file", pin.toString()))) {
      JingClient c = node.awaitReady();
      KeyPair alice = CryptoSuites.intl().generateKeyPair(new SecureRandom());
      var tx =
          Transactions.sign(
              alice,
              c.status().chainId(),
              0,
              System.currentTimeMillis() + 60_000,
              AssetCalls.create("HSM", "Signed in hardware", 0));
      var done = c.waitForCommit(c.submit(tx), Duration.ofSeconds(30));
      assertThat(done.receipt().status()).isEqualTo("success");

      Path genesis = data.resolve("genesis.json");
      assertThat(JSON.readTree(genesis.toFile()).get("validators").get(0).asText())
          .endsWith(publicKey);
      LightClient light = LightClients.fromGenesis(genesis);
      var certified = c.readStateCertified("asset/token/HSM", light);
      assertThat(certified.value()).isPresent();
      assertThat(certified.header().height()).isGreaterThanOrEqualTo(done.height());
    }
  }
}
