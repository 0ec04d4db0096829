package org.jingchain.vc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidOperation;
import org.jingchain.identity.StatusListContract.Purpose;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.jingchain.vc.CredentialVerifier.Options;
import org.jingchain.vc.VcException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue, present and verify against state written by the real contracts (docs/spec/credentials.md
 * [VC-1..9]); every refusal has its typed reason.
 */
class CredentialsTest {
  static final byte[] SCHEMA =
      """
      {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
       "properties":{"name":{"type":"string"},"degree":{"type":"string"},
        "university":{"type":"string"},"year":{"type":"integer","minimum":1900},
        "honours":{"type":"boolean"}},
       "required":["name","degree","university","year","honours"],"additionalProperties":false}
      """
          .getBytes(StandardCharsets.UTF_8);
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  static final String AUD = "https://verifier.example";
  static final String NONCE = "n-4711";

  final TestChain chain = new TestChain();
  final CredentialVerifier verifier = new CredentialVerifier(chain::read);

  static Map<String, Object> claims() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "Li Wei");
    m.put("degree", "MSc Computer Science");
    m.put("university", "Jing University");
    m.put("year", 2026L);
    m.put("honours", true);
    return m;
  }

  /** A party trusted for {@link #SCHEMA}, with status lists revocation-1 and suspension-1. */
  Party issuer(String name, DidKey.Type type) {
    return trustedIssuer(chain, name, type);
  }

  static Party trustedIssuer(TestChain chain, String name, DidKey.Type type) {
    Party issuer = chain.party(name, type);
    if (chain
        .read(TrustRegistryContract.schemaKey(TrustRegistryContract.schemaDigest(SCHEMA)))
        .isEmpty()) {
      chain.addSchema(SCHEMA);
    }
    chain.addIssuer(issuer.did(), SCHEMA);
    chain.createStatusList(issuer, "revocation-1", Purpose.REVOCATION);
    chain.createStatusList(issuer, "suspension-1", Purpose.SUSPENSION);
    return issuer;
  }

  static Credentials.Issue issue(Party issuer, Party holder, Map<String, Object> claims) {
    return new Credentials.Issue(
        Signers.of(issuer),
        holder.did(),
        SCHEMA,
        List.of("UniversityDegreeCredential"),
        claims,
        NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(365)),
        List.of(
            new StatusEntry(Purpose.REVOCATION, "revocation-1", 42),
            new StatusEntry(Purpose.SUSPENSION, "suspension-1", 42)));
  }

  @ParameterizedTest
  @EnumSource(DidKey.Type.class)
  void aJwtCredentialVerifiesWithEveryKeyType(DidKey.Type type) throws Exception {
    Party issuer = issuer("issuer", type);
    Party holder = chain.party("holder", type);
    String jwt = Credentials.issueJwt(issue(issuer, holder, claims()));
    var v = verifier.verify(jwt, Options.credential(NOW));
    assertThat(v.format()).isEqualTo("jwt");
    assertThat(v.issuer()).isEqualTo(issuer.did());
    assertThat(v.holder()).isEqualTo(holder.did());
    assertThat(v.types()).containsExactly("UniversityDegreeCredential");
    assertThat(v.claims()).isEqualTo(claims());
    assertThat(v.status()).hasSize(2);

    String vp = Credentials.presentJwt(jwt, Signers.of(holder), AUD, NONCE, NOW);
    var p = verifier.verify(vp, Options.presentation(NOW, AUD, NONCE));
    assertThat(p.holderBound()).isTrue();
    assertThat(p.claims()).isEqualTo(claims());
  }

  @ParameterizedTest
  @EnumSource(DidKey.Type.class)
  void anSdJwtPresentationRevealsOnlyTheChosenClaims(DidKey.Type type) throws Exception {
    Party issuer = issuer("issuer", type);
    Party holder = chain.party("holder", type);
    String sd = Credentials.issueSdJwt(issue(issuer, holder, claims()));
    assertThat(Credentials.disclosable(sd))
        .containsExactly("name", "degree", "university", "year", "honours");

    String presentation =
        Credentials.presentSdJwt(sd, Set.of("degree", "year"), Signers.of(holder), AUD, NONCE, NOW);
    var v = verifier.verify(presentation, Options.presentation(NOW, AUD, NONCE));
    assertThat(v.format()).isEqualTo("sd-jwt");
    assertThat(v.holderBound()).isTrue();
    assertThat(v.claims()).containsOnlyKeys("degree", "year");
    assertThat(v.claims())
        .containsEntry("degree", "MSc Computer Science")
        .containsEntry("year", 2026L);
    // Nothing of the withheld claims travels: not in the disclosures, not in the signed payload.
    String decoded = decodeAllParts(presentation);
    assertThat(decoded)
        .contains("MSc Computer Science")
        .doesNotContain("Li Wei", "Jing University");
  }

  @Test
  void aBareCredentialIsNotAPresentation() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.ED25519);
    Party holder = chain.party("holder", DidKey.Type.ED25519);
    String sd = Credentials.issueSdJwt(issue(issuer, holder, claims()));
    assertThat(verifier.verify(sd, Options.credential(NOW)).claims()).isEqualTo(claims());
    assertReason(
        () -> verifier.verify(sd, Options.presentation(NOW, AUD, NONCE)), Reason.HOLDER_BINDING);
    String jwt = Credentials.issueJwt(issue(issuer, holder, claims()));
    assertReason(
        () -> verifier.verify(jwt, Options.presentation(NOW, AUD, NONCE)), Reason.HOLDER_BINDING);
  }

  @Test
  void aTamperedCredentialOrAnotherKeysSignatureIsRefused() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.ED25519);
    Party holder = chain.party("holder", DidKey.Type.ED25519);
    String jwt = Credentials.issueJwt(issue(issuer, holder, claims()));
    String[] parts = jwt.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("MSc Computer Science", "PhD Computer Science");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];
    assertReason(() -> verifier.verify(tampered, Options.credential(NOW)), Reason.BAD_SIGNATURE);

    // A forger signs with its own key but names the issuer's key.
    Party forger = chain.party("forger", DidKey.Type.ED25519);
    var forged =
        new Credentials.Issue(
            Signers.of(forger).withKid(issuer.kid()),
            holder.did(),
            SCHEMA,
            List.of(),
            claims(),
            NOW.minusSeconds(60),
            null,
            List.of());
    assertReason(
        () -> verifier.verify(Credentials.issueJwt(forged), Options.credential(NOW)),
        Reason.BAD_SIGNATURE);
  }

  @Test
  void revocationIsFinalAndSuspensionCanBeLifted() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.SM2);
    Party holder = chain.party("holder", DidKey.Type.SM2);
    String sd = Credentials.issueSdJwt(issue(issuer, holder, claims()));
    String p = Credentials.presentSdJwt(sd, Set.of("name"), Signers.of(holder), AUD, NONCE, NOW);
    Options o = Options.presentation(NOW, AUD, NONCE);
    assertThat(verifier.verify(p, o).claims()).containsOnlyKeys("name");

    chain.setStatus(issuer, "suspension-1", 42, true);
    assertReason(() -> verifier.verify(p, o), Reason.SUSPENDED);
    chain.setStatus(issuer, "suspension-1", 42, false);
    assertThat(verifier.verify(p, o).claims()).containsOnlyKeys("name");

    chain.setStatus(issuer, "revocation-1", 42, true);
    assertReason(() -> verifier.verify(p, o), Reason.REVOKED);
    // Another credential of the same list (index 43) is untouched.
    chain.setStatus(issuer, "suspension-1", 7, true);
    var other =
        new Credentials.Issue(
            Signers.of(issuer),
            holder.did(),
            SCHEMA,
            List.of(),
            claims(),
            NOW.minusSeconds(5),
            null,
            List.of(new StatusEntry(Purpose.REVOCATION, "revocation-1", 43)));
    assertThat(verifier.verify(Credentials.issueJwt(other), Options.credential(NOW)).issuer())
        .isEqualTo(issuer.did());
  }

  @Test
  void aDeactivatedOrUntrustedIssuerOrARemovedKeyIsRefused() throws Exception {
    Party holder = chain.party("holder", DidKey.Type.ED25519);

    Party untrusted = issuer("untrusted", DidKey.Type.ED25519);
    String a = Credentials.issueJwt(issue(untrusted, holder, claims()));
    chain.removeIssuer(untrusted.did(), SCHEMA);
    assertReason(() -> verifier.verify(a, Options.credential(NOW)), Reason.UNTRUSTED_ISSUER);

    Party rotated = issuer("rotated", DidKey.Type.ED25519);
    String b = Credentials.issueJwt(issue(rotated, holder, claims()));
    chain.updateDid(
        rotated,
        new DidOperation.Patch.AddMethod(
            new VerificationMethod("key-2", rotated.didKey(), VerificationMethod.ASSERTION)));
    chain.updateDid(rotated, new DidOperation.Patch.RemoveMethod("key-1"));
    assertReason(() -> verifier.verify(b, Options.credential(NOW)), Reason.UNKNOWN_KEY);

    Party gone = issuer("gone", DidKey.Type.P256);
    String c = Credentials.issueJwt(issue(gone, holder, claims()));
    chain.deactivate(gone);
    assertReason(() -> verifier.verify(c, Options.credential(NOW)), Reason.ISSUER_DEACTIVATED);
  }

  @Test
  void validityPeriodIsEnforced() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.ED25519);
    Party holder = chain.party("holder", DidKey.Type.ED25519);
    String jwt = Credentials.issueJwt(issue(issuer, holder, claims()));
    assertReason(
        () -> verifier.verify(jwt, Options.credential(NOW.plus(Duration.ofDays(366)))),
        Reason.EXPIRED);
    assertReason(
        () -> verifier.verify(jwt, Options.credential(NOW.minus(Duration.ofDays(2)))),
        Reason.NOT_YET_VALID);
    // An issuer's clock a little ahead of the verifier's is tolerated (CLOCK_SKEW, 1 minute).
    Instant justBefore = NOW.minus(Duration.ofDays(1)).minusSeconds(30);
    assertThat(verifier.verify(jwt, Options.credential(justBefore)).issuer())
        .isEqualTo(issuer.did());
    String sd = Credentials.issueSdJwt(issue(issuer, holder, claims()));
    assertReason(
        () -> verifier.verify(sd, Options.credential(NOW.plus(Duration.ofDays(366)))),
        Reason.EXPIRED);
  }

  @Test
  void claimsMustSatisfyTheRegisteredSchema() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.ED25519);
    Party holder = chain.party("holder", DidKey.Type.ED25519);
    Map<String, Object> bad = claims();
    bad.put("year", "last year");
    // The issuer's library refuses to sign it ...
    assertReason(() -> Credentials.issueJwt(issue(issuer, holder, bad)), Reason.SCHEMA_MISMATCH);
    // ... and a verifier refuses one signed anyway (a credential for a looser schema, relabelled).
    byte[] loose = "{\"type\":\"object\"}".getBytes(StandardCharsets.UTF_8);
    String jwt =
        Credentials.issueJwt(
            new Credentials.Issue(
                Signers.of(issuer),
                holder.did(),
                loose,
                List.of(),
                bad,
                NOW.minusSeconds(1),
                null,
                List.of()));
    String relabelled = Jws.sign(Signers.of(issuer), Credentials.TYP_VC, relabel(jwt), true);
    assertReason(
        () -> verifier.verify(relabelled, Options.credential(NOW)), Reason.SCHEMA_MISMATCH);
    // A schema nobody registered.
    assertReason(() -> verifier.verify(jwt, Options.credential(NOW)), Reason.SCHEMA_NOT_FOUND);
  }

  @Test
  void presentationsAreBoundToTheHolderTheVerifierAndTheMoment() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.ED25519);
    Party holder = chain.party("holder", DidKey.Type.ED25519);
    Party thief = chain.party("thief", DidKey.Type.ED25519);
    String sd = Credentials.issueSdJwt(issue(issuer, holder, claims()));
    String p = Credentials.presentSdJwt(sd, Set.of("degree"), Signers.of(holder), AUD, NONCE, NOW);
    assertReason(
        () -> verifier.verify(p, Options.presentation(NOW, AUD, "other")), Reason.HOLDER_BINDING);
    assertReason(
        () -> verifier.verify(p, Options.presentation(NOW, "https://elsewhere", NONCE)),
        Reason.HOLDER_BINDING);
    assertReason(
        () -> verifier.verify(p, Options.presentation(NOW.plus(Duration.ofHours(1)), AUD, NONCE)),
        Reason.HOLDER_BINDING);
    // A thief with the credential but not the holder's key.
    String stolen =
        Credentials.presentSdJwt(
            sd, Set.of("degree"), Signers.of(thief).withKid(holder.kid()), AUD, NONCE, NOW);
    assertReason(
        () -> verifier.verify(stolen, Options.presentation(NOW, AUD, NONCE)),
        Reason.HOLDER_BINDING);
    // Disclosures swapped after the holder signed: sd_hash no longer matches.
    String more =
        Credentials.presentSdJwt(sd, Set.of("degree", "name"), Signers.of(holder), AUD, NONCE, NOW);
    String kbOfFirst = p.substring(p.lastIndexOf('~') + 1);
    String swapped = more.substring(0, more.lastIndexOf('~') + 1) + kbOfFirst;
    assertReason(
        () -> verifier.verify(swapped, Options.presentation(NOW, AUD, NONCE)),
        Reason.HOLDER_BINDING);
    // A JWT credential presented by someone else.
    String jwt = Credentials.issueJwt(issue(issuer, holder, claims()));
    String vp = Credentials.presentJwt(jwt, Signers.of(thief), AUD, NONCE, NOW);
    assertReason(
        () -> verifier.verify(vp, Options.presentation(NOW, AUD, NONCE)), Reason.HOLDER_BINDING);
  }

  @Test
  void aDisclosureTheIssuerDidNotSignIsRefused() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.ED25519);
    Party holder = chain.party("holder", DidKey.Type.ED25519);
    String sd = Credentials.issueSdJwt(issue(issuer, holder, claims()));
    String forged = new com.authlete.sd.Disclosure("degree", "PhD Astrophysics").getDisclosure();
    String withForged = sd.substring(0, sd.length() - 1) + "~" + forged + "~";
    assertReason(
        () -> verifier.verify(withForged, Options.credential(NOW)), Reason.DISCLOSURE_INVALID);
    String first = sd.split("~")[1];
    String repeated = sd + first + "~";
    assertReason(
        () -> verifier.verify(repeated, Options.credential(NOW)), Reason.DISCLOSURE_INVALID);
  }

  @Test
  void garbageAndUnacceptedAlgorithmsAreMalformed() throws Exception {
    assertReason(
        () -> verifier.verify("not a credential", Options.credential(NOW)), Reason.MALFORMED);
    assertReason(() -> verifier.verify("a.b.c", Options.credential(NOW)), Reason.MALFORMED);
    assertReason(
        () -> verifier.verify("x".repeat(Jws.MAX_LENGTH + 1), Options.credential(NOW)),
        Reason.MALFORMED);
    String none =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    "{\"alg\":\"none\",\"typ\":\"vc+jwt\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{}".getBytes(StandardCharsets.UTF_8))
            + ".";
    assertThatThrownBy(() -> verifier.verify(none, Options.credential(NOW)))
        .isInstanceOf(VcException.class);
    Party issuer = issuer("issuer", DidKey.Type.ED25519);
    Party holder = chain.party("holder", DidKey.Type.ED25519);
    // HS256 with the issuer's kid: not an algorithm we accept.
    String jwt = Credentials.issueJwt(issue(issuer, holder, claims()));
    String hs =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    ("{\"alg\":\"HS256\",\"typ\":\"vc+jwt\",\"kid\":\"" + issuer.kid() + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
            + jwt.substring(jwt.indexOf('.'));
    assertReason(() -> verifier.verify(hs, Options.credential(NOW)), Reason.UNSUPPORTED_ALGORITHM);
    // EdDSA header over an SM2 key (algorithm confusion).
    Party sm = issuer("sm", DidKey.Type.SM2);
    String smJwt = Credentials.issueJwt(issue(sm, holder, claims()));
    String confused =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    ("{\"alg\":\"EdDSA\",\"typ\":\"vc+jwt\",\"kid\":\"" + sm.kid() + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
            + smJwt.substring(smJwt.indexOf('.'));
    assertReason(
        () -> verifier.verify(confused, Options.credential(NOW)), Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void aSchemaThatFetchesRemoteDocumentsIsRefused() {
    byte[] remote =
        "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"https://evil.example/s.json\"}}}"
            .getBytes(StandardCharsets.UTF_8);
    assertReason(() -> Schemas.validate(remote, Map.of("a", 1), false), Reason.SCHEMA_INVALID);
    assertReason(
        () -> Schemas.validate("[1]".getBytes(StandardCharsets.UTF_8), Map.of(), false),
        Reason.SCHEMA_INVALID);
  }

  // ---- helpers

  static Map<String, Object> relabel(String jwt) throws Exception {
    Map<String, Object> vc = new LinkedHashMap<>(Jws.parse(jwt, "x").payload());
    vc.put(
        "credentialSchema",
        Map.of(
            "id", Schemas.urn(TrustRegistryContract.schemaDigest(SCHEMA)), "type", "JsonSchema"));
    return vc;
  }

  static String decodeAllParts(String sdJwt) {
    StringBuilder sb = new StringBuilder();
    for (String part : sdJwt.split("[~.]")) {
      try {
        sb.append(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        sb.append(part);
      }
    }
    return sb.toString();
  }

  interface Call {
    Object run() throws Exception;
  }

  static void assertReason(Call c, Reason reason) {
    assertThatThrownBy(c::run)
        .isInstanceOfSatisfying(VcException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
