package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.jingchain.privacy.CtokenCalls;
import org.jingchain.privacy.EcGroup;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.ctoken.CtokenClient;
import org.jingchain.sdk.model.TxStatus;
import org.jingchain.sdk.store.StoreChain;
import org.jingchain.types.Bytes;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The confidential-payment tour on a real node process, in both suites (docs/privacy.md): a central
 * bank issues a token audited by a regulator, a bank pays another a hidden amount through the CLI,
 * each opens its own balance and the regulator opens the amount; the node's API and state hold
 * ciphertexts only; an overdraw is refused before signing, and a transfer with a tampered auditor
 * handle is refused on chain with nothing changed ([PRIV-23]..[PRIV-28]).
 */
class CtokenIT {
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

  Result ok(String... args) {
    Result r = jing(args);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return r;
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aHiddenPaymentOpenedByItsPartiesAndTheRegulator(SuiteId suite) throws Exception {
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
      Path pboc = key("pboc", suite);
      Path bankA = key("bank-a", suite);
      Path bankB = key("bank-b", suite);
      Path regulator = key("regulator", suite);
      for (Path k : List.of(pboc, bankA, bankB, regulator)) {
        ok("ctoken", "register", "--key", k.toString());
      }
      String a = Keys.load(bankA, pw).address().toString();
      String b = Keys.load(bankB, pw).address().toString();
      String reg = Keys.load(regulator, pw).address().toString();
      ok("ctoken", "create", "--symbol", "DCNY", "--auditor", reg, "--key", pboc.toString());
      ok(
          "ctoken",
          "mint",
          "--symbol",
          "DCNY",
          "--to",
          a,
          "--amount",
          "100000000",
          "--key",
          pboc.toString());
      ok(
          "ctoken",
          "transfer",
          "--symbol",
          "DCNY",
          "--to",
          b,
          "--amount",
          "2500000",
          "--key",
          bankA.toString());
      assertThat(ok("ctoken", "balance", "--symbol", "DCNY", "--key", bankA.toString()).out())
          .contains("975000.00 DCNY (97500000 units)");
      assertThat(ok("ctoken", "balance", "--symbol", "DCNY", "--key", bankB.toString()).out())
          .contains("25000.00 DCNY (2500000 units)");
      assertThat(ok("ctoken", "audit", "--symbol", "DCNY", "--key", regulator.toString()).out())
          .contains(a + " -> " + b + "  25000.00 DCNY");
      // Only the auditor audits.
      Result notAuditor = jing("ctoken", "audit", "--symbol", "DCNY", "--key", bankB.toString());
      assertThat(notAuditor.exit()).isEqualTo(1);
      assertThat(notAuditor.err()).contains("is not DCNY's auditor");
      // An overdraw is refused before anything is signed.
      Result overdraw =
          jing(
              "ctoken",
              "transfer",
              "--symbol",
              "DCNY",
              "--to",
              b,
              "--amount",
              "97500001",
              "--key",
              bankA.toString());
      assertThat(overdraw.exit()).isEqualTo(1);
      assertThat(overdraw.err()).contains("the balance is 97500000");

      // What the node serves is ciphertext: B's payment waits in its pending balance, blinded —
      // not the amount's bare point 2500000·G, which anyone could find by searching.
      EcGroup group = EcGroup.of(suite, CryptoSuites.of(suite));
      var bal = chain.ctokenBalance("DCNY", Keys.load(bankB, pw).address());
      assertThat(bal.c()).isEqualTo("00".repeat(33));
      assertThat(bal.pc())
          .hasSize(66)
          .isNotEqualTo(
              Bytes.wrap(group.encode(group.base(java.math.BigInteger.valueOf(2_500_000))))
                  .toHex());
      assertThat(chain.ctokenTransfers("DCNY", 0, 10).items()).hasSize(1);
      assertThat(chain.ctokenTransfers("DCNY", 0, 10).items().getFirst().amount())
          .isNotEqualTo(
              Bytes.wrap(group.encode(group.base(java.math.BigInteger.valueOf(2_500_000))))
                  .toHex());

      // A transfer whose auditor handle was swapped for another point: refused, nothing moves.
      KeyPair aKey = Keys.load(bankA, pw);
      CtokenClient ct =
          new CtokenClient(
              chain, chain.status().chainId(), CryptoSuites.of(suite), new SecureRandom());
      CtokenCalls.Transfer t =
          CtokenCalls.decodeTransfer(
              ct.transfer(aKey, "DCNY", Keys.load(bankB, pw).address(), 1000).args());
      EcGroup g = EcGroup.of(suite, CryptoSuites.of(suite));
      Bytes tampered =
          Bytes.wrap(
              g.encode(g.add(g.decode(t.auditorHandle().unsafeArray(), "h"), g.generator())));
      CtokenCalls.Transfer forged =
          new CtokenCalls.Transfer(
              t.symbol(),
              t.to(),
              t.version(),
              t.amount(),
              t.senderHandle(),
              t.receiverHandle(),
              tampered,
              t.validity(),
              t.newBalance(),
              t.equality(),
              t.range());
      TxStatus refused =
          new StoreChain(chain, chain.status().chainId(), Clock.systemUTC())
              .send(aKey, CtokenCalls.transfer(forged), Duration.ofSeconds(60));
      assertThat(refused.receipt().code()).isEqualTo("BAD_HANDLES");
      assertThat(ct.balance(aKey, "DCNY")).isEqualTo(97_500_000);
      assertThat(chain.ctokenToken("DCNY").transfers()).isEqualTo(1);
      assertThat(ok("ctoken", "show", "--symbol", "DCNY").out())
          .contains("supply    1000000.00 DCNY");
    }
  }
}
