package org.jingchain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jingchain.identity.DidTestKeys.SigningKey;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.junit.jupiter.api.Test;

/**
 * Checks made ahead of execution (DidPrecheck) and remembered (DidSignatures' caches) never change
 * an answer: a forged signature stays forged, a valid one stays valid, whatever was warmed before.
 */
class DidPrecheckTest {
  static final String CHAIN = "jing-test";

  @Test
  void warmingChangesNoAnswer() {
    SigningKey update = DidTestKeys.ed25519();
    SigningKey recovery = DidTestKeys.sm2();
    SigningKey other = DidTestKeys.p256();
    var create = new DidOperation.Create(CHAIN, update.key(), recovery.key(), List.of(), List.of());
    Bytes good = DidTestKeys.signed(create, update);
    Bytes forged = DidTestKeys.signed(create, other); // signed by a key that is not the update key
    DidPrecheck.warmAll(
        List.of(new Call("did", "create", good), new Call("did", "create", forged)));
    DidPrecheck.warm(new Call("did", "createBatch", Bytes.wrap(new byte[] {1, 2, 3}))); // garbage
    DidPrecheck.warm(new Call("asset", "create", Bytes.EMPTY)); // not a DID call

    byte[] op = DidCodec.encode(create);
    DidCodec.Signed g = DidCodec.decodeSigned(good.unsafeArray());
    DidCodec.Signed f = DidCodec.decodeSigned(forged.unsafeArray());
    for (int i = 0; i < 2; i++) { // first from the cache, then again
      assertThat(DidSignatures.verify(update.key(), op, g.signature())).isTrue();
      assertThat(DidSignatures.verify(update.key(), op, f.signature())).isFalse();
      assertThat(DidSignatures.verify(other.key(), op, f.signature())).isTrue();
      assertThat(DidSignatures.isValid(update.key())).isTrue();
      assertThat(DidSignatures.isValid(recovery.key())).isTrue();
    }
    // A point that is not on the curve is invalid, cached or not.
    DidKey bogus = new DidKey(DidKey.Type.SM2, Bytes.wrap(new byte[33]));
    assertThat(DidSignatures.isValid(bogus)).isFalse();
    assertThat(DidSignatures.isValid(bogus)).isFalse();
  }
}
