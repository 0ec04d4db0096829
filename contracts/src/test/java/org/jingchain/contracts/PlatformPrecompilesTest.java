package org.jingchain.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.datadir.DatadirCalls;
import org.jingchain.datadir.DatadirContract;
import org.jingchain.datadir.Policy;
import org.jingchain.datadir.Samples;
import org.jingchain.evm.Evm;
import org.jingchain.evm.Precompiles;
import org.jingchain.evm.abi.AbiCodec;
import org.jingchain.evm.abi.AbiType;
import org.jingchain.identity.StatusListContract;
import org.jingchain.testkit.NodeTools;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.types.Bytes;
import org.jingchain.types.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform precompiles [EVM-PRE-2] over real identity and data-directory state, made by the
 * real contracts: called directly with ABI input, and from Solidity (ClinicGate.sol, compiled by
 * the pinned solc) checking a credential's revocation bit and a data grant in one transaction.
 */
class PlatformPrecompilesTest {
  static final long DAY = TestChain.DAY;
  static final long GAS = 1_000_000;

  final TestChain chain =
      new TestChain(DatadirContract::new, (suite, crypto) -> new EvmContract(TestChain.CHAIN_ID));
  final Party hospital = chain.party("hospital");
  final Party university = chain.party("university");
  final Party issuer = chain.party("medical-board");

  @TempDir Path dir;

  /** Calls {@code signature} on the precompile at {@code address}; the result or revert. */
  Evm.Result call(org.jingchain.evm.Address address, String signature, Object... args) {
    Precompiles p = PlatformPrecompiles.all(chain.state(), chain.timeMillis());
    return p.at(address).run(AbiCodec.call(signature, args), GAS);
  }

  List<Object> ok(Evm.Result r, String outputs) {
    assertThat(r.status()).as(reason(r)).isEqualTo(Evm.Status.SUCCESS);
    return AbiCodec.decode(
        AbiType.splitTopLevel(outputs).stream().map(AbiType::parse).toList(), r.output());
  }

  static String reason(Evm.Result r) {
    return r.status() == Evm.Status.REVERT
        ? RevertReasons.describe(r.output())
        : String.valueOf(r.halt());
  }

  @Test
  void cryptoAnswersSm3AndVerifiesSm2AndEd25519Signatures() {
    byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
    // GB/T 32905-2016 appendix A: SM3("abc").
    assertThat(
            HexFormat.of()
                .formatHex(
                    (byte[])
                        ok(call(PlatformPrecompiles.CRYPTO, "sm3(bytes)", abc), "bytes32").get(0)))
        .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    KeyPair sm = CryptoSuites.sm().generateKeyPair(new SecureRandom());
    byte[] msg = "admit patient 7".getBytes(StandardCharsets.UTF_8);
    byte[] sig = sm.sign(msg);
    byte[] smKey = sm.publicKey().bytes().toByteArray();
    String sm2 = "sm2Verify(bytes,bytes,bytes)";
    assertThat(ok(call(PlatformPrecompiles.CRYPTO, sm2, smKey, msg, sig), "bool"))
        .containsExactly(true);
    byte[] other = msg.clone();
    other[0] ^= 1;
    assertThat(ok(call(PlatformPrecompiles.CRYPTO, sm2, smKey, other, sig), "bool"))
        .containsExactly(false);
    assertThat(ok(call(PlatformPrecompiles.CRYPTO, sm2, new byte[5], msg, sig), "bool"))
        .as("a malformed key does not verify")
        .containsExactly(false);
    KeyPair ed = CryptoSuites.intl().generateKeyPair(new SecureRandom());
    String ed25519 = "ed25519Verify(bytes32,bytes,bytes)";
    byte[] edKey = ed.publicKey().bytes().toByteArray();
    assertThat(ok(call(PlatformPrecompiles.CRYPTO, ed25519, edKey, msg, ed.sign(msg)), "bool"))
        .containsExactly(true);
    assertThat(ok(call(PlatformPrecompiles.CRYPTO, ed25519, edKey, other, ed.sign(msg)), "bool"))
        .containsExactly(false);
  }

