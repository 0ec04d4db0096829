package org.jingchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jingchain.store.Challenge.Status;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Address;
import org.jingchain.types.Event;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audits, reputation and repair orders as nodes and owners meet them (docs/spec/storage.md section
 * 3, [STORE-30..33]): a true leaf passes; a forged one, a late one, or one from another operator is
 * refused and changes nothing; failed and missed challenges count apart, cost reputation, and order
 * a repair that moves the lost shard to a node holding none of the object, rebuilt by a healthy
 * holder.
 */
class AuditTest {
  static final Coding CODING = new Coding(4, 2, 1024, 256);

  final TestChain chain = new TestChain(SuiteId.INTL, (s, crypto) -> new StoreContract(crypto));
  final Map<String, Address> operators = new TreeMap<>();
  Address owner;
  Hash id;
  byte[][] shards;
  StoredObject object;

  Address account(String name) {
    return chain.crypto().address(chain.key(name).publicKey());
  }

  /** Eight nodes (so a repair has somewhere to go), one 4+2 object of 5,000 bytes, confirmed. */
  @BeforeEach
  void storeAnObject() throws Exception {
    for (int i = 0; i < 8; i++) {
      Address op = account("op" + i);
      chain.ok(
          op, StoreCalls.registerNode("n" + i, "http://127.0.0.1:" + (8700 + i), "", 1L << 30));
      operators.put("n" + i, op);
    }
    owner = account("owner");
    byte[] data = new byte[5000];
    new SplittableRandom(1).nextBytes(data);
    ByteArrayOutputStream[] out = new ByteArrayOutputStream[6];
    for (int i = 0; i < 6; i++) {
      out[i] = new ByteArrayOutputStream();
    }
    EncodedObject enc =
        ObjectCodec.encode(
            new ByteArrayInputStream(data),
            CODING,
            chain.crypto(),
            5000,
            1 << 20,
            (s, b, off, len) -> out[s].write(b, off, len));
    shards = new byte[6][];
    for (int i = 0; i < 6; i++) {
      shards[i] = out[i].toByteArray();
    }
    chain.ok(owner, StoreCalls.putObject("scan", enc, 0, ""));
    id = StoreState.idByName(chain.state(), chain.crypto(), owner, "scan").orElseThrow();
    object = StoreState.object(chain.state(), id).orElseThrow();
    for (int i = 0; i < 6; i++) {
      chain.ok(operators.get(object.placement().get(i)), StoreCalls.confirmShard(id, i));
    }
    chain.advance(1000);
  }

  List<Challenge> requestAudit() {
    Event e = chain.ok(owner, StoreCalls.auditObject(id));
    List<Challenge> cs = new ArrayList<>();
    for (String c : e.attribute("challenges").orElseThrow().split(",")) {
      cs.add(StoreState.challenge(chain.state(), Long.parseLong(c)).orElseThrow());
    }
    return cs;
  }

  /** The leaf a challenge asks for, and its path, from the shard's true bytes. */
  org.jingchain.types.Call trueAnswer(Challenge c) {
    byte[] shard = shards[c.shard()];
    List<Hash> leaves = new ArrayList<>();
    for (int off = 0; off < shard.length; off += CODING.leafSize()) {
      leaves.add(
          LeafTree.leafHash(
              chain.crypto(), shard, off, Math.min(CODING.leafSize(), shard.length - off)));
    }
    int from = (int) c.leaf() * CODING.leafSize();
    byte[] leaf = Arrays.copyOfRange(shard, from, Math.min(shard.length, from + CODING.leafSize()));
    return StoreCalls.answerChallenge(
        c.id(), leaf, LeafTree.path(chain.crypto(), leaves, c.leaf()));
  }

  StorageNode node(String id) {
    return StoreState.node(chain.state(), id).orElseThrow();
  }

  @Test
  void trueLeavesPassAndRaiseReputation() {
    List<Challenge> cs = requestAudit();
    assertThat(cs).hasSize(6).allSatisfy(c -> assertThat(c.status()).isEqualTo(Status.OPEN));
    assertThat(chain.refused(owner, StoreCalls.auditObject(id))).isEqualTo("AUDIT_OPEN");
    for (Challenge c : cs) {
      chain.ok(operators.get(c.node()), trueAnswer(c));
      assertThat(StoreState.challenge(chain.state(), c.id()).orElseThrow().status())
          .isEqualTo(Status.PASSED);
      assertThat(node(c.node()).reputation()).isEqualTo(StorageNode.START_REPUTATION + 1);
      assertThat(node(c.node()).audits()).isEqualTo(1);
    }
    assertThat(StoreState.object(chain.state(), id).orElseThrow().openAudits()).isZero();
    assertThat(StoreState.openChallenges(chain.state(), cs.getFirst().node())).isEmpty();
  }

