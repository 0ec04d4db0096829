package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's second walk-through from the CLI against a real node (docs/spec/datadir.md): a city
 * transport operator and a hospital publish data sets; an AI lab registers a model derived from
 * them; a regulator finds the model by searching and traces its lineage back to the data sets and
 * forward from a data set to the model; cycles and updates by others are refused, changing nothing.
 */
class DatadirLineageIT {
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

  Result register(String key, String did, String id, String title, String sector, String... more)
      throws Exception {
    Path file = dir.resolve(id + ".bin");
    Files.writeString(file, "contents of " + id);
    List<String> args =
        new ArrayList<>(
            List.of(
                "data",
                "register",
                "--id",
                id,
                "--owner",
                did,
                "--title",
                title,
                "--sector",
                sector,
                "--policy",
                "approval",
                "--file",
                file.toString(),
                "--location",
                "https://data.example/" + id,
                "--key",
                key,
                "--password-file",
                pw.toString()));
    args.addAll(List.of(more));
    return jing(args.toArray(String[]::new));
  }

  @Test
  void aRegulatorTracesAModelBackToTheDataItWasTrainedOn() throws Exception {
    try (TestNode n = new TestNode(dir.resolve("node"), SuiteId.INTL)) {
      node = n;
      pw = dir.resolve("pw");
      Files.writeString(pw, "correct horse battery staple");
      cli = new CliSession(dir, pw, node.url);
      String metroKey = key("metro");
      String hospitalKey = key("hospital");
      String labKey = key("lab");
      String metro = did(metroKey);
      String hospital = did(hospitalKey);
      String lab = did(labKey);

      Result r =
          register(
              metroKey,
              metro,
              "metro-ridership-2025",
              "Metro ridership 2025",
              "transport",
              "--tag",
              "ridership");
      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("digest sha-256:", "datadir.Registered");
      assertThat(
              register(
                      hospitalKey,
                      hospital,
                      "er-visits-2025",
                      "Emergency visits 2025",
                      "healthcare",
                      "--tag",
                      "emergency")
                  .exit())
          .isZero();
      Result model =
          register(
              labKey,
              lab,
              "crowd-forecast-v1",
              "Crowd and emergency load forecasting model",
              "ai",
              "--tag",
              "model",
              "--derived-from",
              "metro-ridership-2025",
              "--derived-from",
              "er-visits-2025");
      assertThat(model.exit()).as(model.out() + model.err()).isZero();

      // The regulator finds the model by searching, then traces it.
      JsonNode found = ok("data", "search", "forecasting", "--sector", "ai", "--json").json();
      assertThat(found.get("total").asLong()).isEqualTo(1);
      assertThat(found.at("/hits/0/id").asText()).isEqualTo("crowd-forecast-v1");
      JsonNode up = ok("data", "lineage", "crowd-forecast-v1", "--json").json();
      assertThat(up.get("nodes").toString())
          .contains("crowd-forecast-v1", "metro-ridership-2025", "er-visits-2025");
      assertThat(up.get("edges")).hasSize(2);
      String dot = ok("data", "lineage", "crowd-forecast-v1", "--dot").out();
      assertThat(dot).contains("digraph lineage", "\"crowd-forecast-v1\" -> \"er-visits-2025\"");
      JsonNode down =
          ok("data", "lineage", "metro-ridership-2025", "--descendants", "--json").json();
      assertThat(down.get("nodes").toString()).contains("crowd-forecast-v1");

      // A cycle is refused with its code, and nothing changes.
      Result cycle =
          jing(
              "data",
              "update",
              "--id",
              "metro-ridership-2025",
              "--derived-from",
              "crowd-forecast-v1",
              "--key",
              metroKey,
              "--password-file",
              pw.toString());
      assertThat(cycle.exit()).isNotZero();
      assertThat(cycle.err()).contains("DD_LINEAGE_CYCLE");
      assertThat(ok("data", "show", "metro-ridership-2025", "--json").json().get("derivedFrom"))
          .isEmpty();

      // The lab cannot rewrite the hospital's entry.
      Result notOwner =
          jing(
              "data",
              "update",
              "--id",
              "er-visits-2025",
              "--title",
              "Mine now",
              "--key",
              labKey,
              "--password-file",
              pw.toString());
      assertThat(notOwner.exit()).isNotZero();
      assertThat(notOwner.err()).containsAnyOf("DD_NOT_OWNER", "DD_UNAUTHORISED");
      assertThat(ok("data", "show", "er-visits-2025", "--json").json().get("title").asText())
          .isEqualTo("Emergency visits 2025");
      // the same asset built here from proven records, trusting the node for nothing
      String genesis = dir.resolve("node/genesis.json").toString();
      for (String asset : List.of("er-visits-2025", "metro-ridership-2025")) {
        Result proven = ok("data", "show", asset, "--json", "--genesis", genesis);
        assertThat(proven.json()).isEqualTo(ok("data", "show", asset, "--json").json());
        assertThat(proven.err()).contains("verified   certified by 1 of 1 validators");
      }
      Result none = jing("data", "show", "no-such-asset", "--genesis", genesis);
      assertThat(none.exit()).isEqualTo(1);
      assertThat(none.err()).contains("no data asset no-such-asset").contains("absence proven");

      // [DD-22] The metro operator hands its data set to a city data trust, which accepts; the
      // search index follows at once, the audit trail records it, the old owner has no say.
      String trustKey = key("trust");
      String trust = did(trustKey);
      ok(
          "data",
          "transfer",
          "--id",
          "metro-ridership-2025",
          "--to",
          trust,
          "--key",
          metroKey,
          "--password-file",
          pw.toString());
      assertThat(ok("data", "show", "metro-ridership-2025").out())
          .containsPattern("offered to +" + trust)
          .containsPattern("owner +" + metro);
      Result notNamed =
          jing(
              "data",
              "accept-transfer",
              "--id",
              "metro-ridership-2025",
              "--as",
              lab,
              "--key",
              labKey,
              "--password-file",
              pw.toString());
      assertThat(notNamed.exit()).isNotZero();
      assertThat(notNamed.err()).contains("DD_NOT_OWNER");
      ok(
          "data",
          "accept-transfer",
          "--id",
          "metro-ridership-2025",
          "--as",
          trust,
          "--key",
          trustKey,
          "--password-file",
          pw.toString());
      JsonNode moved = ok("data", "show", "metro-ridership-2025", "--json").json();
      assertThat(moved.get("owner").asText()).isEqualTo(trust);
      assertThat(moved.get("transferOffer").isNull()).isTrue();
      JsonNode byTrust = ok("data", "search", "--owner", trust, "--json").json();
      assertThat(byTrust.at("/hits/0/id").asText()).isEqualTo("metro-ridership-2025");
      assertThat(ok("data", "search", "--owner", metro, "--json").json().get("total").asLong())
          .isZero();
      assertThat(ok("data", "audit", "--owner", metro, "--json").json().toString())
          .contains("transferred");
      Result oldOwner =
          jing(
              "data",
              "retire",
              "--id",
              "metro-ridership-2025",
              "--reason",
              "not mine any more",
              "--key",
              metroKey,
              "--password-file",
              pw.toString());
      assertThat(oldOwner.exit()).isNotZero();
      assertThat(oldOwner.err()).contains("DD_NOT_OWNER");

      // Retiring a data set keeps the lineage and shows in search facets and the audit trail.
      ok(
          "data",
          "retire",
          "--id",
          "er-visits-2025",
          "--reason",
          "superseded",
          "--key",
          hospitalKey,
          "--password-file",
          pw.toString());
      JsonNode retired = ok("data", "search", "--status", "retired", "--json").json();
      assertThat(retired.at("/hits/0/id").asText()).isEqualTo("er-visits-2025");
      JsonNode audit = ok("data", "audit", "--asset", "er-visits-2025", "--json").json();
      assertThat(audit.toString()).contains("retired");
    }
  }
}
