package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.crypto.KeyPair;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Governance from the CLI on a real node whose genesis names three organisations and admits members
 * only (docs/spec/governance.md [GOV-1..7]; issue 4's tests on proposals and roles).
 */
class GovIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PW = "correct horse battery staple";
  @TempDir Path dir;
  TestNode node;
  Path pw;

  Result jing(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--api=" + node.url);
    return CliRun.run(all);
  }

  Path keyFile(String name, KeyPair k) throws Exception {
    Path f = dir.resolve(name + ".key");
    EncryptedKeyStore.write(f, k, PW.toCharArray());
    return f;
  }

  String[] as(Path key, String... args) {
    String[] r = new String[args.length + 4];
    System.arraycopy(args, 0, r, 0, args.length);
    r[args.length] = "--key";
    r[args.length + 1] = key.toString();
    r[args.length + 2] = "--password-file";
    r[args.length + 3] = pw.toString();
    return r;
  }

  @Test
  void adminsGovernByVoteAndOnlyMembersTransact() throws Exception {
    var suite = CryptoSuites.intl();
    KeyPair validator = suite.generateKeyPair(new SecureRandom());
    KeyPair a = suite.generateKeyPair(new SecureRandom());
    KeyPair b = suite.generateKeyPair(new SecureRandom());
    KeyPair c = suite.generateKeyPair(new SecureRandom());
    KeyPair stranger = suite.generateKeyPair(new SecureRandom());
    Map<String, Object> genesis =
        Map.of(
            "chainId",
            "gov-test",
            "suite",
            "intl",
            "timestampMillis",
            1_700_000_000_000L,
            "validators",
            List.of(validator.publicKey().toString()),
            "permissions",
            "members",
            "organisations",
            List.of(
                Map.of(
                    "id",
                    "hospital-a",
                    "name",
                    "Hospital A",
                    "admins",
                    List.of(a.address().toString()),
                    "validators",
                    List.of(validator.publicKey().toString())),
                Map.of(
                    "id",
                    "uni-b",
                    "name",
                    "University B",
                    "admins",
                    List.of(b.address().toString())),
                Map.of(
                    "id", "bank-c", "name", "Bank C", "admins", List.of(c.address().toString()))));
    Path genesisFile = dir.resolve("genesis.json");
    JSON.writeValue(genesisFile.toFile(), genesis);
    try (TestNode n =
        new TestNode(
            dir.resolve("node"),
            SuiteId.INTL,
            Map.of("genesis.file", genesisFile.toString(), "chain.id", "gov-test"),
            validator)) {
      node = n;
      pw = dir.resolve("pw");
      Files.writeString(pw, PW);
      Path ka = keyFile("a", a);
      Path kb = keyFile("b", b);
      Path kc = keyFile("c", c);
      Path ks = keyFile("stranger", stranger);
      Path kv = keyFile("validator", validator);

      Result orgs = jing("org", "list");
      assertThat(orgs.out()).contains("hospital-a", "uni-b", "bank-c", "permissions members");

      // A key without the member role: refused with a clear error, nothing changes.
      // (empty blocks still come every second: the state, not the height, must stay)
      String stateRoot = n.client.status().stateRoot();
      Result refused =
          jing(as(ks, "asset", "create", "--symbol", "CNY", "--name", "Yuan", "--decimals", "2"));
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("NOT_A_MEMBER");
      assertThat(n.client.nextNonce(stranger.address())).isZero();
      assertThat(n.client.status().stateRoot()).isEqualTo(stateRoot);

      // uni-b proposes to make the stranger a member; bank-c's vote meets the majority.
      Result proposed =
          jing(
              as(
                  kb,
                  "gov",
                  "propose",
                  "grant-role",
                  "--account",
                  stranger.address().toString(),
                  "--org",
                  "uni-b",
                  "--role",
                  "member"));
      assertThat(proposed.exit()).as(proposed.out() + proposed.err()).isZero();
      assertThat(proposed.out()).contains("gov.Proposed", "rule=majority");
      // A validator's account is not an admin: its vote is rejected.
      Result notAdmin = jing(as(kv, "gov", "vote", "1"));
      assertThat(notAdmin.exit()).isEqualTo(3);
      assertThat(notAdmin.out()).contains("ROLE_REQUIRED");
      assertThat(jing("gov", "show", "1").out()).contains("OPEN", "1 approvals");
      Result executed = jing(as(kc, "gov", "vote", "1"));
      assertThat(executed.out()).contains("gov.Executed");
      assertThat(jing("gov", "show", "1").out())
          .contains("EXECUTED", "uni-b approves", "bank-c approves");
      assertThat(jing("org", "role", stranger.address().toString()).out())
          .contains("uni-b: member");
      assertThat(
              jing(as(
                      ks,
                      "asset",
                      "create",
                      "--symbol",
                      "CNY",
                      "--name",
                      "Yuan",
                      "--decimals",
                      "2"))
                  .exit())
          .isZero();
      assertThat(jing(as(kc, "gov", "vote", "1")).out()).contains("GOV_CLOSED");

      // Short of its threshold: two of three reject, it never executes.
      jing(
          as(
              ka,
              "gov",
              "propose",
              "add-org",
              "--id",
              "transit-d",
              "--name",
              "Transit D",
              "--admin",
              stranger.address().toString()));
      jing(as(kb, "gov", "vote", "2", "--reject"));
      Result rejected = jing(as(kc, "gov", "vote", "2", "--reject"));
      assertThat(rejected.out()).contains("gov.Rejected");
      assertThat(jing("org", "list").out()).doesNotContain("transit-d");

      // Expired: nobody voted in time; a late vote cannot execute it.
      jing(
          as(
              ka,
              "gov",
              "propose",
              "set-param",
              "--name",
              "did.registration",
              "--value",
              "admins",
              "--expires-after",
              "1"));
      jing(as(ks, "asset", "create", "--symbol", "USD", "--name", "Dollar", "--decimals", "2"));
      jing(as(ks, "asset", "create", "--symbol", "EUR", "--name", "Euro", "--decimals", "2"));
      Result late = jing(as(kb, "gov", "vote", "3"));
      assertThat(late.out()).contains("GOV_EXPIRED");
      assertThat(jing("gov", "show", "3").out()).contains("EXPIRED");
      assertThat(jing("gov", "list", "--json").json().get(0).get("status").asText())
          .isEqualTo("expired");

      // The same records through the API (the console's governance page reads these)
      String gov = node.url + "/api/v1/gov";
      var apiOrgs = JSON.readTree(ApiIT.get(gov + "/orgs").body()).get("orgs");
      List<String> orgIds = new ArrayList<>();
      apiOrgs.forEach(o -> orgIds.add(o.get("id").asText()));
      assertThat(orgIds).containsExactlyInAnyOrder("hospital-a", "uni-b", "bank-c");
      var page1 = JSON.readTree(ApiIT.get(gov + "/proposals?limit=2").body());
      assertThat(page1.get("proposals").findValuesAsText("status"))
          .as("newest first")
          .containsExactly("expired", "rejected");
      assertThat(page1.get("next").asLong()).isEqualTo(2);
      var page2 =
          JSON.readTree(
              ApiIT.get(gov + "/proposals?limit=2&before=" + page1.get("next").asLong()).body());
      assertThat(page2.get("proposals").get(0).get("id").asLong()).isEqualTo(1);
      assertThat(page2.has("next")).as("the last page").isFalse();
      var one = JSON.readTree(ApiIT.get(gov + "/proposals/1").body());
      assertThat(one.get("status").asText()).isEqualTo("executed");
      assertThat(one.get("payload").get("account").asText())
          .isEqualTo(stranger.address().toString());
      assertThat(one.get("votes").findValuesAsText("org")).containsExactly("uni-b", "bank-c");
      assertThat(one)
          .as("the CLI prints the same record")
          .isEqualTo(jing("gov", "show", "1", "--json").json());
      var missing = ApiIT.get(gov + "/proposals/99");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(ApiIT.code(missing)).isEqualTo("NOT_FOUND");
      for (String q :
          List.of("/proposals/abc", "/proposals/0", "/proposals?limit=0", "/proposals?before=x")) {
        var r = ApiIT.get(gov + q);
        assertThat(r.statusCode()).as(q).isEqualTo(400);
        assertThat(ApiIT.code(r)).as(q).isEqualTo("BAD_REQUEST");
      }

      // A bad parameter never becomes a proposal.
      Result bad =
          jing(
              as(
                  ka,
                  "gov",
                  "propose",
                  "set-param",
                  "--name",
                  "did.registration",
                  "--value",
                  "nobody"));
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.err()).contains("anyone, members, admins");

      // [GOV-12] The network follows a parameter from the next block, with no restart: one
      // transaction per block.
      jing(as(ka, "gov", "propose", "set-param", "--name", "block.maxTxs", "--value", "1"));
      assertThat(jing(as(kb, "gov", "vote", "4")).out()).contains("gov.Executed");
      long nonce = n.client.nextNonce(stranger.address());
      // One batch: all three are pending before the next block is built.
      List<org.jingchain.types.Transaction> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        batch.add(
            org.jingchain.sdk.Transactions.sign(
                stranger,
                "gov-test",
                nonce + i,
                System.currentTimeMillis() + 60_000,
                org.jingchain.asset.AssetCalls.create("T" + i, "t" + i, 0)));
      }
      n.client.submitBatch(batch);
      List<org.jingchain.types.Hash> sent = new ArrayList<>();
      for (var t : batch) {
        sent.add(t.hash(CryptoSuites.intl()));
      }
      java.util.Set<Long> heights = new java.util.TreeSet<>();
      for (var h : sent) {
        var done = n.client.waitForCommit(h, java.time.Duration.ofSeconds(30));
        assertThat(done.receipt().status()).isEqualTo("success");
        heights.add(done.height());
        assertThat(n.client.block(Long.toString(done.height())).header().txCount()).isEqualTo(1);
      }
      assertThat(heights).hasSize(3);

      // A proposal that passes but cannot execute (the last validator stays) is a failure of
      // the command that passed it: exit 3 and the reason, not "status success" and exit 0.
      jing(
          as(
              ka,
              "gov",
              "propose",
              "remove-validator",
              "--validator",
              validator.publicKey().toString()));
      Result failed = jing(as(kb, "gov", "vote", "5"));
      assertThat(failed.exit()).as(failed.out() + failed.err()).isEqualTo(3);
      assertThat(failed.out())
          .contains("gov.Failed")
          .contains(
              "proposal 5 passed but did not execute: GOV_CONFLICT: the last validator cannot be"
                  + " removed");
    }
  }
}
