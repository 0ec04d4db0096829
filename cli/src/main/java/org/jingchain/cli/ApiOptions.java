package org.jingchain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import org.jingchain.sdk.JingClient;
import picocli.CommandLine.Option;

/** Options shared by every command that talks to a node: where it is and how to print. */
final class ApiOptions {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--api",
      defaultValue = "${env:JING_API:-http://127.0.0.1:8645}",
      converter = NodeUrl.class,
      description = "Node API base URL (env JING_API; default ${DEFAULT-VALUE}).")
  String api;

  @Option(names = "--json", description = "Print machine-readable JSON instead of text.")
  boolean json;

  @Option(
      names = "--ca",
      paramLabel = "PEM",
      defaultValue = "${env:JING_CA}",
      description =
          "For an https node: the certificate authorities to trust for its certificate (env"
              + " JING_CA; default: the JDK's).")
  void ca(java.nio.file.Path pem) {
    CliTls.ca(pem);
  }

  @Option(
      names = "--client-cert",
      paramLabel = "P12",
      defaultValue = "${env:JING_CLIENT_CERT}",
      description =
          "For a node that asks for one (mutual TLS): this client's certificate and key, a"
              + " PKCS#12 file (env JING_CLIENT_CERT).")
  void clientCert(java.nio.file.Path p12) {
    CliTls.clientCert(p12);
  }

  @Option(
      names = "--client-cert-password-file",
      paramLabel = "FILE",
      defaultValue = "${env:JING_CLIENT_CERT_PASSWORD_FILE}",
      description = "The PKCS#12 file's password (env JING_CLIENT_CERT_PASSWORD_FILE).")
  void clientCertPassword(java.nio.file.Path file) {
    CliTls.clientCertPassword(file);
  }

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "A bearer token for a chain whose read rules are not public (make one with jing auth"
              + " token). Without it, a command that signs with --key reads with tokens that key"
              + " makes, and any other sends env JING_TOKEN.")
  void token(String token) {
    this.token = token == null || token.isBlank() ? null : token.strip();
  }

  /** The token given with --token, or null. */
  String token;

  /** The crypto suite of the chain a node reports in its status. */
  static org.jingchain.crypto.CryptoSuite suiteOf(org.jingchain.sdk.model.NodeStatus status) {
    return org.jingchain.crypto.CryptoSuites.of(
        org.jingchain.types.SuiteId.fromLabel(status.suite())
            .orElseThrow(
                () -> new CliException("the node reports an unknown suite " + status.suite())));
  }

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

  /**
   * A client of the node at --api, sending --token when given; else, in a command that signs with
   * --key, tokens that key makes (a member reads what it sends on a chain whose reads are for
   * members); else env JING_TOKEN. A stale JING_TOKEN never stands in the way of a key.
   */
  JingClient client() {
    JingClient c = new JingClient(api);
    String t = token;
    if (t != null) {
      return c.withToken(() -> t);
    }
    if (mixee != null && mixee.userObject() instanceof TxOptions tx && tx.key != null) {
      return c.withToken(tx.signersTokens(c));
    }
    String env = System.getenv("JING_TOKEN");
    return env == null || env.isBlank() ? c : c.withToken(env::strip);
  }

  /**
   * Prints {@code human}, or with {@code --json} the answer as JSON: a record of the SDK's model
   * writes the node's JSON back as the node sent it.
   */
  void print(PrintWriter out, Object answer, String human) {
    print(out, json, answer, human);
  }

  /** {@link #print(PrintWriter, Object, String)} for a command with a --json flag of its own. */
  static void print(PrintWriter out, boolean json, Object answer, String human) {
    if (json) {
      try {
        out.println(JSON.writeValueAsString(answer));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new CliException("cannot render JSON: " + e.getMessage());
      }
    } else {
      out.println(human);
    }
  }
}
