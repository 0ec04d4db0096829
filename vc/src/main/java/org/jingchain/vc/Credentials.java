package org.jingchain.vc;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jingchain.identity.Did;
import org.jingchain.identity.TrustRegistryContract;

/**
 * Issuing and presenting credentials (docs/spec/credentials.md): a W3C VC Data Model 2.0 credential
 * secured as a JWT ({@code vc+jwt}) or as an SD-JWT VC ({@code dc+sd-jwt}) whose every claim can be
 * disclosed on its own; presentations as a VP-JWT ({@code vp+jwt}) or as an SD-JWT with a key
 * binding JWT ({@code kb+jwt}).
 */
public final class Credentials {
  public static final String VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
  public static final String TYP_VC = "vc+jwt";
  public static final String TYP_VP = "vp+jwt";
  public static final String TYP_SD_JWT = "dc+sd-jwt";
  public static final String TYP_KB = "kb+jwt";

  /** Claim names a credential's subject may not use: they mean something else in the formats. */
  static final Set<String> RESERVED =
      Set.of(
          "id",
          "iss",
          "sub",
          "iat",
          "nbf",
          "exp",
          "vct",
          "cnf",
          "jti",
          "aud",
          "nonce",
          "status",
          "credentialStatus",
          "_sd",
          "_sd_alg",
          "...");

  /** The most claims one credential may carry. */
  public static final int MAX_CLAIMS = 64;

  private Credentials() {}

  /** What an issuer puts in a credential. */
  public record Issue(
      CredentialSigner issuer,
      String holderDid,
      byte[] schema,
      List<String> types,
      Map<String, Object> claims,
      Instant validFrom,
      Instant validUntil,
      List<StatusEntry> status) {
    public Issue {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(holderDid, "holderDid");
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(validFrom, "validFrom");
      types = List.copyOf(types);
      claims = new LinkedHashMap<>(claims);
      status = List.copyOf(status);
    }
  }

  /** Issues a JWT credential ({@code vc+jwt}): the payload is the credential itself. */
  public static String issueJwt(Issue r) throws VcException {
    check(r);
    Map<String, Object> vc = new LinkedHashMap<>();
    vc.put("@context", List.of(VC_CONTEXT));
    vc.put("id", "urn:uuid:" + UUID.randomUUID());
    List<String> types = new ArrayList<>();
    types.add("VerifiableCredential");
    types.addAll(r.types());
    vc.put("type", types);
    vc.put("issuer", r.issuer().did());
    vc.put("validFrom", r.validFrom().toString());
    if (r.validUntil() != null) {
      vc.put("validUntil", r.validUntil().toString());
    }
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("id", r.holderDid());
    subject.putAll(r.claims());
    vc.put("credentialSubject", subject);
    vc.put(
        "credentialSchema",
        Map.of(
            "id",
            Schemas.urn(TrustRegistryContract.schemaDigest(r.schema())),
            "type",
            "JsonSchema"));
    if (!r.status().isEmpty()) {
      vc.put("credentialStatus", statusJson(r));
    }
    return Jws.sign(r.issuer(), TYP_VC, vc, true);
  }

  /**
   * Issues an SD-JWT VC ({@code dc+sd-jwt}): every claim is a separate disclosure, so the holder
   * can reveal any subset; issuer, holder, validity, schema ({@code vct}) and status stay visible.
   */
  public static String issueSdJwt(Issue r) throws VcException {
    check(r);
    SDObjectBuilder b = new SDObjectBuilder();
    List<Disclosure> disclosures = new ArrayList<>();
    for (var e : r.claims().entrySet()) {
      disclosures.add(b.putSDClaim(e.getKey(), e.getValue()));
    }
    Map<String, Object> payload = new LinkedHashMap<>(b.build(true));
    payload.put("iss", r.issuer().did());
    payload.put("sub", r.holderDid());
    payload.put("iat", r.validFrom().getEpochSecond());
    payload.put("nbf", r.validFrom().getEpochSecond());
    if (r.validUntil() != null) {
      payload.put("exp", r.validUntil().getEpochSecond());
    }
    payload.put("vct", Schemas.urn(TrustRegistryContract.schemaDigest(r.schema())));
    payload.put("cnf", Map.of("kid", r.holderDid()));
    if (!r.status().isEmpty()) {
      payload.put("credentialStatus", statusJson(r));
    }
    String jwt = Jws.sign(r.issuer(), TYP_SD_JWT, payload, true);
    return new SDJWT(jwt, disclosures).toString();
  }

  /** The claim names an SD-JWT credential can disclose, in the order the issuer wrote them. */
  public static List<String> disclosable(String sdJwt) throws VcException {
    List<String> names = new ArrayList<>();
    for (Disclosure d : parseSdJwt(sdJwt).getDisclosures()) {
      names.add(d.getClaimName());
    }
    return names;
  }

