package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingchain.datadir.Samples.registerCall;
import static org.jingchain.testkit.TestChain.DAY;
import static org.jingchain.testkit.TestChain.number;

import java.util.List;
import org.jingchain.datadir.DatadirCalls.Register;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Call;
import org.jingchain.types.Event;
import org.junit.jupiter.api.Test;

/**
 * [DD-14] [DD-15] a data server records what it served; every access it was not entitled to serve
 * is refused and changes nothing [DD-17].
 */
class RecordAccessTest {
  final TestChain chain = new TestChain(DatadirContract::new);
  final Party hospital = chain.party("hospital");
  final Party server = chain.party("hospital-data-server");
  final Party university = chain.party("university");
  final Party lab = chain.party("ai-lab");
  final Party person = chain.party("resident");

  RecordAccessTest() {
    for (String id : List.of("cohort", "other")) {
      chain.ok(
          hospital,
          DatadirCalls.register(
              new Register(
                  id,
                  hospital.did(),
                  Samples.metadata(id),
                  Policy.approval(),
                  List.of(server.did()),
                  List.of(),
                  Samples.content(id))));
    }
  }

  long grantFor(Party requester, String asset, long expiresAt) {
    long r =
        number(
            chain.ok(
                requester,
                DatadirCalls.request(requester.did(), asset, "research", "read", 30 * DAY)),
            "request");
    return number(
        chain.ok(server, DatadirCalls.grant(server.did(), r, expiresAt, "read")), "grant");
  }

  Call served(String asset, long grant, Party requester, String accessId) {
    return DatadirCalls.recordAccess(server.did(), asset, grant, requester.did(), 1, accessId);
  }

  @Test
  void anAccessUnderAnActiveGrantIsRecordedOnce() {
    long g = grantFor(university, "cohort", chain.timeMillis() + DAY);
    Event e = chain.ok(server, served("cohort", g, university, "req-0001"));
    assertThat(e.type()).isEqualTo("Accessed");
    assertThat(e.attribute("grant")).contains(Long.toString(g));
    AccessRecord a = Datadir.access(chain.state(), "cohort", "req-0001").orElseThrow();
    assertThat(a.requester()).isEqualTo(university.did());
    assertThat(a.grantId()).isEqualTo(g);
    assertThat(a.version()).isEqualTo(1);
    assertThat(a.recordedBy()).isEqualTo(server.did());
    assertThat(a.timeMillis()).isEqualTo(chain.timeMillis());

    assertThat(chain.refused(server, served("cohort", g, university, "req-0001")))
        .isEqualTo(DatadirErrors.EXISTS);
    // the same access id is free on another asset
    long other = grantFor(university, "other", chain.timeMillis() + DAY);
    chain.ok(server, served("other", other, university, "req-0001"));
  }

  @Test
  void theOwnerMayRecordToo() {
    long g = grantFor(university, "cohort", chain.timeMillis() + DAY);
    chain.ok(
        hospital,
        DatadirCalls.recordAccess(hospital.did(), "cohort", g, university.did(), 1, "a:1"));
  }

  @Test
  void withoutAGrantAnApprovalAssetIsNotServed() {
    assertThat(chain.refused(server, served("cohort", 0, university, "a1")))
        .isEqualTo(DatadirErrors.NO_GRANT);
    assertThat(chain.refused(server, served("cohort", 77, university, "a1")))
        .isEqualTo(DatadirErrors.NO_GRANT);
  }

  @Test
  void anExpiredGrantServesNothing() {
    long g = grantFor(university, "cohort", chain.timeMillis() + DAY);
    chain.advance(DAY - 1);
    chain.ok(server, served("cohort", g, university, "last"));
    chain.advance(1);
    assertThat(chain.refused(server, served("cohort", g, university, "late")))
        .isEqualTo(DatadirErrors.GRANT_EXPIRED);
  }

  @Test
  void aRevokedGrantServesNothing() {
    long g = grantFor(university, "cohort", chain.timeMillis() + DAY);
    chain.ok(hospital, DatadirCalls.revoke(hospital.did(), g));
    assertThat(chain.refused(server, served("cohort", g, university, "a1")))
        .isEqualTo(DatadirErrors.GRANT_REVOKED);
  }

  @Test
  void aGrantForAnotherAssetOrAnotherRequesterServesNothing() {
    long g = grantFor(university, "other", chain.timeMillis() + DAY);
    assertThat(chain.refused(server, served("cohort", g, university, "a1")))
        .isEqualTo(DatadirErrors.WRONG_ASSET);
    assertThat(chain.refused(server, served("other", g, lab, "a1")))
        .isEqualTo(DatadirErrors.NO_GRANT);
  }

