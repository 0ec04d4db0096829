package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.datadir.Samples.registerCall;
import static org.jingchain.testkit.TestChain.DAY;
import static org.jingchain.testkit.TestChain.number;

import java.util.List;
import org.jingchain.datadir.DatadirCalls.Register;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Event;
import org.junit.jupiter.api.Test;

/** request, grant, refuse, revoke and consent [DD-9..13], with every refusal [DD-17]. */
class AccessGrantTest {
  final TestChain chain = new TestChain(DatadirContract::new);
  final Party hospital = chain.party("hospital");
  final Party server = chain.party("hospital-data-server");
  final Party university = chain.party("university");
  final Party lab = chain.party("ai-lab");
  final Party person = chain.party("resident");

  AccessGrantTest() {
    chain.ok(
        hospital,
        DatadirCalls.register(
            new Register(
                "cohort",
                hospital.did(),
                Samples.metadata("Cohort"),
                Policy.approval(),
                List.of(server.did()),
                List.of(),
                Samples.content("v1"))));
  }

  long request(Party requester) {
    Event e =
        chain.ok(
            requester,
            DatadirCalls.request(requester.did(), "cohort", "diabetes research", "read", 30 * DAY));
    return number(e, "request");
  }

  long grant(Party actor, long requestId, long expiresAt) {
    return number(
        chain.ok(actor, DatadirCalls.grant(actor.did(), requestId, expiresAt, "read")), "grant");
  }

  // [DD-9] [DD-11] [DD-1]
  @Test
  void aRequestIsGrantedOnceAndTheGrantRecordsWhoWhatAndUntilWhen() {
    long id = request(university);
    assertThat(id).isEqualTo(1);
    AccessRequest r = Datadir.request(chain.state(), id).orElseThrow();
    assertThat(r.status()).isEqualTo(AccessRequest.Status.PENDING);
    assertThat(r.requester()).isEqualTo(university.did());
    assertThat(r.durationMillis()).isEqualTo(30 * DAY);

    long expires = chain.timeMillis() + 30 * DAY;
    Event e =
        chain.ok(hospital, DatadirCalls.grant(hospital.did(), id, expires, "read:aggregates"));
    assertThat(e.type()).isEqualTo("Granted");
    long grantId = number(e, "grant");
    assertThat(grantId).isEqualTo(1);
    Grant g = Datadir.grant(chain.state(), grantId).orElseThrow();
    assertThat(g.kind()).isEqualTo(Grant.Kind.ACCESS);
    assertThat(g.assetId()).isEqualTo("cohort");
    assertThat(g.grantor()).isEqualTo(hospital.did());
    assertThat(g.grantee()).isEqualTo(university.did());
    assertThat(g.scope()).isEqualTo("read:aggregates");
    assertThat(g.purpose()).isEqualTo("diabetes research");
    assertThat(g.requestId()).isEqualTo(id);
    assertThat(g.expiresAtMillis()).isEqualTo(expires);
    assertThat(g.activeAt(chain.timeMillis())).isTrue();
    assertThat(Datadir.request(chain.state(), id).orElseThrow().status())
        .isEqualTo(AccessRequest.Status.GRANTED);
    assertThat(Datadir.request(chain.state(), id).orElseThrow().grantId()).isEqualTo(grantId);

    assertThat(chain.refused(hospital, DatadirCalls.grant(hospital.did(), id, expires, "read")))
        .isEqualTo(DatadirErrors.CLOSED);
    assertThat(chain.refused(hospital, DatadirCalls.refuse(hospital.did(), id, "")))
        .isEqualTo(DatadirErrors.CLOSED);
  }

