package org.jingchain.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jingchain.types.PublicKey;

/**
 * One signature to check in a {@link BatchVerifier} batch. The arrays are not copied (batches are
 * large and hot); callers must not modify them until the batch has been verified.
 */
@SuppressWarnings("ArrayRecordComponent") // equals, hashCode and toString compare contents
public record VerifyRequest(PublicKey key, byte[] message, byte[] signature) {
  public VerifyRequest {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifyRequest r
        && key.equals(r.key)
        && Arrays.equals(message, r.message)
        && Arrays.equals(signature, r.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, Arrays.hashCode(message), Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return "VerifyRequest[key="
        + key
        + ", message="
        + message.length
        + " bytes, signature="
        + HexFormat.of().formatHex(signature)
        + "]";
  }
}
