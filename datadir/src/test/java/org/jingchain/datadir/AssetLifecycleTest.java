package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.datadir.Samples.content;
import static org.jingchain.datadir.Samples.metadata;
import static org.jingchain.datadir.Samples.registerCall;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jingchain.datadir.DatadirCalls.Register;
import org.jingchain.datadir.DatadirCalls.Update;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.junit.jupiter.api.Test;

/** register, update, newVersion and retire [DD-4..7], with every refusal [DD-3] [DD-17]. */
class AssetLifecycleTest {
  final TestChain chain = new TestChain(DatadirContract::new);
  final Party hospital = chain.party("hospital");
  final Party server = chain.party("hospital-data-server");
  final Party stranger = chain.party("stranger");

  // [DD-4] [DD-6]
  @Test
  void registeringStoresTheAssetItsFirstVersionAndTheListsThatFindIt() {
    Register r =
        new Register(
            "cohort-2025",
            hospital.did(),
            metadata("Type-2 diabetes cohort"),
            Policy.approval(),
            List.of(server.did()),
            List.of(),
            content("v1"));
    Event e = chain.ok(hospital, DatadirCalls.register(r));

    assertThat(e.type()).isEqualTo("Registered");
    assertThat(e.attribute("asset")).contains("cohort-2025");
    assertThat(e.attribute("owner")).contains(hospital.did());
    assertThat(e.attribute("digest")).contains(content("v1").digest().toString());
    DataAsset a = Datadir.asset(chain.state(), "cohort-2025").orElseThrow();
    assertThat(a.owner()).isEqualTo(hospital.did());
    assertThat(a.metadata()).isEqualTo(r.metadata());
    assertThat(a.policy()).isEqualTo(Policy.approval());
    assertThat(a.delegates()).containsExactly(server.did());
    assertThat(a.versions()).isEqualTo(1);
    assertThat(a.status()).isEqualTo(DataAsset.Status.ACTIVE);
    assertThat(a.createdHeight()).isEqualTo(chain.height());
    assertThat(a.createdMillis()).isEqualTo(chain.timeMillis());
    AssetVersion v = Datadir.version(chain.state(), "cohort-2025", 1).orElseThrow();
    assertThat(v.content()).isEqualTo(content("v1"));
    assertThat(Datadir.latest(chain.state(), "cohort-2025")).contains(v);
    assertThat(Datadir.assets(chain.state(), 0, 10)).containsExactly("cohort-2025");
    assertThat(Datadir.assetsOf(chain.state(), hospital.did(), 0, 10))
        .containsExactly("cohort-2025");
    assertThat(Datadir.assetsOf(chain.state(), stranger.did(), 0, 10)).isEmpty();
  }

  // [DD-1]
  @Test
  void anIdIsRegisteredOnceEvenAfterRetirement() {
    chain.ok(hospital, registerCall("rainfall", hospital.did(), Policy.everyone()));
    assertThat(chain.refused(stranger, registerCall("rainfall", stranger.did(), Policy.everyone())))
        .isEqualTo(DatadirErrors.EXISTS);
    chain.ok(hospital, DatadirCalls.retire("rainfall", "superseded"));
    assertThat(chain.refused(hospital, registerCall("rainfall", hospital.did(), Policy.everyone())))
        .isEqualTo(DatadirErrors.EXISTS);
  }

  // [DD-2] [DD-3]
  @Test
  void nobodyRegistersInAnotherDidsName() {
    assertThat(chain.refused(stranger, registerCall("fake", hospital.did(), Policy.everyone())))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(
            chain.refused(
                stranger, registerCall("fake", "did:jing:" + "0".repeat(40), Policy.everyone())))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
  }

  // [DD-4]
  @Test
  void delegatesMustBeLiveDidsOtherThanTheOwner() {
    Register missing =
        new Register(
            "a",
            hospital.did(),
            metadata("A"),
            Policy.approval(),
            List.of("did:jing:" + "1".repeat(40)),
            List.of(),
            content("a"));
    assertThat(chain.refused(hospital, DatadirCalls.register(missing)))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    Register self =
        new Register(
            "a",
            hospital.did(),
            metadata("A"),
            Policy.approval(),
            List.of(hospital.did()),
            List.of(),
            content("a"));
    assertThat(chain.refused(hospital, DatadirCalls.register(self)))
        .isEqualTo(DatadirErrors.INVALID);
    chain.deactivate(server);
    Register deactivated =
        new Register(
            "a",
            hospital.did(),
            metadata("A"),
            Policy.approval(),
            List.of(server.did()),
            List.of(),
            content("a"));
    assertThat(chain.refused(hospital, DatadirCalls.register(deactivated)))
        .isEqualTo(DatadirErrors.NOT_FOUND);
  }

  // [DD-5]
  @Test
  void anUpdateReplacesOnlyThePartsItCarries() {
    chain.ok(hospital, registerCall("cohort", hospital.did(), Policy.approval()));
    DataAsset before = Datadir.asset(chain.state(), "cohort").orElseThrow();
    chain.advance(1000);
    Metadata next = new Metadata("Renamed", "", Sector.AI, List.of("training"), "parquet", "");
    Event e =
        chain.ok(
            hospital,
            DatadirCalls.update(
                new Update(
                    "cohort",
                    Optional.of(next),
                    Optional.empty(),
                    Optional.of(List.of(server.did())),
                    Optional.empty())));

    assertThat(e.attribute("fields")).contains("metadata,delegates");
    DataAsset a = Datadir.asset(chain.state(), "cohort").orElseThrow();
    assertThat(a.metadata()).isEqualTo(next);
    assertThat(a.delegates()).containsExactly(server.did());
    assertThat(a.policy()).isEqualTo(before.policy());
    assertThat(a.derivedFrom()).isEqualTo(before.derivedFrom());
    assertThat(a.createdMillis()).isEqualTo(before.createdMillis());
    assertThat(a.updatedMillis()).isEqualTo(chain.timeMillis());

    chain.ok(hospital, Samples.setPolicy("cohort", Policy.group(List.of(stranger.did()))));
    assertThat(Datadir.asset(chain.state(), "cohort").orElseThrow().policy().members())
        .containsExactly(stranger.did());
  }

