package org.jingchain.vc;

import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestKey;

/** The credential signer of a test party's {@code key-1}, whatever its key type. */
final class Signers {
  private Signers() {}

  static CredentialSigner of(Party p) {
    return switch (p.key()) {
      case TestKey.OfSuite k -> CredentialSigner.of(k.pair(), p.kid());
      case TestKey.P256 k -> CredentialSigner.p256(k.pair().getPrivate(), p.kid());
    };
  }
}