  /** Forged, foreign and late answers are refused with their reason and change nothing. */
  @Test
  void forgedForeignAndLateAnswersAreRefused() {
    Challenge c = requestAudit().getFirst();
    Address holder = operators.get(c.node());
    byte[] shard = shards[c.shard()];
    // another leaf of the same shard with its own (true) path: not the leaf asked for
    long other = (c.leaf() + 1) % CODING.leaves(shard.length);
    Challenge wrongLeaf =
        new Challenge(c.id(), c.object(), c.shard(), other, c.node(), 0, 0, Status.OPEN, 0);
    assertThat(chain.refused(holder, trueAnswer(wrongLeaf))).isEqualTo("BAD_PROOF");
    // the right leaf with a byte flipped, and with a path cut short
    org.jingchain.types.Call good = trueAnswer(c);
    StoreCalls.Answer a = StoreCalls.decodeAnswer(good.args());
    byte[] flipped = a.leaf().toByteArray();
    flipped[0] ^= 1;
    assertThat(chain.refused(holder, StoreCalls.answerChallenge(c.id(), flipped, a.path())))
        .isEqualTo("BAD_PROOF");
    assertThat(
            chain.refused(
                holder,
                StoreCalls.answerChallenge(
                    c.id(), a.leaf().toByteArray(), a.path().subList(1, a.path().size()))))
        .isEqualTo("BAD_PROOF");
    assertThat(chain.refused(owner, good)).isEqualTo("NOT_OPERATOR");
    assertThat(
            chain.refused(
                holder, StoreCalls.answerChallenge(9999, a.leaf().toByteArray(), a.path())))
        .isEqualTo("NO_CHALLENGE");
    for (long h = chain.height(); h <= c.deadline(); h++) {
      chain.advance(1000);
    }
    assertThat(chain.refused(holder, good)).isEqualTo("DEADLINE_PASSED");
    assertThat(StoreState.challenge(chain.state(), c.id()).orElseThrow().status())
        .isEqualTo(Status.OPEN);
  }

  /**
   * A node that cannot produce its leaf says so: the challenge fails, the node loses 20, the shard
   * counts as lost, and with 5 of 6 healthy (below k+2) the shard moves to a node holding none of
   * the object, rebuilt by the holder of the first healthy shard.
   */
  @Test
  void aFailedChallengeOrdersARepairThatAConfirmationCompletes() {
    List<Challenge> cs = requestAudit();
    Challenge bad = cs.get(2);
    for (Challenge c : cs) {
      if (c != bad) {
        chain.ok(operators.get(c.node()), trueAnswer(c));
      }
    }
    Event e = chain.ok(operators.get(bad.node()), StoreCalls.failChallenge(bad.id()));
    assertThat(e.type()).isEqualTo("ChallengeFailed");
    assertThat(node(bad.node()).reputation())
        .isEqualTo(StorageNode.START_REPUTATION - Audits.FAIL_COST);
    assertThat(node(bad.node()).failed()).isEqualTo(1);
    StoredObject o = StoreState.object(chain.state(), id).orElseThrow();
    String target = o.placement().get(2);
    assertThat(target).isNotEqualTo(bad.node()).isNotIn(object.placement());
    assertThat(o.confirmed().get(2)).isFalse();
    assertThat(o.repairer()).isEqualTo(object.placement().get(0));
    assertThat(e.attribute("repair")).contains("ordered: 2->" + target + " by " + o.repairer());
    assertThat(StoreState.repairs(chain.state(), o.repairer())).containsExactly(id);
    assertThat(node(bad.node()).used()).isZero();
    // The rebuilt shard reaches its new node, which confirms it: the repair is done.
    chain.ok(operators.get(target), StoreCalls.confirmShard(id, 2));
    StoredObject done = StoreState.object(chain.state(), id).orElseThrow();
    assertThat(done.repairer()).isEmpty();
    assertThat(done.healthy()).isEqualTo(6);
    assertThat(StoreState.repairs(chain.state(), o.repairer())).isEmpty();
  }

