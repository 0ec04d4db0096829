package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.privacy.Aggregate;
import org.jingchain.privacy.AggregateCalls;
import org.jingchain.privacy.BitCipher;
import org.jingchain.privacy.EcGroup;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.aggregate.AggregateClient;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.sdk.store.StoreChain;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sealed-aggregate tour on a real node process, in both suites (docs/privacy.md): three
 * authorities generate a key with {@code jing aggregate dkg}; ten hospitals contribute encrypted
 * counts; a forged contribution is refused and changes nothing; after close, one authority's share
 * leaves the total sealed; a bad share is refused naming its member; the second share decrypts, and
 * the published total is the true sum ([PRIV-9]..[PRIV-15]).
 */
class AggregateIT {
  @TempDir Path dir;
  Path pw;
  String api;

  Result jing(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (!all.getFirst().equals("keys")) {
      all.add("--api=" + api);
    }
    if (all.getFirst().equals("keys") || all.contains("--key")) {
      all.add("--password-file=" + pw);
    }
    return CliRun.run(all);
  }

  Path key(String name, SuiteId suite) {
    Path k = dir.resolve(name + ".key");
    Result r = jing("keys", "new", "--suite", suite.label(), "--out", k.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    return k;
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void tenCountsSummedSealedAndOnlyTheTotalDecrypted(SuiteId suite) throws Exception {
    pw = dir.resolve("pw");
    Files.writeString(pw, "correct horse battery staple");
    try (NodeProcess node =
        NodeProcess.start(
            dir.resolve("chain"),
            NodeProcess.freePort(),
            Map.of(),
            List.of("--password-file", pw.toString(), "--suite", suite.label()))) {
      JingClient chain = node.awaitReady();
      api = node.url;
      Path alice = key("alice", suite);
      List<Path> authorities = new ArrayList<>();
      List<String> members = new ArrayList<>();
      for (String n : List.of("commission", "uni-a", "uni-b")) {
        Path k = key(n, suite);
        authorities.add(k);
        members.add(Keys.load(k, pw).address().toString());
      }
      Result created =
          jing(
              "aggregate",
              "create-committee",
              "--id",
              "health",
              "--member",
              String.join(",", members),
              "--threshold",
              "2",
              "--key",
              alice.toString());
      assertThat(created.exit()).as(created.err()).isZero();

      // Each run of dkg does what its phase asks now; three rounds over the members finish it.
      String phase = "";
      for (int round = 0; round < 3 && !phase.equals("ready"); round++) {
        for (Path a : authorities) {
          Result r = jing("aggregate", "dkg", "--committee", "health", "--key", a.toString());
          assertThat(r.exit()).as(r.err()).isZero();
        }
        phase = jing("aggregate", "committee", "health", "--json").json().get("phase").asText();
      }
      assertThat(phase).isEqualTo("ready");
      JsonNode committee = jing("aggregate", "committee", "health", "--json").json();
      assertThat(committee.get("curve").asText())
          .isEqualTo(suite == SuiteId.INTL ? "P-256" : "SM2");
      assertThat(committee.get("publicKey").asText()).hasSize(66);

      Result opened =
          jing(
              "aggregate",
              "open",
              "--id",
              "flu-w49",
              "--committee",
              "health",
              "--bits",
              "12",
              "--min",
              "3",
              "--description",
              "influenza cases, week 49",
              "--key",
              alice.toString());
      assertThat(opened.exit()).as(opened.err()).isZero();
      long[] counts = {12, 0, 7, 4095, 3, 41, 9, 1, 250, 18};
      long total = 0;
      for (int h = 0; h < counts.length; h++) {
        Path k = key("hospital-" + h, suite);
        Result r =
            jing(
                "aggregate",
                "contribute",
                "--id",
                "flu-w49",
                "--value",
                Long.toString(counts[h]),
                "--key",
                k.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        total += counts[h];
      }
      // Out of range: refused before anything is signed.
      Result tooBig =
          jing(
              "aggregate",
              "contribute",
              "--id",
              "flu-w49",
              "--value",
              "4096",
              "--key",
              alice.toString());
      assertThat(tooBig.exit()).isEqualTo(1);
      assertThat(tooBig.err()).contains("0 to 4095");

      // A forged contribution (a bit of 2 under a proof for 1) is refused; nothing changes.
      String chainId = chain.status().chainId();
      AggregateClient agg =
          new AggregateClient(chain, chainId, CryptoSuites.of(suite), new SecureRandom());
      EcGroup g = agg.group();
      KeyPair aliceKey = Keys.load(alice, pw);
      Call valid = agg.contribution(aliceKey, "flu-w49", 1);
      AggregateCalls.Contribute args = AggregateCalls.decodeContribute(valid.args());
      BitCipher b0 = BitCipher.decode(g, args.bits().get(0).unsafeArray(), "bit");
      List<byte[]> forged = new ArrayList<>();
      forged.add(
          new BitCipher(b0.c1(), g.add(b0.c2(), g.generator()), b0.e0(), b0.e1(), b0.z0(), b0.z1())
              .encode(g));
      args.bits().stream().skip(1).map(Bytes::toByteArray).forEach(forged::add);
      StoreChain sender = new StoreChain(chain, chainId, Clock.systemUTC());
      TxStatus refused =
          sender.send(
              aliceKey, AggregateCalls.contribute("flu-w49", forged), Duration.ofSeconds(60));
      assertThat(refused.receipt().code()).isEqualTo("BAD_PROOF");
      assertThat(chain.aggregate("flu-w49").contributions()).isEqualTo(10);

      assertThat(jing("aggregate", "close", "--id", "flu-w49", "--key", alice.toString()).exit())
          .isZero();

      // One share of two: still sealed, and the node shows no total.
      Result first =
          jing("aggregate", "decrypt", "--id", "flu-w49", "--key", authorities.get(0).toString());
      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.err()).contains("1 of 2 needed");
      assertThat(first.out()).contains("total         sealed");
      assertThat(chain.aggregate("flu-w49").total()).isNull();

      // Member 2 sends a share made with a wrong secret: refused, naming member 2.
      KeyPair uniA = Keys.load(authorities.get(1), pw);
      Aggregate closed = agg.aggregate("flu-w49").orElseThrow();
      org.jingchain.privacy.Authority uniASide =
          new org.jingchain.privacy.Authority(g, chainId, uniA, new SecureRandom());
      org.jingchain.privacy.Committee health = agg.committee("health").orElseThrow();
      Call badShare =
          uniASide.share(
              health,
              closed,
              uniASide
                  .secretShare(health, i -> agg.deal("health", i))
                  .add(java.math.BigInteger.ONE));
      TxStatus bad = sender.send(uniA, badShare, Duration.ofSeconds(60));
      assertThat(bad.receipt().code()).isEqualTo("BAD_SHARE");
      assertThat(bad.receipt().message()).contains("member 2");

      Result second =
          jing("aggregate", "decrypt", "--id", "flu-w49", "--key", authorities.get(2).toString());
      assertThat(second.exit()).as(second.err()).isZero();
      assertThat(second.out()).contains("total         " + total);
      JsonNode shown = jing("aggregate", "show", "flu-w49", "--json").json();
      assertThat(shown.get("status").asText()).isEqualTo("revealed");
      assertThat(shown.get("total").asLong()).isEqualTo(total);
      assertThat(shown.get("contributions").asLong()).isEqualTo(10);
      assertThat(jing("aggregate", "list").out()).contains("flu-w49", "revealed", "total " + total);
    }
  }
}
