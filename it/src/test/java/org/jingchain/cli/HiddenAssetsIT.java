package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.sdk.BearerTokens;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/spec/api-access.md [ACC-10] on a real node: on a chain whose transactions are for members, a
 * data asset whose policy is not public is, to a reader who is no member — anonymous or with a
 * stranger's token — exactly as absent as one that does not exist: not in search or its counts, not
 * as a page, a version, a lineage node or a link, not in an audit trail; a member's token sees it.
 */
class HiddenAssetsIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  @TempDir Path dir;

  @Test
  void assetsThatAreNotPublicAreInvisibleToNonMembersOfAMembersOnlyChain() throws Exception {
    try (TestNode n = new TestNode(dir.resolve("node"), SuiteId.INTL)) {
      String chain = n.client.status().chainId();
      // the validator is the genesis organisation's admin: its proposal executes at once
      var voted =
          n.client.waitForCommit(
              ConsoleIT.proposeParam(n, chain, "permissions", "members"), Duration.ofSeconds(30));
      assertThat(voted.receipt().events()).extracting(e -> e.type()).contains("Executed");
      KeyPair admin = n.validator;
      String did = ConsoleIT.createDid(n, chain, admin);
      ConsoleIT.registerAsset(n, chain, admin, 2, did, "ridership", "Metro ridership open data");
      ConsoleIT.registerAsset(
          n, chain, admin, 3, did, "ridership-model", "Metro ridership model", "ridership");
      String member = "Bearer " + BearerTokens.mint(admin, chain, Duration.ofMinutes(10));
      KeyPair stranger = CryptoSuites.intl().generateKeyPair(new SecureRandom());
      String strangers = "Bearer " + BearerTokens.mint(stranger, chain, Duration.ofMinutes(10));

      for (String reader : new String[] {null, strangers}) {
        JsonNode search = json(n, "/api/v1/datadir/search?q=ridership", reader);
        assertThat(search.get("total").asLong()).isEqualTo(1);
        assertThat(search.get("hits").get(0).get("id").asText()).isEqualTo("ridership");
        assertThat(search.toString()).doesNotContain("ridership-model", "approval");
        assertThat(json(n, "/api/v1/datadir/search?policy=approval", reader).get("total").asLong())
            .isZero();
        HttpResponse<String> hidden = get(n, "/api/v1/datadir/assets/ridership-model", reader);
        HttpResponse<String> absent = get(n, "/api/v1/datadir/assets/no-such-asset", reader);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body())
            .isEqualTo(absent.body().replace("no-such-asset", "ridership-model"));
        assertThat(get(n, "/api/v1/datadir/assets/ridership-model/versions/1", reader).statusCode())
            .isEqualTo(404);
        assertThat(get(n, "/api/v1/datadir/assets/ridership-model/lineage", reader).statusCode())
            .isEqualTo(404);
        assertThat(get(n, "/api/v1/datadir/audit?asset=ridership-model", reader).statusCode())
            .isEqualTo(404);
        assertThat(get(n, "/api/v1/datadir/audit?owner=" + did, reader).statusCode())
            .isEqualTo(403);
        JsonNode open = json(n, "/api/v1/datadir/assets/ridership", reader);
        assertThat(open.get("derivedInto")).isEmpty();
        JsonNode down =
            json(n, "/api/v1/datadir/assets/ridership/lineage?direction=descendants", reader);
        assertThat(down.get("nodes").toString()).isEqualTo("[\"ridership\"]");
        assertThat(down.get("edges")).isEmpty();
      }

      // a member sees both
      assertThat(json(n, "/api/v1/datadir/search?q=ridership", member).get("total").asLong())
          .isEqualTo(2);
      assertThat(get(n, "/api/v1/datadir/assets/ridership-model", member).statusCode())
          .isEqualTo(200);
      assertThat(json(n, "/api/v1/datadir/assets/ridership", member).get("derivedInto").toString())
          .isEqualTo("[\"ridership-model\"]");
      assertThat(get(n, "/api/v1/datadir/audit?owner=" + did, member).statusCode()).isEqualTo(200);
    }
  }

  static HttpResponse<String> get(TestNode n, String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(n.url + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(TestNode n, String path, String authorization) throws Exception {
    HttpResponse<String> r = get(n, path, authorization);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return CliRun.JSON.readTree(r.body());
  }
}
