package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jing data token} and {@code jing dataserver} without a node: the token's form, and the
 * checks the server makes before it starts (docs/spec/datadir-access.md).
 */
class DataServerTest {
  static final String DID = "did:jing:" + "ab".repeat(20);

  @TempDir Path tmp;

  Path keyFile() throws Exception {
    byte[] seed = CryptoSuites.intl().hash("alice".getBytes(StandardCharsets.UTF_8)).toByteArray();
    KeyPair k = CryptoSuites.intl().keyPairFromPrivateKey(seed);
    Path key = tmp.resolve("alice.key");
    EncryptedKeyStore.write(key, k, "secret".toCharArray());
    Files.writeString(tmp.resolve("pw"), "secret\n");
    return key;
  }

  List<String> tokenArgs(Path key, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "data",
                "token",
                "--asset",
                "rainfall-2025",
                "--grant",
                "7",
                "--audience",
                "https://data.example.org",
                "--key",
                key.toString(),
                "--password-file",
                tmp.resolve("pw").toString(),
                "--did",
                DID,
                "--chain",
                "jing-test"));
    args.addAll(List.of(more));
    return args;
  }

  static JsonNode part(String token, int index) throws Exception {
    return CliRun.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.", -1)[index]));
  }

  @Test
  void dataTokenPrintsOneSignedTokenForTheAssetAndTheServer() throws Exception {
    CliRun.Result r = CliRun.run(tokenArgs(keyFile(), "--ttl", "120"));
    assertThat(r.exit()).as(r.err()).isZero();
    String token = r.out().strip();
    assertThat(token.split("\\.", -1)).hasSize(3);
    JsonNode header = part(token, 0);
    assertThat(header.path("typ").asText()).isEqualTo("jing-access+jwt");
    assertThat(header.path("alg").asText()).isEqualTo("EdDSA");
    assertThat(header.path("kid").asText()).isEqualTo(DID + "#key-1");
    JsonNode claims = part(token, 1);
    assertThat(claims.path("iss").asText()).isEqualTo(DID);
    assertThat(claims.path("sub").asText()).isEqualTo("rainfall-2025");
    assertThat(claims.path("grant").asLong()).isEqualTo(7);
    assertThat(claims.path("aud").asText()).isEqualTo("https://data.example.org");
    assertThat(claims.path("chain").asText()).isEqualTo("jing-test");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(120);
    assertThat(claims.path("jti").asText()).matches("[A-Za-z0-9_-]{22}");
  }

  @Test
  void dataTokenRefusesALifetimeOverFiveMinutesAndABadAssetId() throws Exception {
    Path key = keyFile();
    CliRun.Result tooLong = CliRun.run(tokenArgs(key, "--ttl", "301"));
    assertThat(tooLong.exit()).isEqualTo(1);
    assertThat(tooLong.err()).contains("--ttl must be 1..300");
    List<String> args = tokenArgs(key);
    args.set(args.indexOf("rainfall-2025"), "Not An Id");
    CliRun.Result badId = CliRun.run(args);
    assertThat(badId.exit()).isEqualTo(1);
    assertThat(badId.err()).contains("not an asset id");
  }

  @Test
  void dataserverRefusesAnAssetMapThatLeavesItsDirectoryBeforeStarting() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("served"));
    Files.writeString(tmp.resolve("secret.txt"), "keys");
    Path map = tmp.resolve("assets.json");
    Files.writeString(map, "{\"secret\": \"../secret.txt\"}");
    CliRun.Result r =
        CliRun.run(
            List.of(
                "dataserver",
                "--dir",
                dir.toString(),
                "--assets",
                map.toString(),
                "--id",
                "https://data.example.org",
                "--genesis",
                tmp.resolve("no-genesis.json").toString(),
                "--key",
                keyFile().toString(),
                "--password-file",
                tmp.resolve("pw").toString(),
                "--did",
                DID));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("asset map refused").contains("leaves the directory");
  }

  @Test
  void dataserverNeedsItsDirectoryMapIdGenesisKeyAndDid() {
    CliRun.Result r = CliRun.run(List.of("dataserver", "--dir", tmp.toString()));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required options");
  }
}
