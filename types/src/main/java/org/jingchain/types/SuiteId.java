package org.jingchain.types;

import java.util.Locale;
import java.util.Optional;

/**
 * The crypto suite a chain picks at genesis; its tag byte is part of every encoded key and address.
 */
public enum SuiteId {
  /** Ed25519, SHA-256, AES-256-GCM, X25519. */
  INTL(1, "intl", 32),
  /** SM2 (GB/T 32918), SM3 (GB/T 32905), SM4-GCM (GB/T 32907). */
  SM(2, "sm", 33);

  private final int tag;
  private final String label;
  private final int publicKeyLength;

  SuiteId(int tag, String label, int publicKeyLength) {
    this.tag = tag;
    this.label = label;
    this.publicKeyLength = publicKeyLength;
  }

  /** The byte that identifies the suite in encodings. */
  public int tag() {
    return tag;
  }

  /** The name users type: {@code intl} or {@code sm}. */
  public String label() {
    return label;
  }

  /** Length in bytes of an encoded public key (Ed25519 raw, SM2 compressed point). */
  public int publicKeyLength() {
    return publicKeyLength;
  }

  public static Optional<SuiteId> fromTag(int tag) {
    for (SuiteId s : values()) {
      if (s.tag == tag) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public static Optional<SuiteId> fromLabel(String label) {
    for (SuiteId s : values()) {
      if (s.label.equals(label.toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return label;
  }
}
