package org.jingchain.sdk;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jingchain.crypto.TlsFiles;

/**
 * TLS for a node's API (docs/security.md, "TLS"): which certificate authorities a client trusts for
 * the node's certificate, and the client's own certificate when the node asks for one (mutual TLS).
 * Everything here is the JDK's own TLS (1.3 and 1.2); {@link JingClient#useTls} puts it to use.
 */
public final class Tls {
  private Tls() {}

  /**
   * A client context that trusts the certificate authorities of {@code caPem} (null: the JDK's
   * default ones) and, when {@code clientP12} is given, presents that certificate.
   */
  public static SSLContext clientContext(Path caPem, Path clientP12, char[] clientPassword) {
    try {
      TrustManagerFactory tmf = null;
      if (caPem != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TlsFiles.trustStore(caPem));
      }
      KeyManagerFactory kmf = null;
      if (clientP12 != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(TlsFiles.keyStore(clientP12, clientPassword), clientPassword);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(),
          null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }
}