  // [DD-11] a delegate (the data server) answers for the owner
  @Test
  void aDelegateGrantsAndRefusesButAStrangerDoesNot() {
    long first = request(university);
    long second = request(lab);
    long expires = chain.timeMillis() + DAY;
    assertThat(chain.refused(lab, DatadirCalls.grant(lab.did(), first, expires, "read")))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    // naming the delegate is not enough: the sender must be its key
    assertThat(chain.refused(lab, DatadirCalls.grant(server.did(), first, expires, "read")))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(grant(server, first, expires)).isEqualTo(1);

    Event e = chain.ok(server, DatadirCalls.refuse(server.did(), second, "purpose not covered"));
    assertThat(e.type()).isEqualTo("Refused");
    AccessRequest r = Datadir.request(chain.state(), second).orElseThrow();
    assertThat(r.status()).isEqualTo(AccessRequest.Status.REFUSED);
    assertThat(r.reason()).isEqualTo("purpose not covered");
    assertThat(r.answeredBy()).isEqualTo(server.did());

    // once removed, the delegate answers no more
    chain.ok(hospital, Samples.setDelegates("cohort"));
    long third = request(lab);
    assertThat(chain.refused(server, DatadirCalls.refuse(server.did(), third, "")))
        .isEqualTo(DatadirErrors.NOT_OWNER);
  }

  // [DD-9]
  @Test
  void oneRequestPerRequesterMayBePendingAndPublicAssetsNeedNone() {
    long id = request(university);
    assertThat(
            chain.refused(
                university, DatadirCalls.request(university.did(), "cohort", "again", "read", DAY)))
        .isEqualTo(DatadirErrors.EXISTS);
    chain.ok(hospital, DatadirCalls.refuse(hospital.did(), id, "incomplete"));
    assertThat(request(university)).isEqualTo(2);

    chain.ok(hospital, registerCall("open-data", hospital.did(), Policy.everyone()));
    assertThat(
            chain.refused(
                university,
                DatadirCalls.request(university.did(), "open-data", "research", "read", DAY)))
        .isEqualTo(DatadirErrors.INVALID);
  }

  // [DD-9] [DD-2]
  @Test
  void aRequestActsAsTheRequesterAndNamesALiveAsset() {
    assertThat(
            chain.refused(
                lab, DatadirCalls.request(university.did(), "cohort", "research", "read", DAY)))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(
            chain.refused(lab, DatadirCalls.request(lab.did(), "nothing", "research", "read", DAY)))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    chain.ok(hospital, DatadirCalls.retire("cohort", "closed"));
    assertThat(
            chain.refused(lab, DatadirCalls.request(lab.did(), "cohort", "research", "read", DAY)))
        .isEqualTo(DatadirErrors.RETIRED);
  }

  @Test
  void requestArgumentsHaveLimits() {
    String did = lab.did();
    assertThat(chain.refused(lab, DatadirCalls.request(did, "cohort", "", "read", DAY)))
        .isEqualTo(DatadirErrors.INVALID);
    assertThat(
            chain.refused(lab, DatadirCalls.request(did, "cohort", "p".repeat(257), "read", DAY)))
        .isEqualTo(DatadirErrors.LIMIT);
    assertThat(chain.refused(lab, DatadirCalls.request(did, "cohort", "p", "", DAY)))
        .isEqualTo(DatadirErrors.INVALID);
    assertThat(chain.refused(lab, DatadirCalls.request(did, "cohort", "p", "s".repeat(129), DAY)))
        .isEqualTo(DatadirErrors.LIMIT);
    assertThat(chain.refused(lab, DatadirCalls.request(did, "cohort", "p", "s", 0)))
        .isEqualTo(DatadirErrors.INVALID);
    assertThat(
            chain.refused(
                lab,
                DatadirCalls.request(did, "cohort", "p", "s", DatadirLimits.MAX_GRANT_MILLIS + 1)))
        .isEqualTo(DatadirErrors.LIMIT);
    assertThat(chain.refused(lab, DatadirCalls.request("did:jing:x", "cohort", "p", "s", 1)))
        .isEqualTo(DatadirErrors.INVALID);
    chain.ok(
        lab,
        DatadirCalls.request(
            did, "cohort", "p".repeat(256), "s".repeat(128), DatadirLimits.MAX_GRANT_MILLIS));
  }

