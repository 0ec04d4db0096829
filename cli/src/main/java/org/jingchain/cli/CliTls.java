package org.jingchain.cli;

import java.nio.file.Path;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Tls;

/**
 * The TLS options of a command ({@code --ca}, {@code --client-cert}, {@code
 * --client-cert-password-file}, or their environment variables), for every node it talks to over
 * https. Kept until the first https connection, which builds the context from them; a plain-http
 * command never builds one (start-up stays fast).
 */
final class CliTls {
  private static Path ca;
  private static Path clientCert;
  private static Path clientCertPassword;

  private CliTls() {}

  /** Forgets the options of an earlier run in this process: back to the JDK's defaults. */
  static synchronized void reset() {
    if (ca != null || clientCert != null || clientCertPassword != null) {
      ca = null;
      clientCert = null;
      clientCertPassword = null;
      JingClient.useTls(null);
    }
  }

  static synchronized void ca(Path p) {
    if (p != null) {
      ca = p;
      install();
    }
  }

  static synchronized void clientCert(Path p) {
    if (p != null) {
      clientCert = p;
      install();
    }
  }

  static synchronized void clientCertPassword(Path p) {
    if (p != null) {
      clientCertPassword = p;
      install();
    }
  }

  private static void install() {
    Path trust = ca;
    Path cert = clientCert;
    Path password = clientCertPassword;
    JingClient.useTls(
        () -> {
          if (cert != null && password == null) {
            throw new CliException(
                "--client-cert needs --client-cert-password-file (or JING_CLIENT_CERT_PASSWORD_FILE)");
          }
          try {
            return Tls.clientContext(
                trust,
                cert,
                cert == null ? null : org.jingchain.crypto.TlsFiles.password(password));
          } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
          }
        });
  }
}