  /** A node that does not answer by the deadline has missed, not failed: counted apart. */
  @Test
  void unansweredChallengesAreMissedWhenClosed() {
    List<Challenge> cs = requestAudit();
    Challenge silent = cs.get(1);
    for (Challenge c : cs) {
      if (c != silent) {
        chain.ok(operators.get(c.node()), trueAnswer(c));
      }
    }
    assertThat(chain.refused(owner, StoreCalls.closeExpired())).isEqualTo("NOTHING_TO_CLOSE");
    for (long h = chain.height(); h <= silent.deadline(); h++) {
      chain.advance(1000);
    }
    Event e = chain.ok(owner, StoreCalls.closeExpired());
    assertThat(e.attribute("missed")).contains("1");
    assertThat(StoreState.challenge(chain.state(), silent.id()).orElseThrow().status())
        .isEqualTo(Status.MISSED);
    StorageNode n = node(silent.node());
    assertThat(n.missed()).isEqualTo(1);
    assertThat(n.failed()).isZero();
    assertThat(n.reputation()).isEqualTo(StorageNode.START_REPUTATION - Audits.MISS_COST);
    assertThat(StoreState.object(chain.state(), id).orElseThrow().repairer()).isNotEmpty();
  }

  /** Rounds come at most once per interval and challenge confirmed shards drawn from the block. */
  @Test
  void auditRoundsDrawFromTheIndexOncePerInterval() {
    Event first = chain.ok(owner, StoreCalls.auditRound());
    assertThat(first.attribute("round")).contains("1");
    List<String> ids = List.of(first.attribute("challenges").orElseThrow().split(","));
    assertThat(ids).isNotEmpty().hasSizeLessThanOrEqualTo(6);
    for (String c : ids) {
      Challenge ch = StoreState.challenge(chain.state(), Long.parseLong(c)).orElseThrow();
      assertThat(ch.object()).isEqualTo(id);
      assertThat(ch.round()).isEqualTo(1);
      assertThat(ch.leaf()).isLessThan(CODING.leaves(shards[0].length));
    }
    chain.advance(1000);
    assertThat(chain.refused(owner, StoreCalls.auditRound())).isEqualTo("TOO_EARLY");
    for (int i = 0; i < Audits.DEFAULT_INTERVAL; i++) {
      chain.advance(1000);
    }
    Event second = chain.ok(owner, StoreCalls.auditRound());
    assertThat(second.attribute("round")).contains("2");
    assertThat(second.attribute("missed")).contains(Integer.toString(ids.size()));
  }

  /**
   * A deleted object's challenges close cancelled, costing its nodes nothing, and the same name put
   * again is another object with another id (the old challenges never point at it).
   */
  @Test
  void deletingAnAuditedObjectCancelsItsChallengesAndANewPutGetsANewId() {
    List<Challenge> cs = requestAudit();
    chain.ok(owner, StoreCalls.deleteObject(id));
    Coding small = new Coding(1, 1, 1024, 256);
    chain.ok(
        owner,
        StoreCalls.putObject(
            new StoreCalls.PutObject(
                "scan",
                100,
                small,
                StoreContractTest.hashOf(5),
                StoreContractTest.roots(2),
                0,
                "")));
    Hash again = StoreState.idByName(chain.state(), chain.crypto(), owner, "scan").orElseThrow();
    assertThat(again).isNotEqualTo(id);
    Challenge c = cs.get(5);
    assertThat(chain.refused(operators.get(c.node()), trueAnswer(c))).isEqualTo("NO_OBJECT");
    for (long h = chain.height(); h <= c.deadline(); h++) {
      chain.advance(1000);
    }
    chain.ok(owner, StoreCalls.closeExpired());
    for (Challenge x : cs) {
      assertThat(StoreState.challenge(chain.state(), x.id()).orElseThrow().status())
          .isEqualTo(Status.CANCELLED);
      assertThat(node(x.node()).reputation()).isEqualTo(StorageNode.START_REPUTATION);
      assertThat(node(x.node()).missed()).isZero();
    }
    assertThat(StoreState.object(chain.state(), again).orElseThrow().lost()).containsOnly(false);
  }

  /** [STORE-33] with store.repairMargin 1, one lost shard of a 4+2 object orders no repair. */
  @Test
  void theRepairMarginIsGoverned() {
    chain.put(
        org.jingchain.gov.Gov.paramKey(org.jingchain.gov.Params.STORE_REPAIR_MARGIN),
        org.jingchain.types.Bytes.wrap(
            org.jingchain.gov.Params.encode(org.jingchain.gov.Params.STORE_REPAIR_MARGIN, "1")));
    Challenge bad = requestAudit().get(3);
    Event e = chain.ok(operators.get(bad.node()), StoreCalls.failChallenge(bad.id()));
    assertThat(e.attribute("repair")).contains("");
    StoredObject o = StoreState.object(chain.state(), id).orElseThrow();
    assertThat(o.healthy()).isEqualTo(5);
    assertThat(o.repairer()).isEmpty();
    assertThat(o.lost().get(3)).isTrue();
  }

