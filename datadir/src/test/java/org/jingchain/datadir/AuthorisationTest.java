package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.datadir.Samples.registerCall;
import static org.jingchain.testkit.TestChain.DAY;

import java.util.List;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * [DD-2] a transaction acts as a DID only when its sender is one of the DID's current
 * authentication keys of the chain's suite, and the DID is live.
 */
class AuthorisationTest {
  // [DD-2] on both suites
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void theAuthenticationKeyOfALiveDidActsForIt(SuiteId suite) {
    TestChain chain = new TestChain(suite, DatadirContract::new);
    Party owner = chain.party("owner");
    Party other = chain.party("other");
    chain.ok(owner, registerCall("a", owner.did(), Policy.approval()));
    assertThat(chain.refused(other, registerCall("b", owner.did(), Policy.approval())))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(chain.refused(other, Samples.setPolicy("a", Policy.everyone())))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    chain.ok(owner, Samples.setPolicy("a", Policy.everyone()));
  }

  // [DD-2] a removed key acts no more; its replacement does at once
  @Test
  void aRotatedOutKeyNoLongerActs() {
    TestChain chain = new TestChain(DatadirContract::new);
    Party owner = chain.party("owner");
    chain.ok(owner, registerCall("a", owner.did(), Policy.approval()));
    KeyPair next = chain.key("owner/next");
    chain.updateDid(
        owner,
        new DidOperation.Patch.RemoveMethod(Party.KEY_TX),
        new DidOperation.Patch.AddMethod(
            new VerificationMethod(
                "key-2", TestKeys.didKey(next), VerificationMethod.AUTHENTICATION)));

    assertThat(chain.refused(owner, Samples.setPolicy("a", Policy.everyone())))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    assertThat(chain.refused(owner, registerCall("b", owner.did(), Policy.approval())))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    chain.ok(next.address(), Samples.setPolicy("a", Policy.everyone()));
    chain.ok(next.address(), registerCall("b", owner.did(), Policy.approval()));
  }

  // [DD-2] neither the update key, nor an assertion-only key, nor a P-256 key acts
  @Test
  void onlyAuthenticationKeysOfTheChainsSuiteAct() {
    TestChain chain = new TestChain(DatadirContract::new);
    KeyPair update = chain.key("update");
    KeyPair assertion = chain.key("assertion");
    String did =
        chain.createDid(
            update,
            chain.key("recovery"),
            List.of(
                new VerificationMethod(
                    "sign", TestKeys.didKey(assertion), VerificationMethod.ASSERTION),
                new VerificationMethod(
                    "phone",
                    TestKeys.key("phone", DidKey.Type.P256).didKey(),
                    VerificationMethod.AUTHENTICATION)));
    for (KeyPair k : List.of(update, assertion)) {
      assertThat(chain.refused(k.address(), registerCall("a", did, Policy.everyone())))
          .isEqualTo(DatadirErrors.UNAUTHORISED);
    }
  }

  // [DD-2] an Ed25519 key cannot send transactions on an sm chain
  @Test
  void aKeyOfTheOtherSuiteDoesNotAct() {
    TestChain chain = new TestChain(SuiteId.SM, DatadirContract::new);
    KeyPair ed = CryptoSuites.intl().keyPairFromPrivateKey(new byte[32]);
    String did =
        chain.createDid(
            chain.key("update"),
            chain.key("recovery"),
            List.of(
                new VerificationMethod(
                    "ed", new DidKey(DidKey.Type.ED25519, ed.publicKey().bytes()), 1)));
    assertThat(chain.refused(ed.address(), registerCall("a", did, Policy.everyone())))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
  }

  // [DD-2] a deactivated DID acts for nothing
  @Test
  void aDeactivatedDidActsForNothing() {
    TestChain chain = new TestChain(DatadirContract::new);
    Party owner = chain.party("owner");
    Party requester = chain.party("requester");
    Party person = chain.party("person");
    chain.ok(owner, registerCall("a", owner.did(), Policy.approval()));
    long consent =
        TestChain.number(
            chain.ok(
                person,
                DatadirCalls.consent(
                    person.did(), owner.did(), "", "p", "s", chain.timeMillis() + DAY)),
            "grant");
    chain.deactivate(requester);
    chain.deactivate(person);
    assertThat(chain.refused(requester, DatadirCalls.request(requester.did(), "a", "p", "s", DAY)))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(
            chain.refused(
                person,
                DatadirCalls.consent(
                    person.did(), owner.did(), "", "p", "s", chain.timeMillis() + DAY)))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(chain.refused(person, DatadirCalls.revoke(person.did(), consent)))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
  }
}