  @Test
  void identityAnswersFromTheDidRegistryStatusListsAndTrustRegistry() {
    String status = "didStatus(string)";
    assertThat(ok(call(PlatformPrecompiles.IDENTITY, status, university.did()), "bool,bool,uint64"))
        .containsExactly(true, false, BigInteger.ONE);
    String absent = "did:jing:" + "0".repeat(40);
    assertThat(ok(call(PlatformPrecompiles.IDENTITY, status, absent), "bool,bool,uint64"))
        .containsExactly(false, false, BigInteger.ZERO);
    Evm.Result bad = call(PlatformPrecompiles.IDENTITY, status, "did:web:example.org");
    assertThat(bad.status()).isEqualTo(Evm.Status.REVERT);
    assertThat(reason(bad))
        .isEqualTo(
            "reverted: JingIdentity.didStatus(string): 'did:web:example.org' is not a did:jing DID");

    String hasKey = "didHasKey(string,uint8,bytes,uint8)";
    byte[] key1 = university.didKey().publicKey().toByteArray();
    BigInteger type = BigInteger.valueOf(university.didKey().type().ordinal() + 1);
    assertThat(
            ok(
                call(
                    PlatformPrecompiles.IDENTITY,
                    hasKey,
                    university.did(),
                    type,
                    key1,
                    BigInteger.TWO),
                "bool"))
        .as("key-1 may assert")
        .containsExactly(true);
    byte[] txKey = university.tx().publicKey().bytes().toByteArray();
    assertThat(
            ok(
                call(
                    PlatformPrecompiles.IDENTITY,
                    hasKey,
                    university.did(),
                    type,
                    txKey,
                    BigInteger.TWO),
                "bool"))
        .as("the tx key only authenticates")
        .containsExactly(false);

    chain.createStatusList(issuer, "2026", StatusListContract.Purpose.REVOCATION);
    chain.setStatus(issuer, "2026", 7, true);
    String bit = "statusBit(string,string,uint256)";
    assertThat(
            ok(
                call(
                    PlatformPrecompiles.IDENTITY, bit, issuer.did(), "2026", BigInteger.valueOf(7)),
                "bool,uint8"))
        .containsExactly(true, BigInteger.ZERO);
    assertThat(
            ok(
                call(
                    PlatformPrecompiles.IDENTITY, bit, issuer.did(), "2026", BigInteger.valueOf(8)),
                "bool,uint8"))
        .containsExactly(false, BigInteger.ZERO);
    assertThat(
            reason(
                call(
                    PlatformPrecompiles.IDENTITY,
                    bit,
                    issuer.did(),
                    "2026",
                    BigInteger.valueOf(TestChain.STATUS_LIST_SIZE))))
        .contains("is outside the list's 1024 bits");
    assertThat(
            reason(call(PlatformPrecompiles.IDENTITY, bit, issuer.did(), "2027", BigInteger.ONE)))
        .contains("no status list 2027 of " + issuer.did());

    byte[] schema = "{\"type\":\"object\"}".getBytes(StandardCharsets.UTF_8);
    String digest = chain.addSchema(schema);
    String trusted = "trustedIssuer(string,bytes32)";
    byte[] d = HexFormat.of().parseHex(digest);
    assertThat(ok(call(PlatformPrecompiles.IDENTITY, trusted, issuer.did(), d), "bool"))
        .containsExactly(false);
    chain.addIssuer(issuer.did(), schema);
    assertThat(ok(call(PlatformPrecompiles.IDENTITY, trusted, issuer.did(), d), "bool"))
        .containsExactly(true);
    chain.deactivate(issuer);
    assertThat(ok(call(PlatformPrecompiles.IDENTITY, trusted, issuer.did(), d), "bool"))
        .as("a deactivated issuer is trusted for nothing")
        .containsExactly(false);
  }

  long grantCohortTo(Party requester, long expiresAt) {
    chain.ok(
        requester,
        DatadirCalls.request(requester.did(), "cohort", "diabetes research", "read", 30 * DAY));
    long request = 1;
    return TestChain.number(
        chain.ok(hospital, DatadirCalls.grant(hospital.did(), request, expiresAt, "read")),
        "grant");
  }

  void registerCohort() {
    chain.ok(hospital, Samples.registerCall("cohort", hospital.did(), Policy.approval()));
  }