  // [DD-11]
  @Test
  void aGrantEndsAfterTheBlockTimeAndWithinTenYears() {
    long id = request(university);
    long now = chain.timeMillis();
    assertThat(chain.refused(hospital, DatadirCalls.grant(hospital.did(), id, now, "read")))
        .isEqualTo(DatadirErrors.INVALID);
    assertThat(
            chain.refused(
                hospital,
                DatadirCalls.grant(
                    hospital.did(), id, now + DatadirLimits.MAX_GRANT_MILLIS + 1, "read")))
        .isEqualTo(DatadirErrors.LIMIT);
    assertThat(chain.refused(hospital, DatadirCalls.grant(hospital.did(), id, now + 1, "")))
        .isEqualTo(DatadirErrors.INVALID);
    assertThat(chain.refused(hospital, DatadirCalls.grant(hospital.did(), 99, now + 1, "read")))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(chain.refused(hospital, DatadirCalls.refuse(hospital.did(), 99, "")))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(chain.refused(hospital, DatadirCalls.refuse(hospital.did(), id, "r".repeat(257))))
        .isEqualTo(DatadirErrors.LIMIT);
    grant(hospital, id, now + DatadirLimits.MAX_GRANT_MILLIS);
  }

  // [DD-10] activity follows block time only
  @Test
  void aGrantIsActiveUntilTheBlockTimeReachesItsExpiry() {
    long expires = chain.timeMillis() + 10 * DAY;
    Grant g =
        Datadir.grant(chain.state(), grant(hospital, request(university), expires)).orElseThrow();
    assertThat(g.activeAt(expires - 1)).isTrue();
    assertThat(g.activeAt(expires)).isFalse();
    assertThat(
            Datadir.decide(chain.state(), "cohort", university.did(), g.id(), expires - 1)
                .allowed())
        .isTrue();
    AccessDecision after =
        Datadir.decide(chain.state(), "cohort", university.did(), g.id(), expires);
    assertThat(after.allowed()).isFalse();
    assertThat(after.code()).isEqualTo(DatadirErrors.GRANT_EXPIRED);
  }

  // [DD-7] [DD-11] no grants for retired assets, and nobody acts for a deactivated owner
  @Test
  void retiredAssetsAndDeactivatedOwnersGetNoNewGrants() {
    long first = request(university);
    long second = request(lab);
    chain.deactivate(hospital);
    assertThat(
            chain.refused(
                server, DatadirCalls.grant(server.did(), first, chain.timeMillis() + DAY, "read")))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    // taking access away is still possible
    chain.ok(server, DatadirCalls.refuse(server.did(), second, "owner gone"));

    TestChain other = new TestChain(DatadirContract::new);
    Party owner = other.party("owner");
    Party requester = other.party("requester");
    other.ok(owner, registerCall("x", owner.did(), Policy.approval()));
    Event e = other.ok(requester, DatadirCalls.request(requester.did(), "x", "p", "s", DAY));
    other.ok(owner, DatadirCalls.retire("x", "closed"));
    assertThat(
            other.refused(
                owner,
                DatadirCalls.grant(owner.did(), number(e, "request"), other.timeMillis() + 1, "s")))
        .isEqualTo(DatadirErrors.RETIRED);
    other.ok(owner, DatadirCalls.refuse(owner.did(), number(e, "request"), "retired"));
  }

  // [DD-12]
  @Test
  void theOwnerOrADelegateRevokesAGrantForGood() {
    long g = grant(hospital, request(university), chain.timeMillis() + DAY);
    assertThat(chain.refused(university, DatadirCalls.revoke(university.did(), g)))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    assertThat(chain.refused(lab, DatadirCalls.revoke(server.did(), g)))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    chain.advance(1000);
    Event e = chain.ok(server, DatadirCalls.revoke(server.did(), g));
    assertThat(e.type()).isEqualTo("Revoked");
    assertThat(e.attribute("kind")).contains("access");
    Grant revoked = Datadir.grant(chain.state(), g).orElseThrow();
    assertThat(revoked.revoked()).isTrue();
    assertThat(revoked.revokedBy()).isEqualTo(server.did());
    assertThat(revoked.revokedMillis()).isEqualTo(chain.timeMillis());
    assertThat(revoked.activeAt(chain.timeMillis())).isFalse();
    assertThat(chain.refused(hospital, DatadirCalls.revoke(hospital.did(), g)))
        .isEqualTo(DatadirErrors.GRANT_REVOKED);
    assertThat(chain.refused(hospital, DatadirCalls.revoke(hospital.did(), 42)))
        .isEqualTo(DatadirErrors.NOT_FOUND);
  }

