package org.jingchain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.crypto.KeyPair;
import org.jingchain.gov.Gov;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code pgroup} contract (docs/spec/privacy.md section 6), in both suites: a group exists only
 * once governance approved its definition; a private transaction is recorded only with t member
 * nodes' attestations, only from a member organisation's account, once per ciphertext; the group
 * key wraps and unwraps for each member, and payloads seal and open under it
 * ([PRIV-30]..[PRIV-33]).
 */
class PgroupContractTest {
  TestChain chain;
  EcGroup g;
  SecureRandom random;
  List<KeyPair> nodes;
  List<Address> admins;
  PgroupDef def;
  byte[] groupKey;

  void setUp(SuiteId suite) {
    chain = new TestChain(suite, (s, crypto) -> new PgroupContract(crypto, TestChain.CHAIN_ID));
    g = EcGroup.of(suite, chain.crypto());
    random = Seeded.random(5);
    nodes = new ArrayList<>();
    admins = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String org = "org" + i;
      KeyPair node = chain.key("node" + i);
      nodes.add(node);
      Address admin = chain.key("admin" + i).address();
      admins.add(admin);
      chain.put(
          Gov.orgKey(org),
          Bytes.wrap(Gov.encode(new Gov.Org(org, "Org " + i, List.of(admin), Bytes.EMPTY, 0))));
      chain.put(Gov.roleKey(admin), Bytes.wrap(Gov.encode(new Gov.Roles(org, Gov.ADMIN))));
    }
    groupKey = new byte[32];
    random.nextBytes(groupKey);
    List<PgroupDef.Member> ms = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ECPoint e = g.base(PgroupKeys.encSecret(g, TestChain.CHAIN_ID, nodes.get(i)));
      ms.add(
          new PgroupDef.Member(
              "org" + i,
              nodes.get(i).publicKey(),
              "http://127.0.0.1:874" + i,
              Bytes.wrap(g.encode(e)),
              Bytes.wrap(PgroupKeys.wrap(g, "trial", e, groupKey, random))));
    }
    def = new PgroupDef("trial", 2, ms);
  }

  void approve(PgroupDef d) {
    chain.put(
        Gov.approvedKey(d.digest(chain.crypto())),
        Bytes.wrap(ByteBuffer.allocate(8).putLong(1).array()));
  }

  PgroupCalls.Attestation attest(int member, Hash h) {
    return new PgroupCalls.Attestation(
        member,
        Bytes.wrap(
            nodes.get(member).sign(PgroupCalls.holdMessage(TestChain.CHAIN_ID, "trial", h, 100))));
  }

  Call submit(Hash h, PgroupCalls.Attestation... as) {
    return PgroupCalls.submit(new PgroupCalls.Submit("trial", h, 100, List.of(as)));
  }

  /** [PRIV-30] [PRIV-32] Only an approved definition makes a group; each member unwraps its key. */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void aGroupNeedsGovernanceAndEachMemberUnwrapsItsKey(SuiteId suite) throws Exception {
    setUp(suite);
    assertThat(chain.refused(admins.get(0), PgroupCalls.create(def))).isEqualTo("NOT_APPROVED");
    approve(def);
    chain.ok(admins.get(0), PgroupCalls.create(def));
    assertThat(chain.refused(admins.get(0), PgroupCalls.create(def))).isEqualTo("GROUP_EXISTS");
    PgroupDef stored = PgroupState.group(chain.state(), "trial").orElseThrow();
    for (int i = 0; i < 3; i++) {
      byte[] k =
          PgroupKeys.unwrap(
              g,
              "trial",
              stored.members().get(i).wrapped().unsafeArray(),
              PgroupKeys.encSecret(g, TestChain.CHAIN_ID, nodes.get(i)));
      assertThat(k).isEqualTo(groupKey);
    }
    // Node 3 is no member: its secret unwraps nothing useful.
    assertThat(
            PgroupKeys.unwrap(
                g,
                "trial",
                stored.members().get(0).wrapped().unsafeArray(),
                PgroupKeys.encSecret(g, TestChain.CHAIN_ID, nodes.get(3))))
        .isNotEqualTo(groupKey);
    byte[] sealed = PgroupKeys.seal(chain.crypto(), "trial", groupKey, "hello".getBytes(), random);
    assertThat(PgroupKeys.open(chain.crypto(), "trial", groupKey, sealed))
        .isEqualTo("hello".getBytes());
    sealed[sealed.length - 1] ^= 1;
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PgroupKeys.open(chain.crypto(), "trial", groupKey, sealed))
        .isInstanceOf(org.jingchain.crypto.AeadException.class);
  }

  /**
   * [PRIV-31] [PRIV-33] A record needs t attestations of distinct member nodes over its hash, a
   * member organisation's sender, and a ciphertext not recorded before; purges are marked once.
   */
  @ParameterizedTest
  @EnumSource(SuiteId.class)
  void recordsNeedTheirAvailabilityCertificate(SuiteId suite) {
    setUp(suite);
    approve(def);
    chain.ok(admins.get(0), PgroupCalls.create(def));
    Hash h = chain.crypto().hash("ciphertext".getBytes());
    Address a0 = admins.get(0);
    assertThat(chain.refused(a0, submit(h))).isEqualTo("NO_AVAILABILITY");
    assertThat(chain.refused(a0, submit(h, attest(1, h)))).isEqualTo("NO_AVAILABILITY");
    assertThat(chain.refused(a0, submit(h, attest(1, h), attest(1, h)))).isEqualTo("INVALID_ARGS");
    Hash other = chain.crypto().hash("other".getBytes());
    assertThat(chain.refused(a0, submit(h, attest(0, h), attest(1, other))))
        .isEqualTo("BAD_ATTESTATION");
    // A signature of a non-member node, claimed as member 2's.
    PgroupCalls.Attestation forged =
        new PgroupCalls.Attestation(
            2,
            Bytes.wrap(
                nodes.get(3).sign(PgroupCalls.holdMessage(TestChain.CHAIN_ID, "trial", h, 100))));
    assertThat(chain.refused(a0, submit(h, attest(0, h), forged))).isEqualTo("BAD_ATTESTATION");
    assertThat(chain.refused(admins.get(3), submit(h, attest(0, h), attest(1, h))))
        .isEqualTo("NOT_A_MEMBER");
    // The attestations sign the size too: a sender cannot claim another.
    assertThat(
            chain.refused(
                a0,
                PgroupCalls.submit(
                    new PgroupCalls.Submit("trial", h, 101, List.of(attest(0, h), attest(2, h))))))
        .isEqualTo("BAD_ATTESTATION");
    chain.ok(a0, submit(h, attest(0, h), attest(2, h)));
    PgroupRecord r = PgroupState.record(chain.state(), "trial", 0).orElseThrow();
    assertThat(r.hash()).isEqualTo(h);
    assertThat(Long.bitCount(r.attesters())).isEqualTo(2);
    assertThat(chain.refused(a0, submit(h, attest(0, h), attest(1, h))))
        .isEqualTo("ALREADY_RECORDED");
    assertThat(chain.refused(admins.get(3), PgroupCalls.purge("trial", 0)))
        .isEqualTo("NOT_A_MEMBER");
    chain.ok(admins.get(1), PgroupCalls.purge("trial", 0));
    assertThat(PgroupState.record(chain.state(), "trial", 0).orElseThrow().purged()).isTrue();
    assertThat(chain.refused(admins.get(1), PgroupCalls.purge("trial", 0)))
        .isEqualTo("ALREADY_PURGED");
    assertThat(chain.refused(a0, PgroupCalls.purge("trial", 9))).isEqualTo("NO_SUCH_RECORD");
    assertThat(chain.refused(a0, submit(h))).isIn("ALREADY_RECORDED", "NO_AVAILABILITY");
  }
}
