package org.jingchain.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.crypto.KeyPair;
import org.jingchain.gov.Gov;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Address;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;

/**
 * Fuzzes the {@code pgroup} contract's argument decoders — group definitions, attestations — and
 * the contract behind them: any bytes are answered with an event or a refusal of a documented code
 * that wrote nothing ([PRIV-17]). In the test command this replays the corpus in {@code
 * PgroupArgsFuzzTestInputs} (valid arguments of each method); {@code JAZZER_FUZZ=1} fuzzes for
 * real.
 */
class PgroupArgsFuzzTest {
  static final Set<String> CODES =
      Set.of(
          "INVALID_ARGS",
          "GROUP_EXISTS",
          "NOT_APPROVED",
          "NO_SUCH_GROUP",
          "NOT_A_MEMBER",
          "ALREADY_RECORDED",
          "BAD_ATTESTATION",
          "NO_AVAILABILITY",
          "NO_SUCH_RECORD",
          "ALREADY_PURGED");

  static final TestChain CHAIN =
      new TestChain(SuiteId.INTL, (s, crypto) -> new PgroupContract(crypto, TestChain.CHAIN_ID));
  static final EcGroup G = EcGroup.of(SuiteId.INTL, CHAIN.crypto());
  static final SecureRandom RANDOM = Seeded.random(31);
  static final List<KeyPair> NODES = new ArrayList<>();
  static final Address ADMIN = CHAIN.key("admin0").address();
  static final PgroupDef DEF;
  static final PgroupDef NEW_DEF;

  static PgroupDef def(String id) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    List<PgroupDef.Member> ms = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ECPoint e = G.base(PgroupKeys.encSecret(G, TestChain.CHAIN_ID, NODES.get(i)));
      ms.add(
          new PgroupDef.Member(
              "org" + i,
              NODES.get(i).publicKey(),
              "http://127.0.0.1:874" + i,
              Bytes.wrap(G.encode(e)),
              Bytes.wrap(PgroupKeys.wrap(G, id, e, key, RANDOM))));
    }
    return new PgroupDef(id, 2, ms);
  }

  static void approve(PgroupDef d) {
    CHAIN.put(
        Gov.approvedKey(d.digest(CHAIN.crypto())),
        Bytes.wrap(ByteBuffer.allocate(8).putLong(1).array()));
  }

  static Call submit(Hash h) {
    List<PgroupCalls.Attestation> as = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      as.add(
          new PgroupCalls.Attestation(
              i,
              Bytes.wrap(
                  NODES.get(i).sign(PgroupCalls.holdMessage(TestChain.CHAIN_ID, "g", h, 10)))));
    }
    return PgroupCalls.submit(new PgroupCalls.Submit("g", h, 10, as));
  }

  static {
    for (int i = 0; i < 2; i++) {
      NODES.add(CHAIN.key("node" + i));
      CHAIN.put(
          Gov.orgKey("org" + i),
          Bytes.wrap(Gov.encode(new Gov.Org("org" + i, "Org", List.of(ADMIN), Bytes.EMPTY, 0))));
    }
    CHAIN.put(Gov.roleKey(ADMIN), Bytes.wrap(Gov.encode(new Gov.Roles("org0", Gov.ADMIN))));
    DEF = def("g");
    approve(DEF);
    CHAIN.ok(ADMIN, PgroupCalls.create(DEF));
    CHAIN.ok(ADMIN, submit(CHAIN.crypto().hash(new byte[] {1})));
    NEW_DEF = def("h");
    approve(NEW_DEF);
  }

  static void check(String method, byte[] input) {
    TestChain.Outcome o =
        CHAIN.dryRun(ADMIN, new Call(PgroupCalls.CONTRACT, method, Bytes.wrap(input)));
    if (o.receipt().succeeded()) {
      assertThat(o.receipt().events()).hasSize(1);
    } else {
      assertThat(o.receipt().code()).isIn(CODES);
      assertThat(o.writes()).isEmpty();
    }
  }

  @FuzzTest(maxDuration = "10s")
  void create(byte[] input) {
    check(PgroupCalls.CREATE, input);
  }

  @FuzzTest(maxDuration = "10s")
  void submit(byte[] input) {
    check(PgroupCalls.SUBMIT, input);
  }

  @FuzzTest(maxDuration = "10s")
  void purge(byte[] input) {
    check(PgroupCalls.PURGE, input);
  }

  /** Writes the corpus of valid arguments; run once by hand when the encodings change. */
  public static void main(String[] args) throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
    java.util.Map<String, Call> valid = new java.util.LinkedHashMap<>();
    valid.put("create", PgroupCalls.create(NEW_DEF));
    valid.put("submit", submit(CHAIN.crypto().hash(new byte[] {2})));
    valid.put("purge", PgroupCalls.purge("g", 0));
    for (var e : valid.entrySet()) {
      java.nio.file.Path d = dir.resolve(e.getKey());
      java.nio.file.Files.createDirectories(d);
      java.nio.file.Files.write(d.resolve("valid"), e.getValue().args().toByteArray());
    }
  }
}
