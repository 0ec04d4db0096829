package org.jingchain.types;

import java.util.HexFormat;
import java.util.Objects;

/**
 * An account address: the suite tag and the first 20 bytes of the suite hash of the public key.
 * Text form: {@code ji} (intl) or {@code js} (sm) followed by 40 lower-case hex characters.
 */
public record Address(SuiteId suite, Bytes body) implements Comparable<Address> {
  public static final int BODY_LENGTH = 20;

  public Address {
    Objects.requireNonNull(suite, "suite");
    if (body.length() != BODY_LENGTH) {
      throw new IllegalArgumentException("address body must be 20 bytes, got " + body.length());
    }
  }

  /** Derives the address of {@code key}; {@code hash} must be the suite's own hash function. */
  public static Address of(PublicKey key, HashFunction hash) {
    byte[] digest = hash.hash(key.bytes().unsafeArray()).unsafeArray();
    byte[] body = new byte[BODY_LENGTH];
    System.arraycopy(digest, 0, body, 0, BODY_LENGTH);
    return new Address(key.suite(), Bytes.wrap(body));
  }

  /**
   * Parses the text form; throws {@link IllegalArgumentException} with the reason when malformed.
   */
  public static Address parse(String text) {
    if (text.length() != 42 || text.charAt(0) != 'j') {
      throw new IllegalArgumentException(
          "an address is 'ji' or 'js' followed by 40 hex characters, got '" + text + "'");
    }
    SuiteId suite =
        switch (text.charAt(1)) {
          case 'i' -> SuiteId.INTL;
          case 's' -> SuiteId.SM;
          default -> throw new IllegalArgumentException("unknown address prefix in '" + text + "'");
        };
    String hex = text.substring(2);
    if (!hex.equals(hex.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("address hex must be lower case: '" + text + "'");
    }
    return new Address(suite, Bytes.wrap(HexFormat.of().parseHex(hex)));
  }

  @Override
  public int compareTo(Address o) {
    int c = Integer.compare(suite.tag(), o.suite.tag());
    return c != 0 ? c : body.compareTo(o.body);
  }

  @Override
  public String toString() {
    return (suite == SuiteId.INTL ? "ji" : "js") + body.toHex();
  }
}
