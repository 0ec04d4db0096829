package org.jingchain.identity;

import java.util.Objects;

/**
 * A key of a DID document with what it may be used for.
 *
 * @param relationships bit 0: authentication, bit 1: assertionMethod
 */
public record VerificationMethod(String id, DidKey key, int relationships) {
  public static final int AUTHENTICATION = 1;
  public static final int ASSERTION = 2;

  public VerificationMethod {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
  }
}
