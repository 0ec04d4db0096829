package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.datadir.Samples.content;
import static org.jingchain.datadir.Samples.metadata;
import static org.jingchain.datadir.Samples.registerCall;
import static org.jingchain.testkit.TestChain.DAY;
import static org.jingchain.testkit.TestChain.number;

import java.util.List;
import org.jingchain.datadir.DatadirCalls.Register;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Event;
import org.junit.jupiter.api.Test;

/**
 * [DD-22] Transfer of ownership in two steps: the owner offers, the named DID accepts; every
 * refusal changes nothing [DD-17] (TestChain.refused checks that).
 */
class TransferTest {
  final TestChain chain = new TestChain(DatadirContract::new);
  final Party hospital = chain.party("hospital");
  final Party server = chain.party("hospital-data-server");
  final Party trust = chain.party("health-data-trust");
  final Party lab = chain.party("lab");
  final Party stranger = chain.party("stranger");

  void registerCohort() {
    chain.ok(
        hospital,
        DatadirCalls.register(
            new Register(
                "cohort",
                hospital.did(),
                metadata("Diabetes cohort"),
                Policy.approval(),
                List.of(server.did()),
                List.of(),
                content("v1"))));
  }

  // [DD-22]
  @Test
  void anAcceptedOfferHandsTheAssetOverAndTheOldOwnersPowersGo() {
    registerCohort();
    chain.ok(hospital, registerCall("derived", hospital.did(), Policy.everyone(), "cohort"));
    long request =
        number(
            chain.ok(lab, DatadirCalls.request(lab.did(), "cohort", "research", "read", DAY)),
            "request");
    long grant =
        number(
            chain.ok(
                hospital,
                DatadirCalls.grant(hospital.did(), request, chain.timeMillis() + 30 * DAY, "read")),
            "grant");
    long pending =
        number(
            chain.ok(trust, DatadirCalls.request(trust.did(), "cohort", "audit", "read", DAY)),
            "request");

    Event offered = chain.ok(hospital, DatadirCalls.offerTransfer("cohort", trust.did()));
    assertThat(offered.type()).isEqualTo("TransferOffered");
    assertThat(offered.attribute("to")).contains(trust.did());
    TransferOffer offer = Datadir.transferOffer(chain.state(), "cohort").orElseThrow();
    assertThat(offer.to()).isEqualTo(trust.did());
    assertThat(offer.height()).isEqualTo(chain.height());
    assertThat(Datadir.asset(chain.state(), "cohort").orElseThrow().owner())
        .isEqualTo(hospital.did()); // not before acceptance

    chain.advance(1000);
    Event moved = chain.ok(trust, DatadirCalls.acceptTransfer("cohort", trust.did()));
    assertThat(moved.type()).isEqualTo("Transferred");
    assertThat(moved.attribute("from")).contains(hospital.did());
    assertThat(moved.attribute("to")).contains(trust.did());

    DataAsset a = Datadir.asset(chain.state(), "cohort").orElseThrow();
    assertThat(a.owner()).isEqualTo(trust.did());
    assertThat(a.delegates()).isEmpty();
    assertThat(a.versions()).isEqualTo(1);
    assertThat(a.updatedMillis()).isEqualTo(chain.timeMillis());
    assertThat(Datadir.transferOffer(chain.state(), "cohort")).isEmpty();
    assertThat(Datadir.derivedInto(chain.state(), "cohort")).containsExactly("derived");
    assertThat(Datadir.assetsOf(chain.state(), trust.did(), 0, 10)).containsExactly("cohort");
    // the owned list is append-only; the record says who owns the asset now
    assertThat(Datadir.assetsOf(chain.state(), hospital.did(), 0, 10))
        .containsExactly("cohort", "derived");

    // one audit entry, in the asset's index and both owners' indexes
    AuditEntry e =
        Datadir.audit(chain.state(), Datadir.AuditIndex.ASSET, "cohort", 0, 100)
            .entries()
            .getLast();
    assertThat(e.type()).isEqualTo(AuditEntry.Type.TRANSFERRED);
    assertThat(e.actor()).isEqualTo(trust.did());
    assertThat(e.subject()).isEqualTo(hospital.did());
    assertThat(
            Datadir.audit(chain.state(), Datadir.AuditIndex.OWNER, hospital.did(), 0, 100)
                .entries())
        .contains(e);
    assertThat(
            Datadir.audit(chain.state(), Datadir.AuditIndex.OWNER, trust.did(), 0, 100).entries())
        .containsExactly(e);

    // the new owner acts; the old owner and its delegate no longer do
    chain.ok(trust, DatadirCalls.newVersion("cohort", content("v2")));
    assertThat(chain.refused(hospital, DatadirCalls.retire("cohort", "mine")))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    assertThat(
            chain.refused(
                server,
                DatadirCalls.grant(server.did(), pending, chain.timeMillis() + DAY, "read")))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    // a pending request is the new owner's to answer; an earlier grant stays valid
    chain.ok(trust, DatadirCalls.grant(trust.did(), pending, chain.timeMillis() + DAY, "read"));
    assertThat(
            Datadir.decide(chain.state(), "cohort", lab.did(), grant, chain.timeMillis()).allowed())
        .isTrue();
    chain.ok(trust, DatadirCalls.revoke(trust.did(), grant));
    assertThat(Datadir.decide(chain.state(), "cohort", lab.did(), grant, chain.timeMillis()).code())
        .isEqualTo(DatadirErrors.GRANT_REVOKED);
  }

