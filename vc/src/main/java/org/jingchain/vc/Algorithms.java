package org.jingchain.vc;

import java.util.Optional;
import org.jingchain.identity.DidKey;

/**
 * The JOSE algorithm of each DID key type: {@code EdDSA} (Ed25519, RFC 8037), {@code ES256} (P-256
 * with SHA-256, RFC 7518) and {@code SM2SM3} (SM2 with SM3, GB/T 32918.2, user id
 * "1234567812345678", signature r || s in 64 bytes; not IANA-registered, docs/spec/credentials.md).
 */
public final class Algorithms {
  public static final String EDDSA = "EdDSA";
  public static final String ES256 = "ES256";
  public static final String SM2SM3 = "SM2SM3";

  private Algorithms() {}

  public static String of(DidKey.Type type) {
    return switch (type) {
      case ED25519 -> EDDSA;
      case P256 -> ES256;
      case SM2 -> SM2SM3;
    };
  }

  /** The key type an algorithm needs; empty for an algorithm we do not accept (none, HS256...). */
  public static Optional<DidKey.Type> keyType(String alg) {
    return switch (alg) {
      case EDDSA -> Optional.of(DidKey.Type.ED25519);
      case ES256 -> Optional.of(DidKey.Type.P256);
      case SM2SM3 -> Optional.of(DidKey.Type.SM2);
      default -> Optional.empty();
    };
  }
}
