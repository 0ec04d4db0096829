package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [DID-10] Bulk onboarding from the CLI: residents' self-signed creates submitted 1,000 per
 * transaction; a refused batch changes nothing and its lines are kept for resubmission.
 */
class DidBatchIT {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static Result jing(TestNode n, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (n != null) {
      all.add("--api=" + n.url);
    }
    return CliRun.run(all);
  }

  @Test
  void aRegistrarOnboardsThousandsInBatchesAndKeepsWhatWasRefused() throws Exception {
    try (TestNode n = new TestNode(dir.resolve("node"), SuiteId.INTL)) {
      Path pw = dir.resolve("pw");
      Files.writeString(pw, "correct horse battery staple");
      Path registrar = dir.resolve("registrar.key");
      assertThat(
              jing(
                      null,
                      "keys",
                      "new",
                      "--suite",
                      "intl",
                      "--out",
                      registrar.toString(),
                      "--password-file",
                      pw.toString())
                  .exit())
          .isZero();
      // One resident signs with the CLI, as a wallet would, offline.
      Path ops = dir.resolve("residents.ops");
      Path k = dir.resolve("r.key");
      Path rk = dir.resolve("rr.key");
      for (Path p : List.of(k, rk)) {
        jing(
            null,
            "keys",
            "new",
            "--suite",
            "intl",
            "--out",
            p.toString(),
            "--password-file",
            pw.toString());
      }
      Result signed =
          jing(
              null,
              "did",
              "sign-create",
              "--key",
              k.toString(),
              "--recovery-key",
              rk.toString(),
              "--password-file",
              pw.toString(),
              "--chain-id",
              "test-intl",
              "--append",
              ops.toString(),
              "--json");
      assertThat(signed.exit()).as(signed.err()).isZero();
      String walletDid = signed.json().get("did").asText();
      assertThat(walletDid).startsWith("did:jing:");
      // 2,499 more, signed by their own keys.
      List<String> dids = new ArrayList<>(List.of(walletDid));
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 2_499; i++) {
        KeyPair u = CryptoSuites.intl().generateKeyPair(new SecureRandom());
        KeyPair r = CryptoSuites.intl().generateKeyPair(new SecureRandom());
        var op = DidCommand.createOp("test-intl", u, r);
        byte[] b = DidCodec.encode(op);
        lines
            .append(HexFormat.of().formatHex(DidCodec.encode(new DidCodec.Signed(b, u.sign(b)))))
            .append('\n');
        dids.add(Did.derive(op.updateKey(), op.recoveryKey(), CryptoSuites.intl()));
      }
      Files.writeString(
          ops, lines, StandardCharsets.US_ASCII, java.nio.file.StandardOpenOption.APPEND);

      Result done =
          jing(
              n,
              "did",
              "create-batch",
              "--ops",
              ops.toString(),
              "--key",
              registrar.toString(),
              "--password-file",
              pw.toString(),
              "--json");
      assertThat(done.exit()).as(done.out() + done.err()).isZero();
      JsonNode j = JSON.readTree(done.out());
      assertThat(j.get("created").asInt()).isEqualTo(2_500);
      assertThat(j.get("failed").asInt()).isZero();
      assertThat(done.err()).contains("DIDs").contains("2500/2500");
      for (String did : List.of(dids.get(0), dids.get(999), dids.get(1000), dids.get(2_499))) {
        assertThat(n.client.resolveDid(did, Optional.empty(), false).didDocument().id())
            .isEqualTo(did);
      }

      // Submitting the same file again: every batch is refused (the DIDs exist), nothing changes,
      // and every line is kept with the reason.
      long height = n.client.status().height();
      Result again =
          jing(
              n,
              "did",
              "create-batch",
              "--ops",
              ops.toString(),
              "--key",
              registrar.toString(),
              "--password-file",
              pw.toString(),
              "--batch",
              "1000",
              "--json");
      assertThat(again.exit()).isEqualTo(3);
      assertThat(JSON.readTree(again.out()).get("failed").asInt()).isEqualTo(2_500);
      List<String> failed = Files.readAllLines(dir.resolve("residents.ops.failed"));
      assertThat(failed.stream().filter(l -> l.startsWith("# lines"))).hasSize(3);
      assertThat(failed.get(0)).contains("DID_EXISTS");
      assertThat(failed.stream().filter(l -> !l.startsWith("#"))).hasSize(2_500);
      assertThat(n.client.status().height()).isGreaterThanOrEqualTo(height);

      // A file with a line that is not a signed create is refused before anything is sent.
      Path bad = dir.resolve("bad.ops");
      Files.writeString(bad, "00ff\n");
      Result refused =
          jing(
              n,
              "did",
              "create-batch",
              "--ops",
              bad.toString(),
              "--key",
              registrar.toString(),
              "--password-file",
              pw.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("line 1 is not a signed DID create");
    }
  }
}
