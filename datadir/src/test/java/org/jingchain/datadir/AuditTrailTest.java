package org.jingchain.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingchain.datadir.AuditEntry.Type.ACCESSED;
import static org.jingchain.datadir.AuditEntry.Type.CONSENTED;
import static org.jingchain.datadir.AuditEntry.Type.GRANTED;
import static org.jingchain.datadir.AuditEntry.Type.REFUSED;
import static org.jingchain.datadir.AuditEntry.Type.REQUESTED;
import static org.jingchain.datadir.AuditEntry.Type.RETIRED;
import static org.jingchain.datadir.AuditEntry.Type.REVOKED;
import static org.jingchain.testkit.TestChain.DAY;
import static org.jingchain.testkit.TestChain.number;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jingchain.datadir.Datadir.AuditIndex;
import org.jingchain.datadir.DatadirCalls.Register;
import org.jingchain.execution.WriteSet;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;

/** [DD-16] the audit log and its indexes per asset, requester and owner; [DD-19] determinism. */
class AuditTrailTest {
  /** The parties of {@link #story}; the same names give the same keys on every chain. */
  record Cast(Party hospital, Party server, Party university, Party lab, Party person) {}

  /** Every kind of audited event, in this order (comments give the log numbers). */
  static Cast story(TestChain chain) {
    Cast c =
        new Cast(
            chain.party("hospital"),
            chain.party("server"),
            chain.party("university"),
            chain.party("lab"),
            chain.party("person"));
    chain.ok(
        c.hospital(),
        DatadirCalls.register(
            new Register(
                "cohort",
                c.hospital().did(),
                Samples.metadata("Cohort"),
                Policy.approval(),
                List.of(c.server().did()),
                List.of(),
                Samples.content("v1"))));
    chain.advance(1000);
    long r1 =
        number(
            chain.ok(
                c.university(),
                DatadirCalls.request(c.university().did(), "cohort", "study", "read", DAY)),
            "request"); // 0
    long g1 =
        number(
            chain.ok(
                c.server(),
                DatadirCalls.grant(c.server().did(), r1, chain.timeMillis() + DAY, "read")),
            "grant"); // 1
    chain.advance(1000);
    chain.ok(
        c.server(),
        DatadirCalls.recordAccess(
            c.server().did(), "cohort", g1, c.university().did(), 1, "u-1")); // 2
    chain.ok(c.hospital(), DatadirCalls.revoke(c.hospital().did(), g1)); // 3
    long r2 =
        number(
            chain.ok(
                c.lab(), DatadirCalls.request(c.lab().did(), "cohort", "training", "all", DAY)),
            "request"); // 4
    chain.ok(c.server(), DatadirCalls.refuse(c.server().did(), r2, "not for training")); // 5
    long consent =
        number(
            chain.ok(
                c.person(),
                DatadirCalls.consent(
                    c.person().did(),
                    c.lab().did(),
                    "cohort",
                    "training",
                    "records:self",
                    chain.timeMillis() + DAY)),
            "grant"); // 6
    chain.ok(
        c.server(),
        DatadirCalls.recordAccess(
            c.server().did(), "cohort", consent, c.lab().did(), 1, "l-1")); // 7
    chain.ok(c.person(), DatadirCalls.revoke(c.person().did(), consent)); // 8
    chain.ok(
        c.person(),
        DatadirCalls.consent(
            c.person().did(),
            c.university().did(),
            "",
            "follow-up",
            "contact",
            chain.timeMillis() + DAY)); // 9
    chain.ok(c.hospital(), DatadirCalls.retire("cohort", "study closed")); // 10
    return c;
  }

  static List<AuditEntry.Type> types(TestChain chain, AuditIndex index, String key) {
    return Datadir.audit(chain.state(), index, key, 0, 100).entries().stream()
        .map(AuditEntry::type)
        .toList();
  }

  @Test
  void eachIndexListsTheEntriesThatConcernIt() {
    TestChain chain = new TestChain(DatadirContract::new);
    Cast c = story(chain);

    assertThat(types(chain, AuditIndex.ASSET, "cohort"))
        .containsExactly(
            REQUESTED, GRANTED, ACCESSED, REVOKED, REQUESTED, REFUSED, CONSENTED, ACCESSED, REVOKED,
            RETIRED);
    assertThat(types(chain, AuditIndex.REQUESTER, c.university().did()))
        .containsExactly(REQUESTED, GRANTED, ACCESSED, REVOKED, CONSENTED);
    assertThat(types(chain, AuditIndex.REQUESTER, c.lab().did()))
        .containsExactly(REQUESTED, REFUSED, CONSENTED, ACCESSED, REVOKED);
    assertThat(types(chain, AuditIndex.OWNER, c.hospital().did()))
        .containsExactly(
            REQUESTED, GRANTED, ACCESSED, REVOKED, REQUESTED, REFUSED, ACCESSED, RETIRED);
    assertThat(types(chain, AuditIndex.OWNER, c.person().did()))
        .containsExactly(CONSENTED, REVOKED, CONSENTED);
    assertThat(types(chain, AuditIndex.OWNER, c.lab().did())).isEmpty();
  }

