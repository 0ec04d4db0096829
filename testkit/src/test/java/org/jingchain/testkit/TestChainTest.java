package org.jingchain.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.List;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.DidRecord;
import org.jingchain.identity.StatusListContract;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What tests rely on the shared chain for: calls as transactions, time, DIDs, named keys. */
class TestChainTest {
  /**
   * A contract that adds to a counter, stamps the block it runs in, and fails on request: before it
   * writes ({@code fail}) or after ({@code writeThenFail}, which the fixture must catch).
   */
  static final class Probe implements SystemContract {
    static final Bytes COUNTER = WriteSet.key("probe/counter");

    @Override
    public String name() {
      return "probe";
    }

    @Override
    public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
        throws ExecutionFailure {
      long n = state.get(COUNTER).map(b -> (long) b.get(0)).orElse(0L);
      switch (method) {
        case "fail" -> throw new ExecutionFailure("PROBE_REFUSED", "as asked");
        case "writeThenFail" -> {
          state.put(COUNTER, Bytes.wrap(new byte[] {(byte) (n + 1)}));
          throw new ExecutionFailure("PROBE_REFUSED", "after writing");
        }
        default -> state.put(COUNTER, Bytes.wrap(new byte[] {(byte) (n + 1)}));
      }
      return List.of(
          new Event(
              name(),
              "Stamped",
              List.of(
                  new EventAttribute("height", Long.toString(ctx.block().height())),
                  new EventAttribute("time", Long.toString(ctx.block().timestampMillis())),
                  new EventAttribute("count", Long.toString(n + 1)))));
    }
  }

  final TestChain chain = new TestChain((suite, crypto) -> new Probe());
  final Party alice = chain.party("alice");

  static Call probe(String method) {
    return new Call("probe", method, Bytes.EMPTY);
  }

  @Test
  void aRefusedCallChangesNothing() {
    chain.ok(alice, probe("add"));
    var before = chain.snapshot();

    assertThat(chain.refused(alice, probe("fail"))).isEqualTo("PROBE_REFUSED");
    TestChain.Outcome wrote = chain.execute(alice.address(), probe("writeThenFail"));
    assertThat(wrote.receipt().succeeded()).isFalse();
    assertThat(wrote.writes()).containsOnlyKeys(Probe.COUNTER);

    assertThat(chain.snapshot()).isEqualTo(before);
    assertThatThrownBy(() -> chain.apply(alice.address(), probe("fail")))
        .isInstanceOf(ExecutionFailure.class)
        .hasMessage("as asked");
  }

