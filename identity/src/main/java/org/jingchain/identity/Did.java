package org.jingchain.identity;

import java.util.HexFormat;
import java.util.Optional;
import org.jingchain.codec.Encoder;
import org.jingchain.types.HashFunction;

/** did:jing identifiers: derivation from the initial keys [DID-1] and parsing. */
public final class Did {
  public static final String PREFIX = "did:jing:";

  private Did() {}

  /** {@code did:jing:<first 20 bytes of H(0x40 || updateKey || recoveryKey) in hex>}. */
  public static String derive(DidKey updateKey, DidKey recoveryKey, HashFunction hash) {
    Encoder e = new Encoder(80).u8(0x40);
    DidCodec.key(e, updateKey);
    DidCodec.key(e, recoveryKey);
    byte[] h = hash.hash(e.toByteArray()).toByteArray();
    return PREFIX + HexFormat.of().formatHex(h, 0, 20);
  }

  /** The method-specific id of a well-formed did:jing, or empty. */
  public static Optional<String> id(String did) {
    if (did.length() == PREFIX.length() + 40
        && did.startsWith(PREFIX)
        && did.substring(PREFIX.length()).matches("[0-9a-f]{40}")) {
      return Optional.of(did.substring(PREFIX.length()));
    }
    return Optional.empty();
  }

  /** The state key of a DID's record. */
  public static String stateKey(String id) {
    return "did/doc/" + id;
  }
}
