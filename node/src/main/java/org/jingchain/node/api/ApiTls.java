package org.jingchain.node.api;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.jingchain.crypto.TlsFiles;

/**
 * HTTPS for the API (docs/security.md, "TLS"): the node's certificate chain and private key from a
 * PKCS#12 file (encrypted at rest by its password, kept in a file of its own), TLS 1.3 and 1.2
 * only, and, when a client CA is given, mutual TLS: a client must present a certificate that CA
 * issued, or the handshake fails before any request is read.
 *
 * @param keystore the PKCS#12 file
 * @param password its password
 * @param clientCa PEM of the authorities whose client certificates are accepted, or null
 */
public record ApiTls(Path keystore, char[] password, Path clientCa) {
  /** The protocols offered: TLS 1.3, and 1.2 for older clients; nothing older. */
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  SSLContext context() {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(TlsFiles.keyStore(keystore, password), password);
      TrustManagerFactory tmf = null;
      if (clientCa != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(TlsFiles.trustStore(clientCa));
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot use " + keystore + " for the API's TLS: " + e.getMessage(), e);
    }
  }

  public HttpsConfigurator configurator() {
    SSLContext ctx = context();
    boolean mutual = clientCa != null;
    return new HttpsConfigurator(ctx) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = ctx.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setNeedClientAuth(mutual);
        params.setSSLParameters(p);
      }
    };
  }
}
