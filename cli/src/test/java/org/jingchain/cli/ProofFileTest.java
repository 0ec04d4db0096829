package org.jingchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.KeyPair;
import org.jingchain.light.LightClient;
import org.jingchain.sdk.LightClients;
import org.jingchain.testkit.HeaderChain;
import org.jingchain.testkit.HeaderChain.CommittedBlock;
import org.jingchain.testkit.TestKeys;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof file of docs/spec/state.md section 9 ([STATE-17..23]): written and read back, binary
 * keys, version 1 files, malformed files, every claim tampered with, and validators trusted from
 * genesis certifying the root, across an epoch change. Files are built from real state trees and
 * certificates signed by real keys ({@link HeaderChain}), as a node would serve them.
 */
class ProofFileTest {
  static final String SUITES = "org.jingchain.testkit.TestKeys#suites";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Bytes BALANCE = utf8("asset/balance/alice/CNY");
  static final Bytes TOKEN = utf8("asset/token/CNY");

  /** Bytes that are not UTF-8 (0xff never occurs in UTF-8; 0x00 and 0xfe for good measure). */
  static final Bytes BINARY = Bytes.fromHex("ff00fe");

  @TempDir Path dir;

  static Bytes utf8(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  static TreeMap<Bytes, Bytes> state() {
    TreeMap<Bytes, Bytes> s = new TreeMap<>();
    s.put(BALANCE, Bytes.fromHex("00000000000000fa"));
    s.put(TOKEN, utf8("Digital yuan"));
    s.put(BINARY, Bytes.fromHex("01"));
    return s;
  }

  /** The proof file of {@code key} at block {@code b}, as {@code jing state get --out} writes. */
  static ProofFile file(
      HeaderChain chain, CommittedBlock b, Bytes key, List<ProofFile.EpochChange> epochs) {
    long v = b.header().height();
    return new ProofFile(
        ProofFile.FORMAT_2,
        chain.chainId(),
        chain.suite().id(),
        key,
        b.state().get(v, key),
        v,
        b.root(),
        Bytes.wrap(b.prove(key).encode()),
        new ProofFile.Certification(v + 1, chain.hash(b.proof().childHeader())),
        b.header(),
        b.proof(),
        epochs);
  }

  static ProofFile file(HeaderChain chain, Bytes key) {
    return file(chain, chain.commit(4, state()), key, List.of());
  }

  /** A genesis file that trusts {@code keys} as the validators of {@code chain}. */
  Path genesis(HeaderChain chain, List<KeyPair> keys) throws Exception {
    return genesis(chain, keys, "genesis");
  }

  Path genesis(HeaderChain chain, List<KeyPair> keys, String name) throws Exception {
    ObjectNode g = JSON.createObjectNode();
    g.put("chainId", chain.chainId());
    g.put("suite", chain.suite().id().label());
    ArrayNode vs = g.putArray("validators");
    keys.forEach(k -> vs.add(k.publicKey().toString()));
    Path p = dir.resolve(name + "-" + chain.suite().id().label() + ".json");
    Files.writeString(p, JSON.writeValueAsString(g));
    return p;
  }

  LightClient trusting(HeaderChain chain) throws Exception {
    return LightClients.fromGenesis(genesis(chain, chain.keys()));
  }

  static ObjectNode json(ProofFile f) throws Exception {
    return (ObjectNode) JSON.readTree(f.toBytes());
  }

  static ProofFile parse(JsonNode n) throws Exception {
    return ProofFile.parse(JSON.writeValueAsBytes(n));
  }

  static ProofFile.Verdict checkAlone(ProofFile f) {
    return f.check(Optional.empty(), Optional.empty(), "");
  }

  // ---- [STATE-17], [STATE-18]: what is written is read back, byte for byte

  @ParameterizedTest
  @MethodSource(SUITES)
  void aFileReadsBackAsWrittenWithTheMembersInTheDocumentedOrder(CryptoSuite suite)
      throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    ProofFile f = file(chain, BALANCE);
    byte[] bytes = f.toBytes();
    ProofFile back = ProofFile.parse(bytes);
    assertThat(back).isEqualTo(f);
    assertThat(back.toBytes()).isEqualTo(bytes);
    JsonNode n = JSON.readTree(bytes);
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "format",
            "chainId",
            "suite",
            "key",
            "keyHex",
            "value",
            "version",
            "stateRoot",
            "proof",
            "certifiedBy",
            "header",
            "commitProof",
            "epochs");
    assertThat(n.get("format").asText()).isEqualTo("jing-state-proof-2");
    assertThat(n.get("key").asText()).isEqualTo("asset/balance/alice/CNY");
    assertThat(n.get("keyHex").asText()).isEqualTo(BALANCE.toHex());
    assertThat(n.get("value").asText()).isEqualTo("00000000000000fa");
    assertThat(n.get("version").isIntegralNumber()).isTrue();
    assertThat(n.get("certifiedBy").get("height").asLong()).isEqualTo(5);
    // [STATE-18] hex is lowercase; the encodings are those of encoding.md and xchain.md 1.1
    assertThat(n.get("header").asText())
        .isEqualTo(HexFormat.of().formatHex(Canonical.encode(f.header())))
        .isLowerCase();
    assertThat(n.get("commitProof").asText())
        .isEqualTo(
            HexFormat.of().formatHex(org.jingchain.consensus.MessageCodec.encode(f.commitProof())));
    assertThat(n.get("certifiedBy").get("blockHash").asText())
        .isEqualTo(suite.hash(Canonical.encode(f.commitProof().childHeader())).toHex());
    assertThat(checkAlone(back).valid()).isTrue();
  }

  // [STATE-22] 3: without a trust anchor the file is only shown to be consistent, and says so
  @ParameterizedTest
  @MethodSource(SUITES)
  void withoutRootOrGenesisTheVerdictSaysTheRootIsTheFilesOwn(CryptoSuite suite) {
    ProofFile.Verdict v = checkAlone(file(HeaderChain.of(suite), TOKEN));
    assertThat(v.valid()).isTrue();
    assertThat(v.checkedAgainst()).contains("recorded in the file").contains("--genesis");
  }

  // [STATE-22] 4: validators trusted from genesis certify the root
  @ParameterizedTest
  @MethodSource(SUITES)
  void genesisValidatorsCertifyTheRootAndOthersDoNot(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    ProofFile f = file(chain, BALANCE);
    ProofFile.Verdict ok = f.check(Optional.empty(), Optional.of(trusting(chain)), "g.json");
    assertThat(ok.valid()).as(ok.reason()).isTrue();
    assertThat(ok.checkedAgainst()).contains("certified by the validators of g.json");

    // the same chain id, certified by four validators genesis does not name
    HeaderChain impostor =
        new HeaderChain(suite, chain.chainId(), TestKeys.keyPairs("impostor", 4, suite));
    ProofFile forged = file(impostor, BALANCE);
    assertThat(checkAlone(forged).valid()).as("consistent in itself").isTrue();
    ProofFile.Verdict refused =
        forged.check(Optional.empty(), Optional.of(trusting(chain)), "g.json");
    assertThat(refused.valid()).isFalse();
    assertThat(refused.reason()).containsAnyOf("BAD_SIGNATURE", "UNKNOWN_SIGNER", "BELOW_QUORUM");
  }

  // [STATE-22] 3: a root the user gives is the one the proof must hold under
  @ParameterizedTest
  @MethodSource(SUITES)
  void aRootGivenIsTheRootChecked(CryptoSuite suite) {
    ProofFile f = file(HeaderChain.of(suite), BALANCE);
    assertThat(f.check(Optional.of(f.stateRoot()), Optional.empty(), "").valid()).isTrue();
    ProofFile.Verdict other =
        f.check(Optional.of(Hash.fromHex("12".repeat(32))), Optional.empty(), "");
    assertThat(other.valid()).isFalse();
    assertThat(other.reason()).contains("Merkle proof").contains("12121212");
  }

  // ---- [STATE-19]: binary keys

  @ParameterizedTest
  @MethodSource(SUITES)
  void aKeyThatIsNotUtf8IsKeptInKeyHexWithKeyNull(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    ProofFile f = file(chain, BINARY);
    JsonNode n = JSON.readTree(f.toBytes());
    assertThat(n.get("key").isNull()).isTrue();
    assertThat(n.get("keyHex").asText()).isEqualTo("ff00fe");
    ProofFile back = ProofFile.parse(f.toBytes());
    assertThat(back.key()).isEqualTo(BINARY);
    assertThat(back.keyLabel()).isEqualTo("0xff00fe");
    assertThat(back.value()).contains(Bytes.fromHex("01"));
    assertThat(back.check(Optional.empty(), Optional.of(trusting(chain)), "g").valid()).isTrue();
    // the same bytes with another value do not verify: the proof is of exactly this key
    ObjectNode other = json(f);
    other.put("value", "02");
    assertThat(checkAlone(parse(other)).valid()).isFalse();
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void keyMustBeExactlyTheTextOfKeyHex(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    ObjectNode text = json(file(chain, BALANCE));
    text.put("key", "asset/balance/bob/CNY");
    assertMalformed(text, "\"key\" must be the UTF-8 text of \"keyHex\"");
    text.putNull("key");
    assertMalformed(text, "\"key\" must be the UTF-8 text of \"keyHex\"");
    ObjectNode binary = json(file(chain, BINARY));
    binary.put("key", "\u00ff\u0000\u00fe");
    assertMalformed(binary, "\"key\" must be null");
  }

  // a proven absence: value null, and claiming a value instead fails
  @ParameterizedTest
  @MethodSource(SUITES)
  void anAbsentKeyIsProvenAbsentAndCannotBeClaimedPresent(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    ProofFile f =
        file(chain, chain.commit(4, state()), utf8("asset/balance/nobody/CNY"), List.of());
    assertThat(f.value()).isEmpty();
    assertThat(JSON.readTree(f.toBytes()).get("value").isNull()).isTrue();
    assertThat(f.check(Optional.empty(), Optional.of(trusting(chain)), "g").valid()).isTrue();
    ObjectNode claimed = json(f);
    claimed.put("value", "00000000000000fa");
    assertThat(checkAlone(parse(claimed)).valid()).isFalse();
    // and the empty value is a value, not an absence [STATE-1]
    claimed.put("value", "");
    assertThat(checkAlone(parse(claimed)).valid()).isFalse();
  }

  // ---- [STATE-22] 2: every claim of the file is checked

  static Stream<Arguments> tamperings() {
    Map<String, Consumer<ObjectNode>> t = new java.util.LinkedHashMap<>();
    t.put("the value", n -> n.put("value", "0000000000ffffff"));
    t.put("the state root", n -> n.put("stateRoot", "34".repeat(32)));
    t.put(
        "certifiedBy's hash",
        n -> ((ObjectNode) n.get("certifiedBy")).put("blockHash", "56".repeat(32)));
    t.put("certifiedBy's height", n -> ((ObjectNode) n.get("certifiedBy")).put("height", 6));
    t.put("the version", n -> n.put("version", 3));
    t.put("the chain id", n -> n.put("chainId", "other-chain"));
    return TestKeys.suites()
        .flatMap(s -> t.entrySet().stream().map(e -> Arguments.of(s, e.getKey(), e.getValue())));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("tamperings")
  void aFileWhoseClaimsDisagreeIsInvalidNotValid(
      CryptoSuite suite, String what, Consumer<ObjectNode> tamper) throws Exception {
    ObjectNode n = json(file(HeaderChain.of(suite), BALANCE));
    tamper.accept(n);
    ProofFile.Verdict v = checkAlone(parse(n));
    assertThat(v.valid()).as("tampered with " + what).isFalse();
    assertThat(v.reason()).isNotBlank();
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aHeaderFromAnotherBlockIsInvalid(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    ProofFile f = file(chain, BALANCE);
    ObjectNode n = json(f);
    // block 4 of another branch: the same height, another time
    var sibling = HeaderChain.with(f.header(), "timestampMillis", f.header().timestampMillis() + 1);
    n.put("header", HexFormat.of().formatHex(Canonical.encode(sibling)));
    ProofFile.Verdict v = checkAlone(parse(n));
    assertThat(v.valid()).isFalse();
    assertThat(v.reason()).contains("not the child of \"header\"");
  }

  // ---- [STATE-20]: validator-set changes travel with the file

  @ParameterizedTest
  @MethodSource(SUITES)
  void genesisValidatorsCertifyALaterEpochThroughTheChangesInTheFile(CryptoSuite suite)
      throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    List<KeyPair> next = TestKeys.keyPairs("next", 4, suite);
    Bytes validators = HeaderChain.validatorsValue(next);
    TreeMap<Bytes, Bytes> afterEnd = new TreeMap<>();
    afterEnd.put(LightClient.VALIDATORS_KEY, validators);
    // block 5 ends epoch 0 (certified by the genesis validators) with the new set in its state
    CommittedBlock end = chain.commit(5, 5, 0, chain.keys(), afterEnd);
    ProofFile.EpochChange change =
        new ProofFile.EpochChange(
            1, 6, end.header(), end.proof(), validators, end.prove(LightClient.VALIDATORS_KEY));
    // block 8, in epoch 1, is certified by the new validators only
    CommittedBlock later = chain.commit(8, 8, 1, next, state());
    ProofFile f = file(chain, later, BALANCE, List.of(change));
    ProofFile back = ProofFile.parse(f.toBytes());
    assertThat(back).isEqualTo(f);
    ProofFile.Verdict v = back.check(Optional.empty(), Optional.of(trusting(chain)), "g");
    assertThat(v.valid()).as(v.reason()).isTrue();

    // without the change the genesis validators do not vouch for epoch 1's certificate
    ProofFile withoutChange = file(chain, later, BALANCE, List.of());
    assertThat(checkAlone(withoutChange).valid()).isTrue();
    assertThat(withoutChange.check(Optional.empty(), Optional.of(trusting(chain)), "g").valid())
        .isFalse();

    // a change whose proof shows another set is refused
    ProofFile.EpochChange forged =
        new ProofFile.EpochChange(
            1,
            6,
            end.header(),
            end.proof(),
            HeaderChain.validatorsValue(TestKeys.keyPairs("impostor", 4, suite)),
            end.prove(LightClient.VALIDATORS_KEY));
    ProofFile.Verdict refused =
        file(chain, later, BALANCE, List.of(forged))
            .check(Optional.empty(), Optional.of(trusting(chain)), "g");
    assertThat(refused.valid()).isFalse();
    assertThat(refused.reason()).contains("BAD_STATE_PROOF");

    // the epochs are numbered from 1 and start at heights up to the version
    ObjectNode n = json(f);
    ((ObjectNode) n.get("epochs").get(0)).put("epoch", 2);
    assertMalformed(n, "must list epochs 1, 2, ... in order");
    n = json(f);
    ((ObjectNode) n.get("epochs").get(0)).put("firstHeight", 9);
    assertMalformed(n, "starts at height 9");
  }

  // ---- [STATE-21]: only certified reads are saved

  @Test
  void aReadOfTheHeadIsNotSavedAndTheErrorNamesTheOptionToUse() {
    // the node fills certifiedBy only below the head: a read at the head has none
    var atHead =
        new org.jingchain.sdk.model.StateRead(
            "asset/token/CNY", TOKEN.toHex(), 7, "ab".repeat(32), "intl", null, null, null);
    assertThatThrownBy(() -> ProofFiles.fetch(null, TOKEN, atHead))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("state version 7 is the chain's head")
        .hasMessageContaining("omit --at-height")
        .hasMessageContaining("--at-height 6");
  }

  // ---- [STATE-23]: version 1 files are read and checked as before

  /** A version 1 file exactly as {@code jing state get --out} wrote it before version 2. */
  static ObjectNode version1(HeaderChain chain, CommittedBlock b, String key) {
    long v = b.header().height();
    ObjectNode f = JSON.createObjectNode();
    f.put("format", "jing-state-proof-1");
    f.put("suite", chain.suite().id().label());
    f.put("key", key);
    f.put("value", b.state().get(v, utf8(key)).map(Bytes::toHex).orElse(null));
    f.put("version", v);
    f.put("stateRoot", b.root().toHex());
    f.put("proof", HexFormat.of().formatHex(b.prove(utf8(key)).encode()));
    f.putNull("certifiedBy");
    return f;
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void aVersion1FileIsCheckedAgainstARootAsBefore(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    CommittedBlock b = chain.commit(4, state());
    ObjectNode old = version1(chain, b, "asset/balance/alice/CNY");
    ProofFile f = parse(old);
    assertThat(f.isVersion2()).isFalse();
    assertThat(f.key()).isEqualTo(BALANCE);
    assertThat(f.check(Optional.of(b.root()), Optional.empty(), "").valid()).isTrue();
    assertThat(checkAlone(f).valid()).isTrue();
    assertThat(f.check(Optional.of(Hash.fromHex("12".repeat(32))), Optional.empty(), "").valid())
        .isFalse();
    old.put("value", "0000000000ffffff");
    assertThat(checkAlone(parse(old)).valid()).isFalse();
    // certifiedBy as the node filled it below the head
    ObjectNode certified = version1(chain, b, "asset/balance/alice/CNY");
    certified.putObject("certifiedBy").put("height", 5).put("blockHash", "ab".repeat(32));
    assertThat(checkAlone(parse(certified)).valid()).isTrue();
    // it carries no certificate: --genesis is an error, not a verdict
    LightClient trusted = trusting(chain);
    assertThatThrownBy(() -> f.check(Optional.empty(), Optional.of(trusted), "g"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("jing-state-proof-1 file carries no certificate");
    // and unknown members are refused in version 1 as well
    ObjectNode extra = version1(chain, b, "asset/balance/alice/CNY");
    extra.put("keyHex", BALANCE.toHex());
    assertMalformed(extra, "unknown member \"keyHex\"");
  }

  // ---- [STATE-17], [STATE-18], [STATE-22] 1: malformed files are errors with a reason

  static Arguments broken(String reason, Consumer<ObjectNode> breakIt) {
    return Arguments.of(reason, breakIt);
  }

  static Stream<Arguments> malformations() {
    List<Arguments> all =
        List.of(
            broken("the file has the unknown member \"comment\"", n -> n.put("comment", "hi")),
            broken("the file lacks the member \"proof\"", n -> n.remove("proof")),
            broken(
                "unknown format \"jing-state-proof-3\"",
                n -> n.put("format", "jing-state-proof-3")),
            broken(
                "\"stateRoot\" must be lowercase hex",
                n -> n.put("stateRoot", n.get("stateRoot").asText().toUpperCase(Locale.ROOT))),
            broken("\"value\" must be lowercase hex", n -> n.put("value", "abc")),
            broken("\"stateRoot\" must be 32 bytes", n -> n.put("stateRoot", "ab".repeat(31))),
            broken("\"version\" must be an integer", n -> n.put("version", -1)),
            broken("\"version\" must be an integer", n -> n.put("version", 4.0)),
            broken("\"version\" must be an integer", n -> n.put("version", "4")),
            broken(
                "\"version\" must be an integer",
                n -> n.put("version", new BigInteger("9223372036854775808"))),
            broken("\"suite\" must be \"intl\" or \"sm\"", n -> n.put("suite", "rsa")),
            broken("\"certifiedBy\" must be an object", n -> n.putNull("certifiedBy")),
            broken(
                "\"certifiedBy\" has the unknown member \"round\"",
                n -> ((ObjectNode) n.get("certifiedBy")).put("round", 1)),
            broken("\"keyHex\" must hold 1..1024 bytes", n -> n.put("keyHex", "").put("key", "")),
            broken(
                "\"header\" does not decode",
                n -> n.put("header", n.get("header").asText().substring(2))),
            broken(
                "\"commitProof\" does not decode",
                n -> n.put("commitProof", n.get("commitProof").asText() + "00")),
            broken("\"proof\" does not decode", n -> n.put("proof", "02")),
            broken("\"epochs\" must be an array", n -> n.putObject("epochs")),
            broken(
                "an element of \"epochs\" lacks the member \"epoch\"",
                n -> ((ArrayNode) n.get("epochs")).addObject()));
    return TestKeys.suites()
        .flatMap(s -> all.stream().map(a -> Arguments.of(s, a.get()[0], a.get()[1])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformations")
  void aMalformedFileIsRefusedWithItsReason(
      CryptoSuite suite, String reason, Consumer<ObjectNode> breakIt) throws Exception {
    ObjectNode n = json(file(HeaderChain.of(suite), BALANCE));
    breakIt.accept(n);
    assertMalformed(n, reason);
  }

  @Test
  void textThatIsNotOneJsonObjectIsRefused() throws Exception {
    byte[] good = file(HeaderChain.of(org.jingchain.crypto.CryptoSuites.intl()), BALANCE).toBytes();
    String s = new String(good, StandardCharsets.UTF_8);
    assertMalformedBytes("not JSON", "{\"format\": ".getBytes(StandardCharsets.UTF_8));
    assertMalformedBytes("not JSON", (s + " {}").getBytes(StandardCharsets.UTF_8));
    assertMalformedBytes("not a JSON object", "[1]".getBytes(StandardCharsets.UTF_8));
    assertMalformedBytes("no \"format\" member", "{}".getBytes(StandardCharsets.UTF_8));
    // a member given twice
    String twice = s.replaceFirst("\"version\" : 4,", "\"version\" : 4, \"version\" : 3,");
    assertThat(twice).isNotEqualTo(s);
    assertMalformedBytes("not JSON", twice.getBytes(StandardCharsets.UTF_8));
  }

  static void assertMalformed(JsonNode n, String reason) throws Exception {
    assertMalformedBytes(reason, JSON.writeValueAsBytes(n));
  }

  static void assertMalformedBytes(String reason, byte[] bytes) {
    assertThatThrownBy(() -> ProofFile.parse(bytes))
        .isInstanceOf(ProofFile.Malformed.class)
        .hasMessageContaining(reason);
  }

  // ---- the command: a verdict or a one-line error, never a stack trace

  record Run(int exit, String out, String err) {}

  static Run jing(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Jing.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @MethodSource(SUITES)
  void proofVerifyPrintsAVerdictOrAOneLineError(CryptoSuite suite) throws Exception {
    HeaderChain chain = HeaderChain.of(suite);
    Path file = dir.resolve("p.json");
    Files.write(file, file(chain, BALANCE).toBytes());
    String genesis = genesis(chain, chain.keys()).toString();

    Run ok = jing("proof", "verify", "--proof", file.toString(), "--genesis", genesis);
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out())
        .startsWith("VALID: key 'asset/balance/alice/CNY' = 00000000000000fa  (u64 250)")
        .contains("at version 4")
        .contains("certified by the validators of " + genesis);
    Run json = jing("proof", "verify", "--proof", file.toString(), "--genesis", genesis, "--json");
    JsonNode j = JSON.readTree(json.out());
    assertThat(j.get("valid").asBoolean()).isTrue();
    assertThat(j.get("certified").asBoolean()).isTrue();
    assertThat(j.get("keyHex").asText()).isEqualTo(BALANCE.toHex());

    Path other = genesis(chain, TestKeys.keyPairs("stranger", 4, suite), "other");
    Run refused =
        jing("proof", "verify", "--proof", file.toString(), "--genesis", other.toString());
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out())
        .startsWith("INVALID: key 'asset/balance/alice/CNY'")
        .contains("checked against the validators of " + other);

    // without --genesis or --root nothing ties the file to the chain: a forger's file whose root
    // is computed from its own leaf is just as consistent, so no verdict and a non-zero exit
    Run untrusted = jing("proof", "verify", "--proof", file.toString());
    assertThat(untrusted.exit()).isEqualTo(3);
    assertThat(untrusted.out())
        .startsWith("NOT VERIFIED: key 'asset/balance/alice/CNY'")
        .contains("nothing you trust was checked")
        .contains("--genesis");
    JsonNode u = JSON.readTree(jing("proof", "verify", "--proof", file.toString(), "--json").out());
    assertThat(u.get("valid").asBoolean()).isFalse();
    assertThat(u.get("consistent").asBoolean()).isTrue();

    Path broken = dir.resolve("broken.json");
    ObjectNode n = json(file(chain, BALANCE));
    n.put("surprise", true);
    Files.writeString(broken, JSON.writeValueAsString(n));
    Run error = jing("proof", "verify", "--proof", broken.toString());
    assertThat(error.exit()).isEqualTo(1);
    assertThat(error.out()).isEmpty();
    assertThat(error.err())
        .startsWith("error: " + broken + " is not a valid proof file: ")
        .contains("unknown member \"surprise\"")
        .doesNotContain("Exception")
        .hasLineCount(1);
    Run missing = jing("proof", "verify", "--proof", dir.resolve("nothing.json").toString());
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: cannot read proof file").hasLineCount(1);
  }
}