  // [DD-22] [DD-3]
  @Test
  void onlyTheOwnerOffersAndOnlyToALiveDidOtherThanItself() {
    registerCohort();
    assertThat(chain.refused(stranger, DatadirCalls.offerTransfer("cohort", stranger.did())))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    assertThat(chain.refused(server, DatadirCalls.offerTransfer("cohort", trust.did())))
        .as("a delegate cannot give the asset away")
        .isEqualTo(DatadirErrors.NOT_OWNER);
    assertThat(chain.refused(hospital, DatadirCalls.offerTransfer("cohort", hospital.did())))
        .isEqualTo(DatadirErrors.INVALID);
    assertThat(
            chain.refused(
                hospital, DatadirCalls.offerTransfer("cohort", "did:jing:" + "2".repeat(40))))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(chain.refused(hospital, DatadirCalls.offerTransfer("cohort", "hospital-b")))
        .isEqualTo(DatadirErrors.INVALID);
    assertThat(chain.refused(hospital, DatadirCalls.offerTransfer("nothing", trust.did())))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    chain.deactivate(stranger);
    assertThat(chain.refused(hospital, DatadirCalls.offerTransfer("cohort", stranger.did())))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(chain.refused(hospital, DatadirCalls.offerTransfer("cohort", "")))
        .as("nothing to withdraw")
        .isEqualTo(DatadirErrors.NOT_FOUND);
    chain.ok(hospital, DatadirCalls.retire("cohort", "closed"));
    assertThat(chain.refused(hospital, DatadirCalls.offerTransfer("cohort", trust.did())))
        .isEqualTo(DatadirErrors.RETIRED);
  }

  // [DD-22] [DD-2]
  @Test
  void onlyTheNamedDidAcceptsAndOnlyWhileTheOfferStands() {
    registerCohort();
    assertThat(chain.refused(trust, DatadirCalls.acceptTransfer("cohort", trust.did())))
        .as("no offer yet")
        .isEqualTo(DatadirErrors.NOT_FOUND);
    chain.ok(hospital, DatadirCalls.offerTransfer("cohort", trust.did()));
    assertThat(chain.refused(lab, DatadirCalls.acceptTransfer("cohort", lab.did())))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    assertThat(chain.refused(stranger, DatadirCalls.acceptTransfer("cohort", trust.did())))
        .as("the sender is no key of the DID the offer names")
        .isEqualTo(DatadirErrors.UNAUTHORISED);

    // a new offer replaces the first; withdrawing leaves none
    chain.ok(hospital, DatadirCalls.offerTransfer("cohort", lab.did()));
    assertThat(chain.refused(trust, DatadirCalls.acceptTransfer("cohort", trust.did())))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    Event withdrawn = chain.ok(hospital, DatadirCalls.offerTransfer("cohort", ""));
    assertThat(withdrawn.attribute("to")).contains("");
    assertThat(Datadir.transferOffer(chain.state(), "cohort")).isEmpty();
    assertThat(chain.refused(lab, DatadirCalls.acceptTransfer("cohort", lab.did())))
        .isEqualTo(DatadirErrors.NOT_FOUND);

    // a deactivated DID cannot accept; retirement ends the offer
    chain.ok(hospital, DatadirCalls.offerTransfer("cohort", lab.did()));
    chain.deactivate(lab);
    assertThat(chain.refused(lab, DatadirCalls.acceptTransfer("cohort", lab.did())))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    chain.ok(hospital, DatadirCalls.offerTransfer("cohort", trust.did()));
    assertThat(Datadir.transferOffer(chain.state(), "cohort").orElseThrow().from())
        .isEqualTo(hospital.did());
    chain.ok(hospital, DatadirCalls.retire("cohort", "closed"));
    assertThat(Datadir.transferOffer(chain.state(), "cohort")).isEmpty();
    assertThat(chain.refused(trust, DatadirCalls.acceptTransfer("cohort", trust.did())))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(Datadir.asset(chain.state(), "cohort").orElseThrow().owner())
        .isEqualTo(hospital.did());
  }

  // [DD-22] [DD-3] nobody acts for a deactivated owner: not even its pending offer
  @Test
  void anOfferOfAnOwnerDeactivatedSinceCannotBeAccepted() {
    registerCohort();
    chain.ok(hospital, DatadirCalls.offerTransfer("cohort", trust.did()));
    chain.deactivate(hospital); // say its key was stolen
    assertThat(chain.refused(trust, DatadirCalls.acceptTransfer("cohort", trust.did())))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(Datadir.asset(chain.state(), "cohort").orElseThrow().owner())
        .isEqualTo(hospital.did());
  }
}