  @Test
  void entriesSayWhoDidWhatToWhomAndWhen() {
    TestChain chain = new TestChain(DatadirContract::new);
    Cast c = story(chain);
    List<AuditEntry> log =
        Datadir.audit(chain.state(), AuditIndex.ASSET, "cohort", 0, 100).entries();

    AuditEntry access = log.get(2);
    assertThat(access.seq()).isEqualTo(2);
    assertThat(access.actor()).isEqualTo(c.server().did());
    assertThat(access.subject()).isEqualTo(c.university().did());
    assertThat(access.grantId()).isEqualTo(1);
    assertThat(access.version()).isEqualTo(1);
    assertThat(access.detail()).isEqualTo("u-1");
    assertThat(access.timeMillis()).isEqualTo(TestChain.START_MILLIS + 2000);
    assertThat(access.txHash()).isNotEqualTo(Hash.ZERO);
    assertThat(log.get(0).detail()).isEqualTo("study");
    assertThat(log.get(0).requestId()).isEqualTo(1);
    assertThat(log.get(5).detail()).isEqualTo("not for training");
    assertThat(log.get(8).actor()).isEqualTo(c.person().did());
    assertThat(log.get(9).detail()).isEqualTo("study closed");
    assertThat(Datadir.auditEntry(chain.state(), 10)).contains(log.get(9));
    // the untied consent (9) is in the log, not in the asset's index
    assertThat(Datadir.auditEntry(chain.state(), 9).orElseThrow().assetId()).isEmpty();
  }

  @Test
  void pagesAreStableSlicesOfAnIndex() {
    TestChain chain = new TestChain(DatadirContract::new);
    story(chain);
    AuditPage page = Datadir.audit(chain.state(), AuditIndex.ASSET, "cohort", 3, 4);
    assertThat(page.total()).isEqualTo(10);
    assertThat(page.from()).isEqualTo(3);
    assertThat(page.entries()).extracting(AuditEntry::seq).containsExactly(3L, 4L, 5L, 6L);
    assertThat(page.hasMore()).isTrue();
    AuditPage last = Datadir.audit(chain.state(), AuditIndex.ASSET, "cohort", 8, 5);
    assertThat(last.entries()).extracting(AuditEntry::seq).containsExactly(8L, 10L);
    assertThat(last.hasMore()).isFalse();
    assertThat(Datadir.audit(chain.state(), AuditIndex.ASSET, "cohort", 20, 5).entries()).isEmpty();
    assertThat(Datadir.audit(chain.state(), AuditIndex.ASSET, "none", 0, 5).total()).isZero();
    assertThatThrownBy(() -> Datadir.audit(chain.state(), AuditIndex.ASSET, "cohort", 0, 1001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Datadir.audit(chain.state(), AuditIndex.OWNER, "did:web:x", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theIndexesLiveUnderTheKeysOfTheSpec() {
    TestChain chain = new TestChain(DatadirContract::new);
    Cast c = story(chain);
    String person = c.person().did().substring("did:jing:".length());
    assertThat(chain.state().get(WriteSet.key("datadir/log"))).contains(DatadirCodec.u64(11));
    assertThat(chain.state().get(WriteSet.key("datadir/audit/asset/cohort")))
        .contains(DatadirCodec.u64(10));
    assertThat(chain.state().get(WriteSet.key("datadir/audit/owner/" + person)))
        .contains(DatadirCodec.u64(3));
    assertThat(
            chain.state().get(WriteSet.key("datadir/audit/owner/" + person + "/0000000000000002")))
        .contains(DatadirCodec.u64(9));
    assertThat(chain.state().get(WriteSet.key("datadir/next/grant"))).contains(DatadirCodec.u64(3));
    assertThat(chain.state().get(WriteSet.key("datadir/next/request")))
        .contains(DatadirCodec.u64(2));
    assertThat(chain.state().get(WriteSet.key("datadir/grant/0000000000000002"))).isPresent();
    assertThat(chain.state().get(WriteSet.key("datadir/access/cohort/l-1"))).isPresent();
    assertThat(chain.state().get(WriteSet.key("datadir/version/cohort/0000000000000001")))
        .isPresent();
    // answered requests leave no pending marker
    assertThat(
            chain.state().get(WriteSet.key("datadir/pending/cohort/" + c.lab().did().substring(9))))
        .isEmpty();
  }

  // [DD-19] [EXEC-1] the same transactions on the same state give the same writes
  @Test
  void theSameStoryGivesTheSameStateEveryTime() {
    TestChain a = new TestChain(DatadirContract::new);
    TestChain b = new TestChain(DatadirContract::new);
    story(a);
    story(b);
    assertThat(a.snapshot()).isEqualTo(b.snapshot());
    assertThat(
            a.snapshot().keySet().stream()
                .map(k -> new String(k.unsafeArray(), StandardCharsets.UTF_8)))
        .allMatch(k -> k.startsWith("datadir/") || k.startsWith("did/"));
  }
}
