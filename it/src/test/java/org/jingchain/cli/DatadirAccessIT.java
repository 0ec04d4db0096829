package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.LightClients;
import org.jingchain.sdk.datadir.AssetFiles;
import org.jingchain.sdk.datadir.DataServer;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's first walk-through against a real node and the real data server (docs/spec/datadir.md,
 * docs/spec/datadir-access.md): a hospital registers ward records; a patient consents to a research
 * lab's use of records about them; the lab requests access and the hospital grants it; the lab's
 * short-lived token gets the file from the hospital's data server, which checks the grant on chain
 * through certified reads and records the access on chain before serving a byte. Without a grant,
 * with a forged or replayed token, a token for another asset, and after revocation, the server
 * refuses with the reason and nothing more is recorded.
 */
class DatadirAccessIT {
  static final String SERVER_ID = "https://data.hospital.example";
  static final String PW = "correct horse battery staple";

  @TempDir Path dir;
  TestNode node;
  Path pw;

  CliSession cli;

  Result jing(String... args) {
    return cli.jing(args);
  }

  Result ok(String... args) {
    return cli.ok(args);
  }

  String key(String name) {
    return cli.key(name);
  }

  String did(String key) {
    return cli.did(key);
  }

  static long idAfter(Result r, String word) {
    return r.out()
        .lines()
        .filter(l -> l.startsWith(word + " "))
        .mapToLong(l -> Long.parseLong(l.substring(word.length() + 1).strip()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no '" + word + " N' line in\n" + r.out()));
  }

  String token(String asset, long grant, String labKey, String lab) {
    try {
      return tokenJson(asset, grant, labKey, lab);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String tokenJson(String asset, long grant, String labKey, String lab)
      throws java.io.IOException {
    return ok(
            "data",
            "token",
            "--asset",
            asset,
            "--grant",
            Long.toString(grant),
            "--audience",
            SERVER_ID,
            "--key",
            labKey,
            "--password-file",
            pw.toString(),
            "--did",
            lab,
            "--json")
        .json()
        .get("token")
        .asText();
  }

  static HttpResponse<byte[]> get(URI server, String asset, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.resolve("/assets/" + asset)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String body(HttpResponse<byte[]> r) {
    return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aLabGetsWardRecordsUnderAGrantAndPatientConsentAndEveryAccessIsAudited() throws Exception {
    try (TestNode n = new TestNode(dir.resolve("node"), SuiteId.INTL)) {
      node = n;
      pw = dir.resolve("pw");
      Files.writeString(pw, PW);
      cli = new CliSession(dir, pw, node.url);
      String hospitalKey = key("hospital");
      String serverKey = key("hospital-server");
      String labKey = key("lab");
      String patientKey = key("patient");
      String hospital = did(hospitalKey);
      String server = did(serverKey);
      String lab = did(labKey);
      String patient = did(patientKey);

      Path files = Files.createDirectories(dir.resolve("files"));
      Files.writeString(files.resolve("ward.csv"), "patient,ward,admitted\np1,3,2025-01-02\n");
      Files.writeString(files.resolve("icu.csv"), "patient,bed\np1,4\n");
      for (String[] a :
          List.of(new String[] {"ward-2025", "ward.csv"}, new String[] {"icu-2025", "icu.csv"})) {
        ok(
            "data",
            "register",
            "--id",
            a[0],
            "--owner",
            hospital,
            "--title",
            "Records " + a[0],
            "--sector",
            "healthcare",
            "--policy",
            "approval",
            "--delegate",
            server,
            "--file",
            files.resolve(a[1]).toString(),
            "--location",
            SERVER_ID + "/assets/" + a[0],
            "--key",
            hospitalKey,
            "--password-file",
            pw.toString());
      }

      // the patient consents to the lab's research use of records about them
      long consent =
          idAfter(
              ok(
                  "data",
                  "consent",
                  "--person-as",
                  patient,
                  "--organisation",
                  lab,
                  "--purpose",
                  "diabetes research",
                  "--asset",
                  "ward-2025",
                  "--expires",
                  "30d",
                  "--key",
                  patientKey,
                  "--password-file",
                  pw.toString()),
              "grant");
      // the lab asks; the hospital grants for a day
      long request =
          idAfter(
              ok(
                  "data",
                  "request",
                  "--asset",
                  "ward-2025",
                  "--as",
                  lab,
                  "--purpose",
                  "diabetes research",
                  "--duration",
                  "1d",
                  "--key",
                  labKey,
                  "--password-file",
                  pw.toString()),
              "request");
      long grant =
          idAfter(
              ok(
                  "data",
                  "grant",
                  "--request",
                  Long.toString(request),
                  "--as",
                  hospital,
                  "--expires",
                  "1d",
                  "--key",
                  hospitalKey,
                  "--password-file",
                  pw.toString()),
              "grant");
      assertThat(ok("data", "audit", "--asset", "ward-2025", "--json").json().toString())
          .contains("consented", "requested", "granted");

      KeyPair serverPair = EncryptedKeyStore.read(Path.of(serverKey), PW.toCharArray());
      JingClient client = new JingClient(node.url, Duration.ofSeconds(30));
      try (DataServer ds =
          DataServer.startOnChain(
              SERVER_ID,
              server,
              new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
              DataServer.Limits.DEFAULT,
              AssetFiles.of(files, Map.of("ward-2025", "ward.csv", "icu-2025", "icu.csv")),
              client,
              LightClients.fromGenesis(dir.resolve("node/genesis.json")),
              serverPair,
              line -> {})) {
        URI uri = ds.uri();

        // no token, a forged token: 401 and nothing recorded
        assertThat(get(uri, "ward-2025", null).statusCode()).isEqualTo(401);
        String t1 = token("ward-2025", grant, labKey, lab);
        String forged = t1.substring(0, t1.length() - 4) + (t1.endsWith("AAAA") ? "BBBB" : "AAAA");
        HttpResponse<byte[]> f = get(uri, "ward-2025", forged);
        assertThat(f.statusCode()).isEqualTo(401);

        // the granted token gets the file, recorded on chain first
        HttpResponse<byte[]> served = get(uri, "ward-2025", t1);
        assertThat(served.statusCode()).as(body(served)).isEqualTo(200);
        assertThat(body(served)).isEqualTo(Files.readString(files.resolve("ward.csv")));
        assertThat(served.headers().firstValue("X-Jing-Access")).isPresent();

        // the same token again is a replay; a token for another asset is refused
        HttpResponse<byte[]> replay = get(uri, "ward-2025", t1);
        assertThat(replay.statusCode()).isEqualTo(409);
        HttpResponse<byte[]> other = get(uri, "icu-2025", token("icu-2025", grant, labKey, lab));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(body(other)).contains("DD_WRONG_ASSET");
        HttpResponse<byte[]> noGrant = get(uri, "icu-2025", token("icu-2025", 0, labKey, lab));
        assertThat(noGrant.statusCode()).isEqualTo(403);
        assertThat(body(noGrant)).contains("DD_NO_GRANT");

        // revoked: refused, with nothing recorded
        ok(
            "data",
            "revoke",
            "--grant",
            Long.toString(grant),
            "--as",
            hospital,
            "--key",
            hospitalKey,
            "--password-file",
            pw.toString());
        HttpResponse<byte[]> revoked =
            get(uri, "ward-2025", token("ward-2025", grant, labKey, lab));
        assertThat(revoked.statusCode()).isEqualTo(403);
        assertThat(body(revoked)).contains("DD_GRANT_REVOKED");

        // a grant past its expiry (block time) is refused with its reason
        long shortRequest =
            idAfter(
                ok(
                    "data",
                    "request",
                    "--asset",
                    "icu-2025",
                    "--as",
                    lab,
                    "--purpose",
                    "audit",
                    "--duration",
                    "1h",
                    "--key",
                    labKey,
                    "--password-file",
                    pw.toString()),
                "request");
        long shortGrant =
            idAfter(
                ok(
                    "data",
                    "grant",
                    "--request",
                    Long.toString(shortRequest),
                    "--as",
                    hospital,
                    "--expires",
                    "2s",
                    "--key",
                    hospitalKey,
                    "--password-file",
                    pw.toString()),
                "grant");
        long expiresAt =
            CliRun.JSON
                .readTree(
                    HttpClient.newHttpClient()
                        .send(
                            HttpRequest.newBuilder(
                                    URI.create(node.url + "/api/v1/datadir/grants/" + shortGrant))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .body())
                .get("expiresAtMillis")
                .asLong();
        NetworkIT.await(
            "the chain's block time passes the grant's expiry",
            () -> client.status().headTimestampMillis() > expiresAt);
        HttpResponse<byte[]> expired =
            get(uri, "icu-2025", token("icu-2025", shortGrant, labKey, lab));
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(body(expired)).contains("DD_GRANT_EXPIRED");

        // the patient's consent still lets the lab read the records about them
        HttpResponse<byte[]> byConsent =
            get(uri, "ward-2025", token("ward-2025", consent, labKey, lab));
        assertThat(byConsent.statusCode()).as(body(byConsent)).isEqualTo(200);
      }

      JsonNode audit = ok("data", "audit", "--requester", lab, "--json").json();
      long accesses = 0;
      for (JsonNode e : audit.get("entries")) {
        if (e.get("type").asText().equals("accessed")) {
          accesses++;
        }
      }
      assertThat(accesses).as(audit.toString()).isEqualTo(2);
      assertThat(ok("data", "audit", "--asset", "ward-2025", "--json").json().toString())
          .contains("revoked", "accessed");
      // [DD-16] each audit entry comes with the Merkle proof of its stored record on request
      JsonNode proven =
          CliRun.JSON.readTree(
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create(
                                  node.url
                                      + "/api/v1/datadir/audit?requester="
                                      + lab
                                      + "&proof=true"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      assertThat(proven.get("entries")).isNotEmpty();
      for (JsonNode e : proven.get("entries")) {
        assertThat(e.at("/proof/value").asText()).isNotBlank();
        assertThat(e.at("/proof/key").asText()).startsWith("datadir/log/");
        assertThat(e.at("/proof/proof").isMissingNode()).isFalse();
      }

      // [DD-16] the whole page read through certified state equals the node's own answer, and
      // proves the index's count, so nothing was left out
      Path genesis = dir.resolve("node/genesis.json");
      JsonNode verified =
          ok("data", "audit", "--requester", lab, "--verify", genesis.toString(), "--json").json();
      assertThat(verified.get("entries")).isEqualTo(audit.get("entries"));
      assertThat(verified.get("total")).isEqualTo(audit.get("total"));
      assertThat(verified.at("/verified/height").asLong()).isPositive();
      assertThat(ok("data", "audit", "--asset", "ward-2025", "--verify", genesis.toString()).out())
          .startsWith("verified at certified height ")
          .contains("accessed", "revoked");
      // a node is not believed by a client that trusts other validators
      Path other = dir.resolve("other-genesis.json");
      JsonNode g = CliRun.JSON.readTree(genesis.toFile());
      ((com.fasterxml.jackson.databind.node.ArrayNode) g.get("validators"))
          .set(
              0,
              CliRun.JSON
                  .getNodeFactory()
                  .textNode(
                      org.jingchain.crypto.CryptoSuites.intl()
                          .generateKeyPair(new java.security.SecureRandom())
                          .publicKey()
                          .toString()));
      CliRun.JSON.writeValue(other.toFile(), g);
      Result refused = jing("data", "audit", "--requester", lab, "--verify", other.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("not verified: PROOF_INVALID");
    }
  }
}