  // [DD-3] update by a non-owner is refused, even by a delegate
  @Test
  void onlyTheOwnerUpdatesVersionsAndRetires() {
    chain.ok(
        hospital,
        DatadirCalls.register(
            new Register(
                "cohort",
                hospital.did(),
                metadata("C"),
                Policy.approval(),
                List.of(server.did()),
                List.of(),
                content("c"))));
    for (Party p : List.of(stranger, server)) {
      assertThat(chain.refused(p, Samples.setPolicy("cohort", Policy.everyone())))
          .isEqualTo(DatadirErrors.NOT_OWNER);
      assertThat(chain.refused(p, DatadirCalls.newVersion("cohort", content("v2"))))
          .isEqualTo(DatadirErrors.NOT_OWNER);
      assertThat(chain.refused(p, DatadirCalls.retire("cohort", "")))
          .isEqualTo(DatadirErrors.NOT_OWNER);
    }
  }

  // [DD-2] a deactivated owner DID acts for nothing
  @Test
  void aDeactivatedOwnerCanNoLongerChangeItsAssets() {
    chain.ok(hospital, registerCall("cohort", hospital.did(), Policy.approval()));
    chain.deactivate(hospital);
    assertThat(chain.refused(hospital, Samples.setPolicy("cohort", Policy.everyone())))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(chain.refused(hospital, DatadirCalls.newVersion("cohort", content("v2"))))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(chain.refused(hospital, DatadirCalls.retire("cohort", "")))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(chain.refused(hospital, registerCall("other", hospital.did(), Policy.everyone())))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
  }

  // [DD-6]
  @Test
  void versionsAreAppendedAndEarlierOnesStayReadable() {
    chain.ok(hospital, registerCall("cohort", hospital.did(), Policy.approval()));
    chain.advance(60_000);
    Event e = chain.ok(hospital, DatadirCalls.newVersion("cohort", content("v2")));
    assertThat(e.type()).isEqualTo("Versioned");
    assertThat(e.attribute("version")).contains("2");
    chain.advance(60_000);
    chain.ok(hospital, DatadirCalls.newVersion("cohort", content("v3")));

    assertThat(Datadir.asset(chain.state(), "cohort").orElseThrow().versions()).isEqualTo(3);
    assertThat(Datadir.version(chain.state(), "cohort", 1).orElseThrow().content())
        .isEqualTo(content("cohort-v1"));
    AssetVersion v2 = Datadir.version(chain.state(), "cohort", 2).orElseThrow();
    assertThat(v2.content()).isEqualTo(content("v2"));
    assertThat(v2.timeMillis()).isEqualTo(TestChain.START_MILLIS + 60_000);
    assertThat(Datadir.latest(chain.state(), "cohort").orElseThrow().content())
        .isEqualTo(content("v3"));
    assertThat(Datadir.version(chain.state(), "cohort", 4)).isEmpty();
  }

  // [DD-7]
  @Test
  void retirementIsFinal() {
    chain.ok(hospital, registerCall("cohort", hospital.did(), Policy.approval()));
    Event e = chain.ok(hospital, DatadirCalls.retire("cohort", "consent withdrawn by the cohort"));
    assertThat(e.type()).isEqualTo("Retired");
    DataAsset a = Datadir.asset(chain.state(), "cohort").orElseThrow();
    assertThat(a.retired()).isTrue();
    assertThat(a.retiredReason()).isEqualTo("consent withdrawn by the cohort");

    assertThat(chain.refused(hospital, Samples.setPolicy("cohort", Policy.everyone())))
        .isEqualTo(DatadirErrors.RETIRED);
    assertThat(chain.refused(hospital, DatadirCalls.newVersion("cohort", content("v2"))))
        .isEqualTo(DatadirErrors.RETIRED);
    assertThat(chain.refused(hospital, DatadirCalls.retire("cohort", "again")))
        .isEqualTo(DatadirErrors.RETIRED);
    assertThat(Datadir.version(chain.state(), "cohort", 1)).isPresent();
  }

  @Test
  void methodsOnAnUnknownAssetFindNothing() {
    assertThat(chain.refused(hospital, Samples.setPolicy("nothing", Policy.everyone())))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(chain.refused(hospital, DatadirCalls.newVersion("nothing", content("v2"))))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(chain.refused(hospital, DatadirCalls.retire("nothing", "")))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(Datadir.asset(chain.state(), "nothing")).isEmpty();
  }

  // [DD-18]
  @Test
  void anUnknownMethodOrMalformedArgumentsAreInvalid() {
    assertThat(chain.refused(hospital, new Call(DatadirContract.NAME, "transfer", Bytes.EMPTY)))
        .isEqualTo(DatadirErrors.INVALID);
    var call = registerCall("a", hospital.did(), Policy.everyone());
    byte[] longer = Arrays.copyOf(call.args().toByteArray(), call.args().length() + 1);
    assertThat(
            chain.refused(hospital, new Call(DatadirContract.NAME, "register", Bytes.wrap(longer))))
        .isEqualTo(DatadirErrors.INVALID);
  }
}
