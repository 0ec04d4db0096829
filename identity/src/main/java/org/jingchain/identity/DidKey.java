package org.jingchain.identity;

import java.util.Objects;
import org.jingchain.types.Bytes;

/** A public key a DID uses: Ed25519, SM2 or P-256 (docs/spec/did-method.md, Keys). */
public record DidKey(Type type, Bytes publicKey) {
  /** Key types with their encoding tag and public key length. */
  public enum Type {
    ED25519(1, 32, "Ed25519VerificationKey2020"),
    SM2(2, 33, "SM2VerificationKey"),
    P256(3, 33, "EcdsaSecp256r1VerificationKey2019");

    final int tag;
    final int length;
    final String didCoreType;

    Type(int tag, int length, String didCoreType) {
      this.tag = tag;
      this.length = length;
      this.didCoreType = didCoreType;
    }

    public String didCoreType() {
      return didCoreType;
    }

    static Type ofTag(int tag) {
      for (Type t : values()) {
        if (t.tag == tag) {
          return t;
        }
      }
      throw new IllegalArgumentException("unknown key type " + tag);
    }
  }

  public DidKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.length() != type.length) {
      throw new IllegalArgumentException(
          type + " public key must be " + type.length + " bytes, got " + publicKey.length());
    }
  }
}