  // [DD-12] expired grants can still be revoked; so can grants of retired assets
  @Test
  void expiredGrantsAndGrantsOfRetiredAssetsCanStillBeRevoked() {
    long g = grant(hospital, request(university), chain.timeMillis() + DAY);
    chain.advance(2 * DAY);
    chain.ok(hospital, DatadirCalls.retire("cohort", "closed"));
    chain.ok(hospital, DatadirCalls.revoke(hospital.did(), g));
    assertThat(Datadir.grant(chain.state(), g).orElseThrow().revoked()).isTrue();
  }

  // [DD-13]
  @Test
  void aPersonConsentsAndOnlyThePersonRevokes() {
    long until = chain.timeMillis() + 365 * DAY;
    Event e =
        chain.ok(
            person,
            DatadirCalls.consent(
                person.did(), lab.did(), "", "train a screening model", "records:diabetes", until));
    assertThat(e.type()).isEqualTo("Consented");
    long id = number(e, "grant");
    Grant g = Datadir.grant(chain.state(), id).orElseThrow();
    assertThat(g.kind()).isEqualTo(Grant.Kind.CONSENT);
    assertThat(g.grantor()).isEqualTo(person.did());
    assertThat(g.grantee()).isEqualTo(lab.did());
    assertThat(g.assetId()).isEmpty();
    assertThat(g.activeAt(chain.timeMillis())).isTrue();

    assertThat(chain.refused(lab, DatadirCalls.revoke(lab.did(), id)))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    assertThat(chain.refused(hospital, DatadirCalls.revoke(person.did(), id)))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    Event revoked = chain.ok(person, DatadirCalls.revoke(person.did(), id));
    assertThat(revoked.attribute("kind")).contains("consent");
    assertThat(Datadir.grant(chain.state(), id).orElseThrow().revoked()).isTrue();
    assertThat(Datadir.grant(chain.state(), id).orElseThrow().revokedBy()).isEqualTo(person.did());
    assertThat(chain.refused(person, DatadirCalls.revoke(person.did(), id)))
        .isEqualTo(DatadirErrors.GRANT_REVOKED);
  }

  // [DD-13] [DD-2]
  @Test
  void consentIsGivenByThePersonToALiveOrganisation() {
    long until = chain.timeMillis() + DAY;
    assertThat(
            chain.refused(lab, DatadirCalls.consent(person.did(), lab.did(), "", "p", "s", until)))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    assertThat(
            chain.refused(
                person, DatadirCalls.consent(person.did(), person.did(), "", "p", "s", until)))
        .isEqualTo(DatadirErrors.INVALID);
    assertThat(
            chain.refused(
                person,
                DatadirCalls.consent(
                    person.did(), "did:jing:" + "9".repeat(40), "", "p", "s", until)))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(
            chain.refused(
                person, DatadirCalls.consent(person.did(), lab.did(), "ghost", "p", "s", until)))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    assertThat(
            chain.refused(
                person,
                DatadirCalls.consent(person.did(), lab.did(), "", "p", "s", chain.timeMillis())))
        .isEqualTo(DatadirErrors.INVALID);
    assertThat(
            chain.refused(
                person, DatadirCalls.consent(person.did(), lab.did(), "", "", "s", until)))
        .isEqualTo(DatadirErrors.INVALID);
    chain.deactivate(lab);
    assertThat(
            chain.refused(
                person, DatadirCalls.consent(person.did(), lab.did(), "", "p", "s", until)))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    chain.ok(hospital, DatadirCalls.retire("cohort", "closed"));
    assertThat(
            chain.refused(
                person,
                DatadirCalls.consent(person.did(), university.did(), "cohort", "p", "s", until)))
        .isEqualTo(DatadirErrors.RETIRED);
  }

  // [DD-1] requests and grants (of both kinds) are numbered by their own counters
  @Test
  void requestAndGrantIdsCountUpFromOne() {
    long c =
        number(
            chain.ok(
                person,
                DatadirCalls.consent(
                    person.did(), lab.did(), "cohort", "p", "s", chain.timeMillis() + DAY)),
            "grant");
    long r = request(university);
    long g = grant(hospital, r, chain.timeMillis() + DAY);
    assertThat(List.of(c, r, g)).containsExactly(1L, 1L, 2L);
  }
}