  /**
   * [STORE-34] A node that misses three challenges in a row is down: it gets no new shards, and a
   * check of any object with a shard there counts that shard lost and orders the repair — without
   * waiting for an audit to sample it.
   */
  @Test
  void aNodeThatMissesThreeInARowIsDownAndItsShardsAreRepairedOnCheck() throws Exception {
    List<Hash> objects = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      chain.ok(
          owner,
          StoreCalls.putObject(
              new StoreCalls.PutObject(
                  "o" + i,
                  100,
                  CODING,
                  StoreContractTest.hashOf(i),
                  StoreContractTest.roots(6),
                  0,
                  "")));
      Hash oid = StoreState.idByName(chain.state(), chain.crypto(), owner, "o" + i).orElseThrow();
      StoredObject o = StoreState.object(chain.state(), oid).orElseThrow();
      for (int s = 0; s < 6; s++) {
        chain.ok(operators.get(o.placement().get(s)), StoreCalls.confirmShard(oid, s));
      }
      objects.add(oid);
    }
    String x =
        StoreState.object(chain.state(), objects.getFirst()).orElseThrow().placement().get(0);
    List<Hash> onX = new ArrayList<>();
    for (Hash oid : objects) {
      if (StoreState.object(chain.state(), oid).orElseThrow().placement().contains(x)) {
        onX.add(oid);
      }
    }
    assertThat(onX).as("objects with a shard on " + x).hasSizeGreaterThanOrEqualTo(4);
    long deadline = 0;
    for (Hash oid : onX.subList(0, 3)) {
      Event e = chain.ok(owner, StoreCalls.auditObject(oid));
      deadline = Long.parseLong(e.attribute("deadline").orElseThrow());
      // everyone but x answers truly: these objects' bytes are made up, so they fail instead
      // (a failure is not a miss, and x's count of misses is what this is about)
      for (String c : e.attribute("challenges").orElseThrow().split(",")) {
        Challenge ch = StoreState.challenge(chain.state(), Long.parseLong(c)).orElseThrow();
        if (!ch.node().equals(x)) {
          chain.ok(operators.get(ch.node()), StoreCalls.failChallenge(ch.id()));
        }
      }
    }
    while (chain.height() <= deadline) {
      chain.advance(1000);
    }
    chain.ok(owner, StoreCalls.closeExpired());
    StorageNode down = node(x);
    assertThat(down.missedInARow()).isEqualTo(3);
    assertThat(down.down()).isTrue();
    assertThat(down.eligible(1)).isFalse();
    Hash fourth = onX.get(3);
    StoredObject before = StoreState.object(chain.state(), fourth).orElseThrow();
    int shard = before.placement().indexOf(x);
    assertThat(before.lost().get(shard)).isFalse();
    Event checked = chain.ok(owner, StoreCalls.checkObject(fourth));
    assertThat(checked.attribute("lost")).contains(Integer.toString(shard));
    StoredObject after = StoreState.object(chain.state(), fourth).orElseThrow();
    assertThat(after.placement().get(shard)).isNotEqualTo(x);
    assertThat(after.repairer()).isNotEmpty().isNotEqualTo(x);
    assertThat(chain.refused(owner, StoreCalls.checkObject(fourth))).isEqualTo("NOTHING_TO_DO");
  }

  /**
   * [STORE-35] A repair whose new shard is not confirmed within 600 blocks may be ordered again by
   * anyone: the shard goes to yet another node, and another healthy holder rebuilds it.
   */
  @Test
  void aStalledRepairIsOrderedAgainElsewhere() {
    Challenge bad = requestAudit().get(2);
    chain.ok(operators.get(bad.node()), StoreCalls.failChallenge(bad.id()));
    StoredObject ordered = StoreState.object(chain.state(), id).orElseThrow();
    String firstTarget = ordered.placement().get(2);
    String firstRepairer = ordered.repairer();
    assertThat(chain.refused(owner, StoreCalls.retryRepair(id))).isEqualTo("REPAIR_NOT_STALLED");
    for (int i = 0; i <= Audits.REPAIR_TIMEOUT; i++) {
      chain.advance(1000);
    }
    Event e = chain.ok(owner, StoreCalls.retryRepair(id));
    assertThat(e.attribute("was")).contains(firstRepairer);
    StoredObject again = StoreState.object(chain.state(), id).orElseThrow();
    assertThat(again.placement().get(2)).isNotEqualTo(firstTarget);
    assertThat(again.repairer()).isNotEmpty().isNotEqualTo(firstRepairer);
    assertThat(StoreState.repairs(chain.state(), firstRepairer)).doesNotContain(id);
    assertThat(StoreState.repairs(chain.state(), again.repairer())).contains(id);
    assertThat(node(firstTarget).used()).isZero();
    assertThat(chain.refused(owner, StoreCalls.retryRepair(id))).isEqualTo("REPAIR_NOT_STALLED");
  }
}