  /**
   * Presents an SD-JWT credential revealing only {@code disclose}, bound to the holder's key with a
   * key binding JWT over {@code audience}, {@code nonce} and the disclosures.
   */
  public static String presentSdJwt(
      String sdJwt,
      Set<String> disclose,
      CredentialSigner holder,
      String audience,
      String nonce,
      Instant now)
      throws VcException {
    SDJWT credential = parseSdJwt(sdJwt);
    if (credential.getBindingJwt() != null) {
      throw new VcException(
          VcException.Reason.MALFORMED,
          "this is already a presentation (it has a key binding JWT)");
    }
    Set<String> available = new TreeSet<>();
    List<Disclosure> chosen = new ArrayList<>();
    for (Disclosure d : credential.getDisclosures()) {
      available.add(d.getClaimName());
      if (disclose.contains(d.getClaimName())) {
        chosen.add(d);
      }
    }
    Set<String> unknown = new LinkedHashSet<>(disclose);
    unknown.removeAll(available);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "the credential has no claims " + unknown + "; it has " + available);
    }
    String sdHash = new SDJWT(credential.getCredentialJwt(), chosen).getSDHash();
    Map<String, Object> kb = new LinkedHashMap<>();
    kb.put("iat", now.getEpochSecond());
    kb.put("aud", audience);
    kb.put("nonce", nonce);
    kb.put("sd_hash", sdHash);
    String kbJwt = Jws.sign(holder, TYP_KB, kb, true);
    return new SDJWT(credential.getCredentialJwt(), chosen, kbJwt).toString();
  }

  /** Presents a JWT credential whole, enveloped in a VP-JWT signed by the holder. */
  public static String presentJwt(
      String jwtVc, CredentialSigner holder, String audience, String nonce, Instant now)
      throws VcException {
    Jws.parse(jwtVc, "credential");
    Map<String, Object> vp = new LinkedHashMap<>();
    vp.put("@context", List.of(VC_CONTEXT));
    vp.put("type", List.of("VerifiablePresentation"));
    vp.put("holder", holder.did());
    vp.put(
        "verifiableCredential",
        List.of(
            Map.of(
                "@context",
                List.of(VC_CONTEXT),
                "type",
                "EnvelopedVerifiableCredential",
                "id",
                "data:application/vc+jwt," + jwtVc)));
    vp.put("aud", audience);
    vp.put("nonce", nonce);
    vp.put("iat", now.getEpochSecond());
    return Jws.sign(holder, TYP_VP, vp, true);
  }

  /**
   * The holder DID a credential was issued to ({@code sub} of an SD-JWT, {@code
   * credentialSubject.id} of a JWT credential), read without verifying anything.
   */
  public static String holderOf(String credential) throws VcException {
    String s = credential.strip();
    Map<String, Object> payload =
        s.indexOf('~') >= 0
            ? Jws.parse(parseSdJwt(s).getCredentialJwt(), "SD-JWT").payload()
            : Jws.parse(s, "credential").payload();
    Object holder =
        payload.containsKey("sub")
            ? payload.get("sub")
            : payload.get("credentialSubject") instanceof Map<?, ?> m ? m.get("id") : null;
    if (!(holder instanceof String h) || Did.id(h).isEmpty()) {
      throw new VcException(VcException.Reason.MALFORMED, "the credential names no holder DID");
    }
    return h;
  }

  static SDJWT parseSdJwt(String s) throws VcException {
    if (s.length() > Jws.MAX_LENGTH) {
      throw new VcException(VcException.Reason.MALFORMED, "SD-JWT is too long");
    }
    try {
      return SDJWT.parse(s.strip());
    } catch (RuntimeException e) {
      throw new VcException(
          VcException.Reason.DISCLOSURE_INVALID, "not an SD-JWT: " + e.getMessage(), e);
    }
  }

  private static List<Map<String, Object>> statusJson(Issue r) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (StatusEntry e : r.status()) {
      out.add(e.toJson(r.issuer().did()));
    }
    return out;
  }

  /**
   * An issuer refuses to sign what a verifier would refuse: bad DIDs, claims the schema rejects.
   */
  private static void check(Issue r) throws VcException {
    if (Did.id(r.issuer().did()).isEmpty()) {
      throw new IllegalArgumentException(
          "issuer kid must be a did:jing DID URL: " + r.issuer().kid());
    }
    if (Did.id(r.holderDid()).isEmpty()) {
      throw new IllegalArgumentException("holder must be a did:jing DID: " + r.holderDid());
    }
    if (r.claims().isEmpty() || r.claims().size() > MAX_CLAIMS) {
      throw new IllegalArgumentException("a credential carries 1.." + MAX_CLAIMS + " claims");
    }
    for (String name : r.claims().keySet()) {
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException("claim name " + name + " is reserved");
      }
    }
    if (r.validUntil() != null && !r.validUntil().isAfter(r.validFrom())) {
      throw new IllegalArgumentException("validUntil must be after validFrom");
    }
    List<String> problems = Schemas.validate(r.schema(), r.claims(), false);
    if (!problems.isEmpty()) {
      throw new VcException(
          VcException.Reason.SCHEMA_MISMATCH, "claims do not satisfy the schema: " + problems);
    }
  }
}