  @Test
  void aRefusalThatWroteBeforeFailingIsCaught() {
    assertThatThrownBy(() -> chain.refused(alice, probe("writeThenFail")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("wrote");
    assertThatThrownBy(() -> chain.refused(alice, probe("add")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("succeeded");
    assertThatThrownBy(() -> chain.ok(alice, probe("fail")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PROBE_REFUSED");
  }

  @Test
  void aDryRunKeepsNothingAndASuccessKeepsItsWrites() {
    var before = chain.snapshot();
    assertThat(chain.dryRun(alice.address(), probe("add")).writes()).containsKey(Probe.COUNTER);
    assertThat(chain.snapshot()).isEqualTo(before);

    assertThat(TestChain.number(chain.ok(alice, probe("add")), "count")).isEqualTo(1);
    assertThat(TestChain.number(chain.ok(alice, probe("add")), "count")).isEqualTo(2);
    assertThat(chain.state().get(Probe.COUNTER)).contains(Bytes.wrap(new byte[] {2}));
  }

  @Test
  void heightAndTimeMoveOnlyWhenTheTestAdvancesThem() {
    Event first = chain.ok(alice, probe("add"));
    Event second = chain.ok(alice, probe("add"));
    chain.advance(TestChain.DAY);
    Event third = chain.ok(alice, probe("add"));

    assertThat(TestChain.number(first, "height"))
        .isEqualTo(1)
        .isEqualTo(TestChain.number(second, "height"));
    assertThat(TestChain.number(first, "time")).isEqualTo(TestChain.START_MILLIS);
    assertThat(TestChain.number(third, "height")).isEqualTo(2).isEqualTo(chain.height());
    assertThat(TestChain.number(third, "time")).isEqualTo(TestChain.START_MILLIS + TestChain.DAY);
  }

  @ParameterizedTest
  @EnumSource(DidKey.Type.class)
  void aPartyIsTheSameDidOnEveryChainWithTheKeysItsDocumentLists(DidKey.Type type) {
    Party p = chain.party("bob", type);
    Party again = new TestChain(SuiteId.INTL).party("bob", type);

    assertThat(again.did()).isEqualTo(p.did());
    assertThat(again.didKey()).isEqualTo(p.didKey());
    assertThat(again.address()).isEqualTo(p.address());
    assertThat(p.did())
        .isEqualTo(
            Did.derive(TestKeys.didKey(p.update()), TestKeys.didKey(p.recovery()), chain.crypto()));
    DidRecord r = chain.didRecord(p.did());
    assertThat(r.methods())
        .containsExactly(
            new VerificationMethod(
                Party.KEY_1,
                p.didKey(),
                VerificationMethod.AUTHENTICATION | VerificationMethod.ASSERTION),
            new VerificationMethod(
                Party.KEY_TX, TestKeys.didKey(p.tx()), VerificationMethod.AUTHENTICATION));
    assertThat(p.didKey().type()).isEqualTo(type);
    assertThat(r.createdMillis()).isEqualTo(TestChain.START_MILLIS);
  }

  @Test
  void onAnSmChainAPartysKeysAreSm2() {
    TestChain sm = new TestChain(SuiteId.SM);
    Party p = sm.party("carol");
    assertThat(p.address().suite()).isEqualTo(SuiteId.SM);
    assertThat(p.didKey().type()).isEqualTo(DidKey.Type.SM2);
    assertThat(sm.didRecord(p.did()).updateKey().type()).isEqualTo(DidKey.Type.SM2);
  }

  @Test
  void aPartyChangesAndDeactivatesItsDid() {
    chain.updateDid(alice, new DidOperation.Patch.RemoveMethod(Party.KEY_TX));
    assertThat(chain.didRecord(alice.did()).version()).isEqualTo(2);
    assertThat(chain.didRecord(alice.did()).methods()).hasSize(1);
    chain.deactivate(alice);
    assertThat(chain.didRecord(alice.did()).deactivated()).isTrue();
    assertThatThrownBy(() -> chain.deactivate(alice)).isInstanceOf(AssertionError.class);
  }

  @ParameterizedTest
  @EnumSource(DidKey.Type.class)
  void aPartysKeySignsItsStatusLists(DidKey.Type type) {
    Party issuer = chain.party("issuer", type);
    chain.createStatusList(issuer, "revoked", StatusListContract.Purpose.REVOCATION);
    chain.setStatus(issuer, "revoked", 42, true);

    String page = StatusListContract.pageKey(issuer.did(), "revoked", 0);
    assertThat(StatusListContract.isSet(chain.state().get(WriteSet.key(page)), 42)).isTrue();
    assertThat(StatusListContract.isSet(chain.state().get(WriteSet.key(page)), 43)).isFalse();
  }

  @Test
  void theRegistrarTrustsAndDistrustsIssuers() {
    byte[] schema = "{\"type\":\"object\"}".getBytes(StandardCharsets.UTF_8);
    String digest = chain.addSchema(schema);
    chain.addIssuer(alice.did(), schema);

    assertThat(chain.read(TrustRegistryContract.schemaKey(digest))).isPresent();
    assertThat(chain.read(TrustRegistryContract.issuerKey(alice.did(), digest))).isPresent();
    chain.removeIssuer(alice.did(), schema);
    assertThat(chain.read(TrustRegistryContract.issuerKey(alice.did(), digest))).isEmpty();
  }

  @Test
  void keysFollowFromTheirNamesAlone() throws Exception {
    assertThat(TestKeys.keyPair("x", SuiteId.SM).publicKey())
        .isEqualTo(TestKeys.keyPair("x", SuiteId.SM).publicKey())
        .isNotEqualTo(TestKeys.keyPair("y", SuiteId.SM).publicKey());
    TestKey.P256 p256 = (TestKey.P256) TestKeys.key("phone", DidKey.Type.P256);
    byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
    byte[] signature = p256.sign(message);
    // deterministic ECDSA, r || s, which the JDK's own verifier accepts
    assertThat(p256.sign(message)).isEqualTo(signature).hasSize(64);
    Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
    jdk.initVerify(p256.pair().getPublic());
    jdk.update(message);
    assertThat(jdk.verify(signature)).isTrue();
    assertThat(TestKeys.key("phone", DidKey.Type.P256).didKey()).isEqualTo(p256.didKey());
  }
}
