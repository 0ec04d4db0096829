package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jingchain.cli.CliRun.Result;
import org.jingchain.sdk.JingApiException;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Tls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the API of a real node process (docs/security.md, "TLS"), with certificates an
 * organisation's certificate authority issued, made here with the JDK's keytool: the CLI reaches
 * the node with the CA named and is told what to do without it; plain HTTP gets nowhere; with a
 * client CA set, only a client holding a certificate that CA issued gets an answer — none, or one
 * from another authority, fails the handshake before any request is read.
 */
class TlsIT {
  static final String PW = "tls-it-store";
  @TempDir Path tmp;

  @AfterEach
  void defaults() {
    JingClient.useTls(null);
  }

  /** Runs the JDK's keytool in {@code tmp}. */
  void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", args) + "\n" + out).isZero();
  }

  /** An authority: {@code name}.p12 holding its key, {@code name}.pem its certificate. */
  void authority(String name) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-ext",
        "bc:c",
        "-validity",
        "30",
        "-keystore",
        name + ".p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PW);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        name + ".p12",
        "-storepass",
        PW,
        "-file",
        name + ".pem");
  }

  /** {@code name}.p12: a key and the certificate {@code ca} issued for it, with the chain. */
  void issued(String ca, String name, String... ext) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-keystore",
        name + ".p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PW);
    keytool(
        "-certreq",
        "-alias",
        name,
        "-keystore",
        name + ".p12",
        "-storepass",
        PW,
        "-file",
        name + ".csr");
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca + ".p12",
                "-storepass",
                PW,
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".crt",
                "-rfc",
                "-validity",
                "30"));
    for (String e : ext) {
      gen.add("-ext");
      gen.add(e);
    }
    keytool(gen.toArray(String[]::new));
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        ca + ".pem",
        "-keystore",
        name + ".p12",
        "-storepass",
        PW);
    keytool(
        "-importcert",
        "-alias",
        name,
        "-file",
        name + ".crt",
        "-keystore",
        name + ".p12",
        "-storepass",
        PW);
  }

  static Result jing(String... args) {
    return CliRun.run(List.of(args));
  }

  NodeProcess start(Path pw, int port, String... tls) throws Exception {
    List<String> extra = new ArrayList<>();
    for (String t : tls) {
      extra.add("--set");
      extra.add(t);
    }
    NodeProcess node =
        NodeProcess.start(tmp.resolve("chain"), pw, port, extra.toArray(String[]::new));
    JingClient.useTls(
        () ->
            Tls.clientContext(tmp.resolve("org.pem"), tmp.resolve("client.p12"), PW.toCharArray()));
    JingClient c = new JingClient("https://127.0.0.1:" + port, Duration.ofSeconds(5));
    NetworkIT.await(
        "the node answers over https",
        () -> {
          try {
            return c.status().height() >= 0;
          } catch (JingApiException notYet) {
            return false;
          }
        });
    JingClient.useTls(null);
    return node;
  }

  @Test
  void theApiServesHttpsAndWithAClientCaOnlyItsClients() throws Exception {
    authority("org");
    authority("stranger");
    issued("org", "node0", "san=ip:127.0.0.1", "eku=serverAuth");
    issued("org", "client", "eku=clientAuth");
    issued("stranger", "intruder", "eku=clientAuth");
    Path storePw = tmp.resolve("store-password");
    Files.writeString(storePw, PW);
    Path pw = tmp.resolve("node-password");
    Files.writeString(pw, "tls-it");
    int port = NodeProcess.freePort();
    String https = "--api=https://127.0.0.1:" + port;
    String ca = tmp.resolve("org.pem").toString();

    NodeProcess node =
        start(
            pw,
            port,
            "api.tls.keystore=" + tmp.resolve("node0.p12"),
            "api.tls.keystorePasswordFile=" + storePw);
    try {
      Result ok = jing("status", https, "--ca", ca);
      assertThat(ok.exit()).as(ok.err()).isZero();
      assertThat(ok.out()).contains("jing-dev");
      Result untrusted = jing("status", https);
      assertThat(untrusted.exit()).isEqualTo(1);
      assertThat(untrusted.err()).contains("TLS handshake").contains("--ca");
      Result plain = jing("status", "--api=http://127.0.0.1:" + port);
      assertThat(plain.exit()).as("plain HTTP gets no answer from an https port").isEqualTo(1);
      assertThat(Files.readString(node.log)).contains("API https://127.0.0.1:" + port);
    } finally {
      node.terminate();
    }

    node =
        start(
            pw,
            port,
            "api.tls.keystore=" + tmp.resolve("node0.p12"),
            "api.tls.keystorePasswordFile=" + storePw,
            "api.tls.clientCa=" + ca);
    try {
      Result member =
          jing(
              "status",
              https,
              "--ca",
              ca,
              "--client-cert",
              tmp.resolve("client.p12").toString(),
              "--client-cert-password-file",
              storePw.toString());
      assertThat(member.exit()).as(member.err()).isZero();
      Result anonymous = jing("status", https, "--ca", ca);
      assertThat(anonymous.exit()).isEqualTo(1);
      // Under TLS 1.3 the server refuses a missing client certificate after the client's side of
      // the handshake completed, so the client sees either a failed handshake or a closed
      // connection, depending on timing; both answers must point at client certificates.
      assertThat(anonymous.err()).doesNotContain("jing-dev").containsIgnoringCase("client cert");
      Result intruder =
          jing(
              "status",
              https,
              "--ca",
              ca,
              "--client-cert",
              tmp.resolve("intruder.p12").toString(),
              "--client-cert-password-file",
              storePw.toString());
      assertThat(intruder.exit()).as("a certificate of another authority").isEqualTo(1);
      assertThat(intruder.err()).doesNotContain("jing-dev").contains("client certificate");
      Result noPassword =
          jing("status", https, "--ca", ca, "--client-cert", tmp.resolve("client.p12").toString());
      assertThat(noPassword.exit()).isEqualTo(1);
      assertThat(noPassword.err()).contains("--client-cert-password-file");
    } finally {
      node.terminate();
    }
  }

  @Test
  void aKeystoreThatDoesNotOpenStopsTheNodeWithTheReason() throws Exception {
    Path pw = tmp.resolve("node-password");
    Files.writeString(pw, "tls-it");
    Path wrong = tmp.resolve("wrong");
    Files.writeString(wrong, "not-the-password");
    authority("org");
    issued("org", "node0", "san=ip:127.0.0.1");
    Result r =
        jing(
            "dev",
            "--data-dir",
            tmp.resolve("chain").toString(),
            "--api-port",
            "0",
            "--password-file",
            pw.toString(),
            "--set",
            "api.tls.keystore=" + tmp.resolve("node0.p12"),
            "--set",
            "api.tls.keystorePasswordFile=" + wrong);
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("node0.p12");
  }
}
