package org.jingchain.sdk.datadir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.jingchain.crypto.KeyPair;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.sdk.datadir.AccessTokenException.Reason;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.testkit.TestKeys;
import org.jingchain.vc.ChainView;
import org.jingchain.vc.VcException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** [DDA-1] to [DDA-3]: tokens as issued verify; every other token is refused with its reason. */
class AccessTokensTest {
  static final String SERVER = "https://data.example.org";
  static final String ASSET = "rainfall-2025";

  final TestChain chain = new TestChain();
  final Instant now = Instant.ofEpochMilli(TestChain.START_MILLIS);

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A token with exactly this header and these claims, signed by {@code s}. */
  static String forge(AccessSigner s, String header, String claims) {
    String input = b64(header) + "." + b64(claims);
    return input + "." + b64(s.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  static String header(AccessSigner s) {
    return "{\"alg\":\"" + s.alg() + "\",\"typ\":\"jing-access+jwt\",\"kid\":\"" + s.kid() + "\"}";
  }

  static String claims(String iss, long iat, long exp) {
    return "{\"iss\":\""
        + iss
        + "\",\"sub\":\"rainfall-2025\",\"grant\":7,\"aud\":\""
        + SERVER
        + "\",\"chain\":\""
        + TestChain.CHAIN_ID
        + "\",\"iat\":"
        + iat
        + ",\"exp\":"
        + exp
        + ",\"jti\":\"abc-123\"}";
  }

  String issue(Party p) {
    return AccessTokens.issue(
        Signers.of(p), ASSET, 7, SERVER, TestChain.CHAIN_ID, now, Duration.ofSeconds(60));
  }

  VerifiedAccess verify(String token) throws AccessTokenException {
    return verify(token, AccessTokens.Options.of(SERVER, TestChain.CHAIN_ID, now));
  }

  VerifiedAccess verify(String token, AccessTokens.Options o) throws AccessTokenException {
    return AccessTokens.verify(token, chain::read, o);
  }

  Reason refusal(String token) {
    return refusal(token, AccessTokens.Options.of(SERVER, TestChain.CHAIN_ID, now));
  }

  Reason refusal(String token, AccessTokens.Options o) {
    AccessTokenException e =
        catchThrowableOfType(AccessTokenException.class, () -> verify(token, o));
    assertThat(e).as("refused").isNotNull();
    return e.reason();
  }

  @ParameterizedTest
  @EnumSource(DidKey.Type.class)
  void aTokenAsIssuedIsAcceptedForEveryKeyType(DidKey.Type type) throws Exception {
    Party p = chain.party("alice", type);
    VerifiedAccess a = verify(issue(p));
    assertThat(a.requester()).isEqualTo(p.did());
    assertThat(a.kid()).isEqualTo(p.did() + "#key-1");
    assertThat(a.asset()).isEqualTo(ASSET);
    assertThat(a.grant()).isEqualTo(7);
    assertThat(a.jti()).matches("[A-Za-z0-9_-]{22}");
    assertThat(a.issuedAt()).isEqualTo(now);
    assertThat(a.expiresAt()).isEqualTo(now.plusSeconds(60));
  }

  @Test
  void everyTokenCarriesAFreshAccessId() throws Exception {
    Party p = chain.party("alice");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      ids.add(verify(issue(p)).jti());
    }
    assertThat(ids).hasSize(100);
  }

  @Test
  void theHeaderNamesTheTypeTheAlgorithmAndTheKey() {
    Party p = chain.party("alice", DidKey.Type.SM2);
    String header =
        new String(
            Base64.getUrlDecoder().decode(issue(p).split("\\.", -1)[0]), StandardCharsets.UTF_8);
    assertThat(header)
        .isEqualTo(
            "{\"alg\":\"SM2SM3\",\"typ\":\"jing-access+jwt\",\"kid\":\"" + p.did() + "#key-1\"}");
  }

  @Test
  void aTamperedClaimBreaksTheSignature() {
    Party p = chain.party("alice");
    String[] parts = issue(p).split("\\.", -1);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String tampered =
        parts[0] + "." + b64(claims.replace("\"grant\":7", "\"grant\":8")) + "." + parts[2];
    assertThat(refusal(tampered)).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void aTokenSignedByAnotherKeyThanItsKidIsRefused() {
    Party alice = chain.party("alice");
    Party mallory = chain.party("mallory");
    long iat = now.getEpochSecond();
    String forged =
        forge(Signers.of(mallory), header(Signers.of(alice)), claims(alice.did(), iat, iat + 60));
    assertThat(refusal(forged)).isEqualTo(Reason.BAD_SIGNATURE);
    // naming her own key while claiming to be alice does not work either
    String own =
        forge(Signers.of(mallory), header(Signers.of(mallory)), claims(alice.did(), iat, iat + 60));
    assertThat(refusal(own)).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void aRotatedKeysTokensFailFromTheRotationOnWhileTheNewKeyWorks() throws Exception {
    Party p = chain.party("alice");
    String before = issue(p);
    assertThat(verify(before).requester()).isEqualTo(p.did());
    KeyPair next = chain.key("alice/next");
    chain.updateDid(
        p,
        new DidOperation.Patch.RemoveMethod(Party.KEY_1),
        new DidOperation.Patch.AddMethod(
            new VerificationMethod(
                "key-2", TestKeys.didKey(next), VerificationMethod.AUTHENTICATION)));
    assertThat(refusal(before)).isEqualTo(Reason.UNKNOWN_KEY);
    String after =
        AccessTokens.issue(
            AccessSigner.of(next, p.did() + "#key-2"),
            ASSET,
            7,
            SERVER,
            TestChain.CHAIN_ID,
            now,
            Duration.ofSeconds(60));
    assertThat(verify(after).kid()).isEqualTo(p.did() + "#key-2");
  }

  @Test
  void aDeactivatedDidsTokensAreRefused() {
    Party p = chain.party("alice");
    String token = issue(p);
    chain.deactivate(p);
    assertThat(refusal(token)).isEqualTo(Reason.DEACTIVATED);
  }

  @Test
  void aDidThatIsNotOnChainIsRefused() {
    TestChain other = new TestChain();
    Party stranger = other.party("stranger");
    assertThat(refusal(issue(stranger))).isEqualTo(Reason.UNKNOWN_DID);
  }

  @Test
  void anAssertionKeyIsNoAuthenticationKey() {
    Party p = chain.party("alice");
    KeyPair assertion = chain.key("alice/assert");
    chain.updateDid(
        p,
        new DidOperation.Patch.AddMethod(
            new VerificationMethod(
                "key-assert", TestKeys.didKey(assertion), VerificationMethod.ASSERTION)));
    String token =
        AccessTokens.issue(
            AccessSigner.of(assertion, p.did() + "#key-assert"),
            ASSET,
            7,
            SERVER,
            TestChain.CHAIN_ID,
            now,
            Duration.ofSeconds(60));
    assertThat(refusal(token)).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void aTokenForAnotherServerOrChainIsRefused() {
    Party p = chain.party("alice");
    String token = issue(p);
    assertThat(
            refusal(
                token, AccessTokens.Options.of("https://other.example", TestChain.CHAIN_ID, now)))
        .isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(refusal(token, AccessTokens.Options.of(SERVER, "another-chain", now)))
        .isEqualTo(Reason.WRONG_CHAIN);
  }

  @Test
  void anExpiredTokenIsRefusedOnceTheSkewHasPassed() throws Exception {
    Party p = chain.party("alice");
    String token = issue(p);
    Duration skew = AccessTokens.DEFAULT_SKEW;
    Instant exp = now.plusSeconds(60);
    assertThat(verify(token, AccessTokens.Options.of(SERVER, TestChain.CHAIN_ID, exp))).isNotNull();
    assertThat(
            verify(
                token,
                AccessTokens.Options.of(SERVER, TestChain.CHAIN_ID, exp.plus(skew).minusMillis(1))))
        .isNotNull();
    assertThat(refusal(token, AccessTokens.Options.of(SERVER, TestChain.CHAIN_ID, exp.plus(skew))))
        .isEqualTo(Reason.EXPIRED);
    assertThat(
            refusal(
                token, new AccessTokens.Options(SERVER, TestChain.CHAIN_ID, exp, Duration.ZERO)))
        .isEqualTo(Reason.EXPIRED);
  }

  @Test
  void aTokenFromTheFutureIsRefusedBeyondTheSkew() throws Exception {
    Party p = chain.party("alice");
    String token = issue(p);
    Duration skew = AccessTokens.DEFAULT_SKEW;
    assertThat(verify(token, AccessTokens.Options.of(SERVER, TestChain.CHAIN_ID, now.minus(skew))))
        .isNotNull();
    assertThat(
            refusal(
                token,
                AccessTokens.Options.of(
                    SERVER, TestChain.CHAIN_ID, now.minus(skew).minusSeconds(1))))
        .isEqualTo(Reason.NOT_YET_VALID);
  }

  @Test
  void aTokenLivingLongerThanAllowedIsRefused() throws Exception {
    Party p = chain.party("alice");
    long iat = now.getEpochSecond();
    AccessSigner s = Signers.of(p);
    assertThat(verify(forge(s, header(s), claims(p.did(), iat, iat + 300)))).isNotNull();
    assertThat(refusal(forge(s, header(s), claims(p.did(), iat, iat + 301))))
        .isEqualTo(Reason.TOO_LONG_LIVED);
    assertThat(refusal(forge(s, header(s), claims(p.did(), iat, iat))))
        .isEqualTo(Reason.TOO_LONG_LIVED);
    assertThat(
            refusal(
                forge(s, header(s), claims(p.did(), iat, iat + 120)),
                new AccessTokens.Options(
                    SERVER,
                    TestChain.CHAIN_ID,
                    now,
                    AccessTokens.DEFAULT_SKEW,
                    Duration.ofSeconds(60))))
        .isEqualTo(Reason.TOO_LONG_LIVED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "HS256", "RS256", "", "ES384"})
  void algorithmsOtherThanTheDidKeyAlgorithmsAreRefused(String alg) {
    Party p = chain.party("alice");
    long iat = now.getEpochSecond();
    String header =
        "{\"alg\":\""
            + alg
            + "\",\"typ\":\"jing-access+jwt\",\"kid\":\""
            + Signers.of(p).kid()
            + "\"}";
    assertThat(refusal(forge(Signers.of(p), header, claims(p.did(), iat, iat + 60))))
        .isEqualTo(Reason.BAD_ALG);
    String unsigned = b64(header) + "." + b64(claims(p.did(), iat, iat + 60)) + ".";
    assertThat(refusal(unsigned)).isEqualTo(Reason.BAD_ALG);
  }

  @Test
  void anAlgorithmThatDoesNotFitTheKeyIsRefused() {
    Party p = chain.party("alice", DidKey.Type.P256);
    long iat = now.getEpochSecond();
    String header =
        "{\"alg\":\"EdDSA\",\"typ\":\"jing-access+jwt\",\"kid\":\"" + Signers.of(p).kid() + "\"}";
    assertThat(refusal(forge(Signers.of(p), header, claims(p.did(), iat, iat + 60))))
        .isEqualTo(Reason.BAD_ALG);
  }

  @Test
  void anOversizedTokenIsRefusedBeforeParsing() {
    assertThat(refusal("a".repeat(AccessTokens.MAX_TOKEN_CHARS + 1))).isEqualTo(Reason.OVERSIZED);
    assertThat(refusal("a".repeat(AccessTokens.MAX_TOKEN_CHARS))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void aWrongTypeIsRefused() {
    Party p = chain.party("alice");
    long iat = now.getEpochSecond();
    String kid = Signers.of(p).kid();
    String c = claims(p.did(), iat, iat + 60);
    assertThat(
            refusal(
                forge(
                    Signers.of(p),
                    "{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}",
                    c)))
        .isEqualTo(Reason.BAD_TYPE);
    assertThat(refusal(forge(Signers.of(p), "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\"}", c)))
        .isEqualTo(Reason.BAD_TYPE);
    assertThat(
            refusal(
                forge(
                    Signers.of(p),
                    "{\"alg\":\"EdDSA\",\"typ\":\"vp+jwt\",\"kid\":\"" + kid + "\"}",
                    c)))
        .isEqualTo(Reason.BAD_TYPE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        ".",
        "..",
        "a.b",
        "a.b.c.d",
        "eyJ.eyJ.!!",
        "e30.e30.",
        "e30=.e30.AAAA",
        "bm90IGpzb24.e30.AAAA",
        "W10.e30.AAAA",
        "e30.W10.AAAA",
        "e30.e30.A",
        "e30.e30.AB"
      })
  void garbageIsRefusedBeforeAnyChainRead(String token) {
    ChainView untouchable =
        key -> {
          throw new AssertionError("read " + key + " for garbage");
        };
    AccessTokenException e =
        catchThrowableOfType(
            AccessTokenException.class,
            () ->
                AccessTokens.verify(
                    token, untouchable, AccessTokens.Options.of(SERVER, TestChain.CHAIN_ID, now)));
    assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.BAD_TYPE);
  }

  @Test
  void garbageThatParsesButLacksAClaimIsMalformed() {
    Party p = chain.party("alice");
    AccessSigner s = Signers.of(p);
    long iat = now.getEpochSecond();
    String good = claims(p.did(), iat, iat + 60);
    for (String bad :
        new String[] {
          good.replace("\"grant\":7", "\"grant\":\"7\""),
          good.replace("\"grant\":7", "\"grant\":-1"),
          good.replace("\"iat\":" + iat, "\"iat\":" + iat + ".5"),
          good.replace("\"jti\":\"abc-123\"", "\"jti\":\"a b\""),
          good.replace("\"jti\":\"abc-123\"", "\"jti\":\"\""),
          good.replace("\"sub\":\"rainfall-2025\"", "\"sub\":\"Rainfall\""),
          good.replace("\"iss\":\"" + p.did() + "\"", "\"iss\":\"did:web:example.org\""),
          good.replace(",\"aud\":\"" + SERVER + "\"", ""),
          good.replace("\"exp\":" + (iat + 60), "\"exp\":99999999999999"),
          good.replace("\"grant\":7", "\"grant\":7,\"grant\":8"),
          good + " {}"
        }) {
      assertThat(refusal(forge(s, header(s), bad))).as(bad).isEqualTo(Reason.MALFORMED);
    }
    String crit =
        "{\"alg\":\"EdDSA\",\"typ\":\"jing-access+jwt\",\"kid\":\""
            + s.kid()
            + "\",\"crit\":[\"exp\"]}";
    assertThat(refusal(forge(s, crit, good))).isEqualTo(Reason.MALFORMED);
    String noKid = "{\"alg\":\"EdDSA\",\"typ\":\"jing-access+jwt\"}";
    assertThat(refusal(forge(s, noKid, good))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void aChainThatCannotBeReadIsNotTheTokensFault() {
    Party p = chain.party("alice");
    ChainView down =
        key -> {
          throw new VcException(VcException.Reason.CHAIN_UNVERIFIED, "node unreachable");
        };
    AccessTokenException e =
        catchThrowableOfType(
            AccessTokenException.class,
            () ->
                AccessTokens.verify(
                    issue(p), down, AccessTokens.Options.of(SERVER, TestChain.CHAIN_ID, now)));
    assertThat(e.reason()).isEqualTo(Reason.CHAIN_UNVERIFIED);
  }

  @Test
  void issuingRefusesWhatAVerifierWouldRefuse() {
    Party p = chain.party("alice");
    assertThatThrownBy(
            () ->
                AccessTokens.issue(
                    Signers.of(p),
                    ASSET,
                    7,
                    SERVER,
                    TestChain.CHAIN_ID,
                    now,
                    Duration.ofSeconds(301)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                AccessTokens.issue(
                    Signers.of(p), ASSET, 7, SERVER, TestChain.CHAIN_ID, now, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                AccessTokens.issue(
                    Signers.of(p),
                    "Not An Id",
                    7,
                    SERVER,
                    TestChain.CHAIN_ID,
                    now,
                    Duration.ofSeconds(60)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AccessSigner.of(p.tx(), "did:jing:nope#key-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