  @Test
  void aRetiredAssetIsServedNoMore() {
    long g = grantFor(university, "cohort", chain.timeMillis() + DAY);
    chain.ok(hospital, DatadirCalls.retire("cohort", "withdrawn"));
    assertThat(chain.refused(server, served("cohort", g, university, "a1")))
        .isEqualTo(DatadirErrors.RETIRED);
    assertThat(
            Datadir.decide(chain.state(), "cohort", university.did(), g, chain.timeMillis()).code())
        .isEqualTo(DatadirErrors.RETIRED);
  }

  @Test
  void onlyTheOwnerOrADelegateRecordsAndOnlyVersionsThatExist() {
    long g = grantFor(university, "cohort", chain.timeMillis() + DAY);
    assertThat(
            chain.refused(
                university,
                DatadirCalls.recordAccess(university.did(), "cohort", g, university.did(), 1, "a")))
        .isEqualTo(DatadirErrors.NOT_OWNER);
    assertThat(chain.refused(lab, served("cohort", g, university, "a")))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
    for (int version : new int[] {0, 2}) {
      assertThat(
              chain.refused(
                  server,
                  DatadirCalls.recordAccess(
                      server.did(), "cohort", g, university.did(), version, "a")))
          .isEqualTo(DatadirErrors.NOT_FOUND);
    }
    assertThat(chain.refused(server, served("ghost", g, university, "a")))
        .isEqualTo(DatadirErrors.NOT_FOUND);
    for (String bad : List.of("", "a b", "x".repeat(65), "a/b")) {
      assertThat(chain.refused(server, served("cohort", g, university, bad)))
          .isEqualTo(DatadirErrors.INVALID);
    }
    assertThat(
            chain.refused(
                server, DatadirCalls.recordAccess(server.did(), "cohort", g, "someone", 1, "a")))
        .isEqualTo(DatadirErrors.INVALID);
  }

  @Test
  void aDelegateRecordsNothingForADeactivatedOwner() {
    long g = grantFor(university, "cohort", chain.timeMillis() + DAY);
    chain.deactivate(hospital);
    assertThat(chain.refused(server, served("cohort", g, university, "a1")))
        .isEqualTo(DatadirErrors.UNAUTHORISED);
  }

  // [DD-14] public assets need no grant
  @Test
  void publicAssetsAreServedToAnyoneWithoutAGrant() {
    chain.ok(hospital, registerCall("open", hospital.did(), Policy.everyone()));
    chain.ok(
        hospital, DatadirCalls.recordAccess(hospital.did(), "open", 0, lab.did(), 1, "open-1"));
    assertThat(Datadir.decide(chain.state(), "open", person.did(), 0, chain.timeMillis()).allowed())
        .isTrue();
  }

  // [DD-14] members of a group count as granted
  @Test
  void groupMembersAreServedWithoutAGrantAndOthersNeedOne() {
    chain.ok(hospital, Samples.setPolicy("cohort", Policy.group(List.of(university.did()))));
    chain.ok(server, served("cohort", 0, university, "m1"));
    assertThat(chain.refused(server, served("cohort", 0, lab, "m2")))
        .isEqualTo(DatadirErrors.NO_GRANT);
    long g = grantFor(lab, "cohort", chain.timeMillis() + DAY);
    chain.ok(server, served("cohort", g, lab, "m2"));

    // leaving the group ends the access
    chain.ok(hospital, Samples.setPolicy("cohort", Policy.group(List.of(lab.did()))));
    assertThat(chain.refused(server, served("cohort", 0, university, "m3")))
        .isEqualTo(DatadirErrors.NO_GRANT);
  }

  // [DD-13] [DD-14] a consent tied to an asset covers its organisation's accesses
  @Test
  void aConsentTiedToTheAssetCoversAccessesUntilThePersonRevokesIt() {
    long untied =
        number(
            chain.ok(
                person,
                DatadirCalls.consent(
                    person.did(), lab.did(), "", "model training", "s", chain.timeMillis() + DAY)),
            "grant");
    assertThat(chain.refused(server, served("cohort", untied, lab, "c0")))
        .isEqualTo(DatadirErrors.WRONG_ASSET);

    long consent =
        number(
            chain.ok(
                person,
                DatadirCalls.consent(
                    person.did(),
                    lab.did(),
                    "cohort",
                    "model training",
                    "records:self",
                    chain.timeMillis() + DAY)),
            "grant");
    chain.ok(server, served("cohort", consent, lab, "c1"));
    assertThat(chain.refused(server, served("cohort", consent, university, "c2")))
        .isEqualTo(DatadirErrors.NO_GRANT);
    chain.ok(person, DatadirCalls.revoke(person.did(), consent));
    assertThat(chain.refused(server, served("cohort", consent, lab, "c2")))
        .isEqualTo(DatadirErrors.GRANT_REVOKED);
  }
}