  @Test
  void dataAnswersAsTheDataServerDecides() {
    registerCohort();
    long grant = grantCohortTo(university, chain.timeMillis() + DAY);
    String allowed = "accessAllowed(string,string,uint64)";
    assertThat(
            ok(
                call(
                    PlatformPrecompiles.DATA,
                    allowed,
                    "cohort",
                    university.did(),
                    BigInteger.valueOf(grant)),
                "bool,string"))
        .containsExactly(true, "");
    assertThat(
            ok(
                call(
                    PlatformPrecompiles.DATA,
                    allowed,
                    "cohort",
                    issuer.did(),
                    BigInteger.valueOf(grant)),
                "bool,string"))
        .as("a grant serves its grantee only")
        .containsExactly(false, "DD_NO_GRANT");
    assertThat(
            ok(
                call(
                    PlatformPrecompiles.DATA, allowed, "cohort", university.did(), BigInteger.ZERO),
                "bool,string"))
        .as("the asset is not public")
        .containsExactly(false, "DD_NO_GRANT");
    chain.advance(DAY);
    assertThat(
            ok(
                call(
                    PlatformPrecompiles.DATA,
                    allowed,
                    "cohort",
                    university.did(),
                    BigInteger.valueOf(grant)),
                "bool,string"))
        .containsExactly(false, "DD_GRANT_EXPIRED");
  }

  @Test
  void unknownFunctionsAndMalformedArgumentsRevertWithTheirReason() {
    Precompiles p = PlatformPrecompiles.all(chain.state(), chain.timeMillis());
    Evm.Result none = p.at(PlatformPrecompiles.CRYPTO).run(new byte[] {1, 2, 3, 4}, GAS);
    assertThat(reason(none)).isEqualTo("reverted: JingCrypto: no function 0x01020304");
    byte[] truncated = Arrays.copyOf(NativeContract.selector("sm3(bytes)"), 4 + 31);
    assertThat(reason(p.at(PlatformPrecompiles.CRYPTO).run(truncated, GAS)))
        .startsWith("reverted: JingCrypto.sm3(bytes): malformed arguments");
    assertThat(p.at(PlatformPrecompiles.IDENTITY).run(truncated, 10).halt())
        .isEqualTo(Evm.Halt.OUT_OF_GAS);
  }

  /** Sets the sender's next nonce as the executor would have, before the EVM reads it. */
  void nonce(Party p, long next) {
    chain.put("sys/nonce/" + p.address(), Bytes.wrap(ByteBuffer.allocate(8).putLong(next).array()));
  }

  @Test
  void aSolidityContractChecksARevocationBitAndADataGrantInOneTransaction() throws Exception {
    NodeTools.compile(dir, "ClinicGate.sol");
    byte[] bin = HexFormat.of().parseHex(Files.readString(dir.resolve("ClinicGate.bin")).strip());
    registerCohort();
    long grant = grantCohortTo(university, chain.timeMillis() + DAY);
    chain.createStatusList(issuer, "2026", StatusListContract.Purpose.REVOCATION);
    chain.setStatus(issuer, "2026", 3, true);

    byte[] ctorArgs =
        AbiCodec.encode(
            AbiType.splitTopLevel("string,string,string").stream().map(AbiType::parse).toList(),
            List.of(issuer.did(), "2026", "cohort"));
    byte[] init = Arrays.copyOf(bin, bin.length + ctorArgs.length);
    System.arraycopy(ctorArgs, 0, init, bin.length, ctorArgs.length);
    nonce(hospital, 1);
    Receipt deployed =
        chain.execute(hospital.address(), EvmCalls.deploy(init, 3_000_000)).receipt();
    assertThat(deployed.succeeded()).as(deployed.message()).isTrue();
    org.jingchain.evm.Address gate =
        org.jingchain.evm.Address.fromHex(
            deployed.events().getLast().attribute("address").orElseThrow());

    List<String> outcomes = new ArrayList<>();
    long[][] cases = {{0, grant}, {3, grant}, {0, 0}};
    for (long[] c : cases) {
      byte[] data =
          AbiCodec.call(
              "admit(string,uint256,uint64)",
              university.did(),
              BigInteger.valueOf(c[0]),
              BigInteger.valueOf(c[1]));
      nonce(university, 1 + outcomes.size());
      Receipt r = chain.execute(university.address(), EvmCalls.call(gate, data, 500_000)).receipt();
      outcomes.add(
          r.succeeded()
              ? "admitted"
              : r.code() + " " + r.message().replaceAll(" \\(gas used \\d+\\)", ""));
    }
    String revoked =
        HexFormat.of().formatHex(NativeContract.selector("CredentialRevoked(uint256)"));
    String noAccess = HexFormat.of().formatHex(NativeContract.selector("NoAccess(string)"));
    assertThat(outcomes.get(0)).isEqualTo("admitted");
    assertThat(outcomes.get(1)).startsWith("EVM_REVERT reverted with custom error 0x" + revoked);
    assertThat(outcomes.get(2)).startsWith("EVM_REVERT reverted with custom error 0x" + noAccess);
  }
}
