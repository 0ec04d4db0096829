package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jingchain.cli.CliRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-chain identity (issue 14; docs/xchain.md): a university's DID, its degree schema, its
 * trust-registry entry and its revocation list live on chain {@code city}; an employer whose own
 * chain is {@code bank} verifies a graduate's presentation through bank's client of city — trusting
 * only bank's validators (its genesis file), checking every read of city with its Merkle proof
 * against the state root bank's client certified — and refuses it once the university revoked the
 * degree and the client has followed city past the revocation.
 */
class XchainIdentityIT {
  @TempDir Path dir;

  @Test
  void anEmployerOnBankVerifiesADegreeIssuedOnCityAndSeesItsRevocation() throws Exception {
    try (TwoChains chains = new TwoChains(dir)) {
      String pw = chains.pw.toString();
      String uniKey = chains.newKey(dir.resolve("uni.key"), "intl");
      String uni = did(chains, uniKey, chains.newKey(dir.resolve("uni-recovery.key"), "intl"));
      String liKey = chains.newKey(dir.resolve("li.key"), "intl");
      String li = did(chains, liKey, chains.newKey(dir.resolve("li-recovery.key"), "intl"));
      Path schemaFile = dir.resolve("degree.schema.json");
      Files.writeString(schemaFile, VcIT.SCHEMA);
      String schema =
          chains
              .ok(
                  chains.city,
                  "trust",
                  "add-schema",
                  "--file",
                  schemaFile.toString(),
                  "--key",
                  chains.cityAdmin)
              .out()
              .lines()
              .filter(l -> l.startsWith("schema "))
              .findFirst()
              .orElseThrow()
              .substring(7);
      chains.ok(
          chains.city,
          "trust",
          "add-issuer",
          "--issuer",
          uni,
          "--schema",
          schema,
          "--key",
          chains.cityAdmin);
      chains.ok(
          chains.city,
          "vc",
          "list-create",
          "--list",
          "revoked",
          "--purpose",
          "revocation",
          "--key",
          uniKey,
          "--issuer",
          uni);
      Path credential = dir.resolve("li.sdjwt");
      chains.ok(
          chains.city,
          "vc",
          "issue",
          "--holder",
          li,
          "--schema",
          schema,
          "--claims",
          VcIT.CLAIMS,
          "--revocation-list",
          "revoked",
          "--status-index",
          "5",
          "--out",
          credential.toString(),
          "--key",
          uniKey,
          "--issuer",
          uni);
      Path presentation = dir.resolve("li.presentation");
      Result presented =
          CliRun.run(
              java.util.List.of(
                  "vc",
                  "present",
                  "--credential",
                  credential.toString(),
                  "--holder",
                  li,
                  "--holder-key",
                  liKey,
                  "--password-file",
                  pw,
                  "--disclose",
                  "degree",
                  "--audience",
                  VcIT.AUD,
                  "--nonce",
                  "n-1",
                  "--out",
                  presentation.toString()));
      assertThat(presented.exit()).as(presented.err()).isZero();

      // bank's client of city learns city's state after all that
      String relayerKey = dir.resolve("relayer-bank.key").toString();
      chains.ok(
          chains.bank,
          "xchain",
          "client",
          "update",
          "c-0",
          "--counterparty-api",
          chains.city.url,
          "--key",
          relayerKey);
      Result valid = verify(chains, presentation, chains.city.url);
      assertThat(valid.exit()).as(valid.out() + valid.err()).isZero();
      JsonNode v = valid.json();
      assertThat(v.get("valid").asBoolean()).isTrue();
      assertThat(v.get("issuer").asText()).isEqualTo(uni);
      assertThat(v.get("chain").asText())
          .startsWith("city at height ")
          .contains("through this chain's client c-0", "certified by the validators of");

      // the university's DID document, resolved on bank through its client of city
      Result resolved =
          chains.jing(
              chains.bank,
              "did",
              "resolve",
              uni,
              "--through-client",
              "c-0",
              "--remote-api",
              chains.city.url,
              "--genesis",
              chains.dir.resolve("bank/genesis.json").toString());
      assertThat(resolved.exit()).as(resolved.out() + resolved.err()).isZero();
      JsonNode doc = resolved.json();
      assertThat(doc.get("didDocument").get("id").asText()).isEqualTo(uni);
      assertThat(doc.get("didResolutionMetadata").get("contentType").asText())
          .isEqualTo("application/did+ld+json");
      assertThat(resolved.err()).startsWith("read on city at height ");
      // the same document city's own nodes serve
      Result onCity = chains.jing(chains.city, "did", "resolve", uni);
      assertThat(doc.get("didDocument")).isEqualTo(onCity.json().get("didDocument"));
      Result unknown =
          chains.jing(
              chains.bank,
              "did",
              "resolve",
              "did:jing:0000000000000000000000000000000000000000",
              "--through-client",
              "c-0",
              "--remote-api",
              chains.city.url,
              "--genesis",
              chains.dir.resolve("bank/genesis.json").toString());
      assertThat(unknown.exit()).isEqualTo(1);
      assertThat(unknown.json().get("didResolutionMetadata").get("error").asText())
          .isEqualTo("notFound");

      // the university revokes; the employer sees it once bank's client has followed city
      chains.ok(
          chains.city,
          "vc",
          "revoke",
          "--list",
          "revoked",
          "--index",
          "5",
          "--key",
          uniKey,
          "--issuer",
          uni);
      assertThat(verify(chains, presentation, chains.city.url).exit())
          .as("as of the client's height, before the revocation, it is still valid")
          .isZero();
      chains.ok(
          chains.bank,
          "xchain",
          "client",
          "update",
          "c-0",
          "--counterparty-api",
          chains.city.url,
          "--key",
          relayerKey);
      Result revoked = verify(chains, presentation, chains.city.url);
      assertThat(revoked.exit()).isEqualTo(1);
      assertThat(revoked.json().get("reason").asText()).isEqualTo("REVOKED");

      // a node of another chain cannot stand in for city
      Result wrong = verify(chains, presentation, chains.bank.url);
      assertThat(wrong.exit()).isEqualTo(1);
      assertThat(wrong.json().get("reason").asText()).isEqualTo("CHAIN_UNVERIFIED");
      assertThat(wrong.json().get("message").asText()).contains("c-0 follows city, not bank");
    }
  }

  static String did(TwoChains chains, String key, String recovery) {
    return chains
        .ok(chains.city, "did", "create", "--key", key, "--recovery-key", recovery)
        .out()
        .lines()
        .filter(l -> l.startsWith("did "))
        .findFirst()
        .orElseThrow()
        .substring(4);
  }

  static Result verify(TwoChains chains, Path presentation, String remote) {
    return chains.jing(
        chains.bank,
        "vc",
        "verify",
        "--in",
        presentation.toString(),
        "--audience",
        VcIT.AUD,
        "--nonce",
        "n-1",
        "--genesis",
        chains.dir.resolve("bank/genesis.json").toString(),
        "--through-client",
        "c-0",
        "--remote-api",
        remote,
        "--json");
  }
}
