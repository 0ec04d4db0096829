package org.jingchain.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The files TLS needs, read with the JDK alone: PEM certificates (a trust store of authorities) and
 * PKCS#12 key stores (a certificate chain with its private key, encrypted by a password), for the
 * node's API server and for its clients (docs/security.md, "TLS").
 */
public final class TlsFiles {
  private TlsFiles() {}

  /** The X.509 certificates of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks). */
  public static Collection<? extends Certificate> certificates(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(pem + " holds no certificate");
      }
      return certs;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read certificates from " + pem + ": " + e, e);
    }
  }

  /** A trust store holding exactly the certificates of {@code caPem}. */
  public static KeyStore trustStore(Path caPem) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certificates(caPem)) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot make a trust store of " + caPem + ": " + e, e);
    }
  }

  /** A PKCS#12 file (certificate chain and encrypted private key) opened with its password. */
  public static KeyStore keyStore(Path p12, char[] password) {
    try (InputStream in = Files.newInputStream(p12)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot open " + p12 + " (a PKCS#12 file and its password): " + e.getMessage(), e);
    }
  }

  /** A password kept in a file (its first line, trailing whitespace dropped). */
  public static char[] password(Path file) {
    try {
      return Files.readString(file).strip().toCharArray();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read password file " + file + ": " + e, e);
    }
  }
}
