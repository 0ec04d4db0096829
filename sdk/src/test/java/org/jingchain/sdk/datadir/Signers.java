package org.jingchain.sdk.datadir;

import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestKey;

/** The access-token signer of a test party's {@code key-1}, whatever its key type. */
final class Signers {
  private Signers() {}

  static AccessSigner of(Party p) {
    return switch (p.key()) {
      case TestKey.OfSuite k -> AccessSigner.of(k.pair(), p.kid());
      case TestKey.P256 k -> AccessSigner.p256(k.pair().getPrivate(), p.kid());
    };
  }
}
