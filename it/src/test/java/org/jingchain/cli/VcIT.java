package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.crypto.EncryptedKeyStore;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5's story from the CLI against a real node, in both suites: a university gets trusted for a
 * degree schema, issues an SD-JWT credential with five claims to a graduate, who presents two of
 * them to an employer; the employer's verification (every chain read certified by the validators of
 * the chain's genesis) accepts it, then refuses it while suspended and after revocation.
 */
class VcIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SCHEMA =
      """
      {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
       "properties":{"name":{"type":"string"},"degree":{"type":"string"},
        "university":{"type":"string"},"graduationYear":{"type":"integer"},
        "gpa":{"type":"number","maximum":4}},
       "required":["name","degree","university","graduationYear","gpa"],
       "additionalProperties":false}
      """;
  static final String CLAIMS =
      "{\"name\":\"Li Wei\",\"degree\":\"MSc Computer Science\",\"university\":\"Jing University\","
          + "\"graduationYear\":2026,\"gpa\":3.8}";
  static final String AUD = "https://employer.example";

  @TempDir Path dir;
  TestNode node;
  Path pw;

  Result jing(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("keys") && !all.contains("present") && !all.contains("--help")) {
      all.add("--api=" + node.url);
    }
    return CliRun.run(all);
  }

  Result ok(String... args) {
    Result r = jing(args);
    assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    return r;
  }

  String key(String name, SuiteId suite) {
    Path k = dir.resolve(name + ".key");
    ok(
        "keys",
        "new",
        "--suite",
        suite.label(),
        "--out",
        k.toString(),
        "--password-file",
        pw.toString());
    return k.toString();
  }

  String did(String key, String recovery) {
    return ok(
            "did",
            "create",
            "--key",
            key,
            "--recovery-key",
            recovery,
            "--password-file",
            pw.toString())
        .out()
        .lines()
        .filter(l -> l.startsWith("did "))
        .findFirst()
        .orElseThrow()
        .substring(4);
  }

  Result verify(Path presentation, String nonce) {
    return jing(
        "vc",
        "verify",
        "--in",
        presentation.toString(),
        "--audience",
        AUD,
        "--nonce",
        nonce,
        "--genesis",
        dir.resolve("node/genesis.json").toString(),
        "--json");
  }

  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aGraduatePresentsTwoOfFiveClaimsAndTheEmployerSeesRevocation(SuiteId suite)
      throws Exception {
    try (TestNode n = new TestNode(dir.resolve("node"), suite)) {
      node = n;
      pw = dir.resolve("pw");
      Files.writeString(pw, "correct horse battery staple");
      Path validatorKey = dir.resolve("validator.key");
      EncryptedKeyStore.write(
          validatorKey, n.validator, "correct horse battery staple".toCharArray());
      String uniKey = key("uni", suite);
      String uni = did(uniKey, key("uni-recovery", suite));
      String liKey = key("li", suite);
      String li = did(liKey, key("li-recovery", suite));
      String[] issuerAuth = {"--key", uniKey, "--password-file", pw.toString(), "--issuer", uni};

      Path schemaFile = dir.resolve("degree.schema.json");
      Files.writeString(schemaFile, SCHEMA);
      String[] registrar = {"--key", validatorKey.toString(), "--password-file", pw.toString()};
      // A stranger cannot register schemas; the validator (the registrar) can.
      assertThat(
              jing(
                      "trust",
                      "add-schema",
                      "--file",
                      schemaFile.toString(),
                      "--key",
                      uniKey,
                      "--password-file",
                      pw.toString())
                  .out())
          .contains("TRUST_UNAUTHORIZED");
      String schema =
          ok(cat(new String[] {"trust", "add-schema", "--file", schemaFile.toString()}, registrar))
              .out()
              .lines()
              .filter(l -> l.startsWith("schema "))
              .findFirst()
              .orElseThrow()
              .substring(7);
      ok(cat(new String[] {"trust", "add-issuer", "--issuer", uni, "--schema", schema}, registrar));
      assertThat(ok("trust", "show", "--schema", schema, "--issuer", uni).out())
          .contains("TRUSTED");

      ok(
          cat(
              new String[] {"vc", "list-create", "--list", "revoked", "--purpose", "revocation"},
              issuerAuth));
      ok(
          cat(
              new String[] {"vc", "list-create", "--list", "held", "--purpose", "suspension"},
              issuerAuth));

      // Claims the schema refuses are not signed.
      Result bad =
          jing(
              cat(
                  new String[] {
                    "vc",
                    "issue",
                    "--holder",
                    li,
                    "--schema",
                    schema,
                    "--claims",
                    CLAIMS.replace("3.8", "5.0"),
                    "--out",
                    dir.resolve("x").toString()
                  },
                  issuerAuth));
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.err()).contains("SCHEMA_MISMATCH");

      Path credential = dir.resolve("li.sdjwt");
      Path claimsFile = dir.resolve("claims.json");
      Files.writeString(claimsFile, CLAIMS);
      Result issued =
          ok(
              cat(
                  new String[] {
                    "vc",
                    "issue",
                    "--holder",
                    li,
                    "--schema",
                    schema,
                    "--claims-file",
                    claimsFile.toString(),
                    "--type",
                    "UniversityDegreeCredential",
                    "--revocation-list",
                    "revoked",
                    "--suspension-list",
                    "held",
                    "--status-index",
                    "17",
                    "--out",
                    credential.toString()
                  },
                  issuerAuth));
      assertThat(issued.out()).contains("name, degree, university, graduationYear, gpa");

      Path presentation = dir.resolve("li.presentation");
      Result presented =
          ok(
              "vc",
              "present",
              "--json",
              "--credential",
              credential.toString(),
              "--holder",
              li,
              "--holder-key",
              liKey,
              "--password-file",
              pw.toString(),
              "--disclose",
              "degree,graduationYear",
              "--audience",
              AUD,
              "--nonce",
              "n-1",
              "--out",
              presentation.toString());
      JsonNode made = presented.json();
      assertThat(made.get("format").asText()).isEqualTo("sd-jwt");
      assertThat(made.get("file").asText()).isEqualTo(presentation.toString());
      assertThat(made.get("disclosed").toString()).isEqualTo("[\"degree\",\"graduationYear\"]");

      Result accepted = verify(presentation, "n-1");
      assertThat(accepted.exit()).as(accepted.out() + accepted.err()).isZero();
      JsonNode v = accepted.json();
      assertThat(v.get("valid").asBoolean()).isTrue();
      assertThat(v.get("issuer").asText()).isEqualTo(uni);
      assertThat(v.get("holder").asText()).isEqualTo(li);
      assertThat(v.get("holderBound").asBoolean()).isTrue();
      assertThat(fieldNames(v.get("claims"))).containsExactly("degree", "graduationYear");
      assertThat(Files.readString(presentation)).doesNotContain("Li Wei");

      // Another verifier's nonce: refused.
      assertThat(verify(presentation, "n-2").json().get("reason").asText())
          .isEqualTo("HOLDER_BINDING");

      ok(cat(new String[] {"vc", "suspend", "--list", "held", "--index", "17"}, issuerAuth));
      Result suspended = verify(presentation, "n-1");
      assertThat(suspended.exit()).isEqualTo(1);
      assertThat(suspended.json().get("reason").asText()).isEqualTo("SUSPENDED");
      ok(
          cat(
              new String[] {"vc", "suspend", "--list", "held", "--index", "17", "--lift"},
              issuerAuth));
      assertThat(verify(presentation, "n-1").exit()).isZero();

      ok(cat(new String[] {"vc", "revoke", "--list", "revoked", "--index", "17"}, issuerAuth));
      Result revoked = verify(presentation, "n-1");
      assertThat(revoked.exit()).isEqualTo(1);
      assertThat(revoked.json().get("reason").asText()).isEqualTo("REVOKED");

      // A whole JWT credential, presented in a VP; then the registrar withdraws trust.
      Path jwt = dir.resolve("li.jwt");
      ok(
          cat(
              new String[] {
                "vc",
                "issue",
                "--holder",
                li,
                "--schema",
                schema,
                "--format",
                "jwt",
                "--claims",
                CLAIMS,
                "--out",
                jwt.toString()
              },
              issuerAuth));
      Path vp = dir.resolve("li.vp");
      ok(
          "vc",
          "present",
          "--credential",
          jwt.toString(), // no --holder: it defaults to the DID the credential was issued to
          "--holder-key",
          liKey,
          "--password-file",
          pw.toString(),
          "--audience",
          AUD,
          "--nonce",
          "n-3",
          "--out",
          vp.toString());
      assertThat(verify(vp, "n-3").json().get("claims").size()).isEqualTo(5);
      ok(
          cat(
              new String[] {"trust", "remove-issuer", "--issuer", uni, "--schema", schema},
              registrar));
      assertThat(verify(vp, "n-3").json().get("reason").asText()).isEqualTo("UNTRUSTED_ISSUER");
    }
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static String[] cat(String[] a, String[] b) {
    String[] r = new String[a.length + b.length];
    System.arraycopy(a, 0, r, 0, a.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
