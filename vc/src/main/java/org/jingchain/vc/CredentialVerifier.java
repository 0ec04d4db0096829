package org.jingchain.vc;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectDecoder;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jingchain.identity.Did;
import org.jingchain.identity.DidCodec;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidRecord;
import org.jingchain.identity.StatusListContract;
import org.jingchain.identity.TrustRegistryContract;
import org.jingchain.identity.VerificationMethod;
import org.jingchain.types.Bytes;
import org.jingchain.vc.VcException.Reason;

/**
 * Verifies credentials and presentations against the chain (docs/spec/credentials.md, [VC-1] to
 * [VC-9]): format and algorithm, the issuer's DID and key on chain, the signature, validity period,
 * the schema registered on chain, trust in the issuer for that schema, the claims against the
 * schema, the status lists, and the holder's proof of possession. Nothing is asked of the issuer;
 * every chain read goes through the {@link ChainView} (with proofs, in the SDK).
 */
public final class CredentialVerifier {
  /**
   * How far the issuer's clock may run ahead of the verifier's: a credential is accepted up to this
   * long before its {@code validFrom} / {@code nbf} (never after its expiry).
   */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /** By default, how far a presentation's {@code iat} may be from the verifier's clock. */
  public static final Duration PRESENTATION_WINDOW = Duration.ofMinutes(5);

  private final ChainView chain;

  public CredentialVerifier(ChainView chain) {
    this.chain = Objects.requireNonNull(chain, "chain");
  }

  /**
   * What the verifier expects: its clock, and for presentations its audience and the nonce it gave
   * the holder. {@code requireHolder} refuses bare credentials (no proof of possession); {@code
   * maxAge} bounds how far a presentation's {@code iat} may be from {@code now}.
   */
  public record Options(
      Instant now, String audience, String nonce, boolean requireHolder, Duration maxAge) {
    public Options {
      Objects.requireNonNull(now, "now");
      Objects.requireNonNull(maxAge, "maxAge");
    }

    /** Checks a bare credential (issuer's view; no holder proof expected). */
    public static Options credential(Instant now) {
      return new Options(now, null, null, false, PRESENTATION_WINDOW);
    }

    /** Checks a presentation made for {@code audience} with {@code nonce} in the last 5 minutes. */
    public static Options presentation(Instant now, String audience, String nonce) {
      return new Options(now, audience, nonce, true, PRESENTATION_WINDOW);
    }

    /** The same, accepting presentations made up to {@code age} before (or after) {@code now}. */
    public Options withMaxAge(Duration age) {
      return new Options(now, audience, nonce, requireHolder, age);
    }
  }

  /** A credential that passed every check, with the claims the holder disclosed. */
  public record Verified(
      String format,
      String issuer,
      String holder,
      String schemaDigest,
      List<String> types,
      Map<String, Object> claims,
      Instant validFrom,
      Instant validUntil,
      List<StatusEntry> status,
      boolean holderBound) {}

  /** Verifies a JWT credential, an SD-JWT credential, or either kind of presentation. */
  public Verified verify(String input, Options options) throws VcException {
    String s = Objects.requireNonNull(input, "input").strip();
    if (s.indexOf('~') >= 0) {
      return verifySdJwt(s, options);
    }
    Jws.Parsed p = Jws.parse(s, "credential");
    if (Credentials.TYP_VP.equals(p.typ())) {
      return verifyVp(p, options);
    }
    if (!Credentials.TYP_VC.equals(p.typ())) {
      throw new VcException(
          Reason.MALFORMED, "typ must be vc+jwt, vp+jwt or dc+sd-jwt, got " + p.typ());
    }
    if (options.requireHolder()) {
      throw new VcException(
          Reason.HOLDER_BINDING, "a bare credential carries no proof that the holder presents it");
    }
    return verifyJwtVc(p, options, false);
  }

  // ---- JWT credentials and VP-JWT presentations

  private Verified verifyJwtVc(Jws.Parsed p, Options o, boolean bound) throws VcException {
    Map<String, Object> vc = p.payload();
    if (!(vc.get("@context") instanceof List<?> ctx)
        || ctx.isEmpty()
        || !Credentials.VC_CONTEXT.equals(ctx.get(0))) {
      throw new VcException(Reason.MALFORMED, "@context must start with " + Credentials.VC_CONTEXT);
    }
    List<String> types = strings(vc.get("type"), "type");
    if (!types.contains("VerifiableCredential")) {
      throw new VcException(Reason.MALFORMED, "type must include VerifiableCredential");
    }
    Object issuerField = vc.get("issuer");
    String issuer =
        issuerField instanceof Map<?, ?> m
            ? string(m.get("id"), "issuer.id")
            : string(issuerField, "issuer");
    checkIssuerSignature(p, issuer);
    Instant from = instant(vc.get("validFrom"), "validFrom");
    Instant until =
        vc.get("validUntil") == null ? null : instant(vc.get("validUntil"), "validUntil");
    checkValidity(from, until, o.now());
    if (!(vc.get("credentialSubject") instanceof Map<?, ?> subject)) {
      throw new VcException(Reason.MALFORMED, "credentialSubject must be one object");
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    subject.forEach((k, v) -> claims.put(String.valueOf(k), v));
    String holder = claims.remove("id") instanceof String h ? h : null;
    if (!(vc.get("credentialSchema") instanceof Map<?, ?> schemaRef)
        || !"JsonSchema".equals(schemaRef.get("type"))) {
      throw new VcException(Reason.MALFORMED, "credentialSchema must be one JsonSchema reference");
    }
    String digest = schemaDigest(schemaRef.get("id"));
    checkSchema(issuer, digest, claims, false);
    List<StatusEntry> status = checkStatus(issuer, vc.get("credentialStatus"));
    return new Verified(
        "jwt",
        issuer,
        holder,
        digest,
        types.subList(1, types.size()),
        claims,
        from,
        until,
        status,
        bound);
  }

  private Verified verifyVp(Jws.Parsed vp, Options o) throws VcException {
    String holder = string(vp.payload().get("holder"), "holder");
    checkHolderSignature(vp, holder);
    checkPresentationClaims(vp.payload(), o);
    if (!(vp.payload().get("verifiableCredential") instanceof List<?> list) || list.size() != 1) {
      throw new VcException(Reason.MALFORMED, "a presentation carries exactly one credential");
    }
    if (!(list.get(0) instanceof Map<?, ?> env)
        || !"EnvelopedVerifiableCredential".equals(env.get("type"))
        || !(env.get("id") instanceof String id)
        || !id.startsWith("data:application/vc+jwt,")) {
      throw new VcException(
          Reason.MALFORMED, "the credential must be an EnvelopedVerifiableCredential data: URL");
    }
    Jws.Parsed inner = Jws.parse(id.substring("data:application/vc+jwt,".length()), "credential");
    if (!Credentials.TYP_VC.equals(inner.typ())) {
      throw new VcException(Reason.MALFORMED, "enveloped credential typ must be vc+jwt");
    }
    Verified v = verifyJwtVc(inner, o, true);
    if (!holder.equals(v.holder())) {
      throw new VcException(
          Reason.HOLDER_BINDING, "presented by " + holder + " but issued to " + v.holder());
    }
    return v;
  }

  // ---- SD-JWT VC

  private Verified verifySdJwt(String s, Options o) throws VcException {
    SDJWT sd = Credentials.parseSdJwt(s);
    Jws.Parsed p = Jws.parse(sd.getCredentialJwt(), "SD-JWT");
    if (!Credentials.TYP_SD_JWT.equals(p.typ())) {
      throw new VcException(Reason.MALFORMED, "SD-JWT typ must be dc+sd-jwt, got " + p.typ());
    }
    Map<String, Object> payload = p.payload();
    String issuer = string(payload.get("iss"), "iss");
    checkIssuerSignature(p, issuer);
    Instant from =
        epoch(payload.get("nbf") != null ? payload.get("nbf") : payload.get("iat"), "nbf");
    Instant until = payload.get("exp") == null ? null : epoch(payload.get("exp"), "exp");
    checkValidity(from, until, o.now());
    Map<String, Object> claims = disclosed(payload, sd.getDisclosures());
    String holder = string(payload.get("sub"), "sub");
    String digest = schemaDigest(payload.get("vct"));
    checkSchema(issuer, digest, claims, true);
    List<StatusEntry> status = checkStatus(issuer, payload.get("credentialStatus"));
    boolean bound = false;
    if (sd.getBindingJwt() != null) {
      if (!(payload.get("cnf") instanceof Map<?, ?> cnf) || !holder.equals(cnf.get("kid"))) {
        throw new VcException(Reason.HOLDER_BINDING, "cnf must name the subject's DID " + holder);
      }
      Jws.Parsed kb = Jws.parse(sd.getBindingJwt(), "key binding JWT");
      if (!Credentials.TYP_KB.equals(kb.typ())) {
        throw new VcException(Reason.HOLDER_BINDING, "key binding JWT typ must be kb+jwt");
      }
      checkHolderSignature(kb, holder);
      checkPresentationClaims(kb.payload(), o);
      if (!Objects.equals(sd.getSDHash(), kb.payload().get("sd_hash"))) {
        throw new VcException(
            Reason.HOLDER_BINDING, "sd_hash does not match the presented disclosures");
      }
      bound = true;
    } else if (o.requireHolder()) {
      throw new VcException(
          Reason.HOLDER_BINDING, "no key binding JWT: nothing shows the holder presents it");
    }
    return new Verified(
        "sd-jwt", issuer, holder, digest, List.of(), claims, from, until, status, bound);
  }

  /** [VC-8] Every disclosure must be committed to by an {@code _sd} digest, once. */
  private static Map<String, Object> disclosed(Map<String, Object> payload, List<Disclosure> ds)
      throws VcException {
    if (!"sha-256".equals(payload.getOrDefault("_sd_alg", "sha-256"))) {
      throw new VcException(Reason.DISCLOSURE_INVALID, "_sd_alg must be sha-256");
    }
    Set<String> committed = new HashSet<>();
    if (payload.get("_sd") != null) {
      committed.addAll(strings(payload.get("_sd"), "_sd"));
    }
    Set<String> seen = new HashSet<>();
    for (Disclosure d : ds) {
      String digest = d.digest();
      if (!seen.add(digest)) {
        throw new VcException(Reason.DISCLOSURE_INVALID, "a disclosure is repeated");
      }
      if (!committed.contains(digest)) {
        throw new VcException(
            Reason.DISCLOSURE_INVALID,
            "disclosure of '" + d.getClaimName() + "' is not signed by the issuer");
      }
      if (d.getClaimName() == null || Credentials.RESERVED.contains(d.getClaimName())) {
        throw new VcException(
            Reason.DISCLOSURE_INVALID, "disclosure names a reserved claim " + d.getClaimName());
      }
    }
    Map<String, Object> decoded;
    try {
      decoded = new SDObjectDecoder().decode(payload, ds);
    } catch (RuntimeException e) {
      throw new VcException(Reason.DISCLOSURE_INVALID, "disclosures do not decode", e);
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    for (Disclosure d : ds) {
      claims.put(d.getClaimName(), decoded.get(d.getClaimName()));
    }
    return claims;
  }

  // ---- the checks, in spec order

  /** [VC-2..4] The issuer's DID on chain, its assertion key named by kid, the signature. */
  private void checkIssuerSignature(Jws.Parsed p, String issuer) throws VcException {
    if (Algorithms.keyType(p.alg()).isEmpty()) {
      throw new VcException(Reason.UNSUPPORTED_ALGORITHM, "alg " + p.alg() + " is not accepted");
    }
    DidRecord did = resolve(issuer, Reason.ISSUER_NOT_FOUND, Reason.ISSUER_DEACTIVATED);
    DidKey key = key(did, issuer, p.kid(), VerificationMethod.ASSERTION, Reason.UNKNOWN_KEY);
    Jws.verify(p, key, "credential");
  }

  /** [VC-9] The holder's signature, by an authentication key of the holder's DID. */
  private void checkHolderSignature(Jws.Parsed p, String holder) throws VcException {
    if (Algorithms.keyType(p.alg()).isEmpty()) {
      throw new VcException(Reason.UNSUPPORTED_ALGORITHM, "alg " + p.alg() + " is not accepted");
    }
    DidRecord did = resolve(holder, Reason.HOLDER_BINDING, Reason.HOLDER_BINDING);
    DidKey key =
        key(did, holder, p.kid(), VerificationMethod.AUTHENTICATION, Reason.HOLDER_BINDING);
    try {
      Jws.verify(p, key, "presentation");
    } catch (VcException e) {
      throw new VcException(Reason.HOLDER_BINDING, e.getMessage(), e);
    }
  }

  private static void checkPresentationClaims(Map<String, Object> claims, Options o)
      throws VcException {
    if (o.audience() != null && !audienceMatches(claims.get("aud"), o.audience())) {
      throw new VcException(
          Reason.HOLDER_BINDING,
          "presentation is for " + claims.get("aud") + ", not " + o.audience());
    }
    if (o.nonce() != null && !o.nonce().equals(claims.get("nonce"))) {
      throw new VcException(Reason.HOLDER_BINDING, "presentation nonce does not match");
    }
    Instant iat = epoch(claims.get("iat"), "iat");
    if (Duration.between(iat, o.now()).abs().compareTo(o.maxAge()) > 0) {
      throw new VcException(
          Reason.HOLDER_BINDING, "presentation was made at " + iat + ", too far from " + o.now());
    }
  }

  private static boolean audienceMatches(Object aud, String expected) {
    return expected.equals(aud) || (aud instanceof List<?> l && l.contains(expected));
  }

  private static void checkValidity(Instant from, Instant until, Instant now) throws VcException {
    if (now.plus(CLOCK_SKEW).isBefore(from)) {
      throw new VcException(Reason.NOT_YET_VALID, "valid from " + from + ", now " + now);
    }
    if (until != null && !now.isBefore(until)) {
      throw new VcException(Reason.EXPIRED, "valid until " + until + ", now " + now);
    }
  }

  /** [VC-5..6] The schema on chain, trust in the issuer for it, the claims against it. */
  private void checkSchema(String issuer, String digest, Map<String, Object> claims, boolean relax)
      throws VcException {
    byte[] stored =
        chain
            .read(TrustRegistryContract.schemaKey(digest))
            .orElseThrow(
                () ->
                    new VcException(
                        Reason.SCHEMA_NOT_FOUND, "schema " + digest + " is not registered"));
    byte[] document;
    try {
      document = TrustRegistryContract.decodeSchema(stored).document().toByteArray();
    } catch (RuntimeException e) {
      throw new VcException(Reason.CHAIN_UNVERIFIED, "schema record does not decode", e);
    }
    if (!TrustRegistryContract.schemaDigest(document).equals(digest)) {
      throw new VcException(Reason.CHAIN_UNVERIFIED, "schema document does not match its digest");
    }
    if (chain.read(TrustRegistryContract.issuerKey(issuer, digest)).isEmpty()) {
      throw new VcException(
          Reason.UNTRUSTED_ISSUER, issuer + " is not a trusted issuer of schema " + digest);
    }
    List<String> problems = Schemas.validate(document, claims, relax);
    if (!problems.isEmpty()) {
      throw new VcException(
          Reason.SCHEMA_MISMATCH, "claims do not satisfy the schema: " + problems);
    }
  }

  /** [VC-7] Each status entry names a list of the issuer; its bit must be clear. */
  private List<StatusEntry> checkStatus(String issuer, Object json) throws VcException {
    if (json == null) {
      return List.of();
    }
    List<?> entries = json instanceof List<?> l ? l : List.of(json);
    if (entries.size() > 4) {
      throw new VcException(Reason.STATUS_INVALID, "at most 4 status entries");
    }
    List<StatusEntry> out = new ArrayList<>();
    for (Object e : entries) {
      StatusEntry entry = StatusEntry.fromJson(e, issuer);
      StatusListContract.ListRecord list;
      try {
        list =
            StatusListContract.decodeRecord(
                chain
                    .read(entry.listKey(issuer))
                    .orElseThrow(
                        () ->
                            new VcException(
                                Reason.STATUS_INVALID,
                                "status list " + entry.listId() + " does not exist")));
      } catch (RuntimeException ex) {
        throw new VcException(Reason.CHAIN_UNVERIFIED, "status list record does not decode", ex);
      }
      if (list.purpose() != entry.purpose() || entry.index() >= list.size()) {
        throw new VcException(
            Reason.STATUS_INVALID,
            "list "
                + entry.listId()
                + " is a "
                + list.purpose()
                + " list of "
                + list.size()
                + " bits");
      }
      Optional<byte[]> page = chain.read(entry.pageKey(issuer));
      if (StatusListContract.isSet(page.map(Bytes::wrap), entry.index())) {
        throw new VcException(
            entry.purpose() == StatusListContract.Purpose.REVOCATION
                ? Reason.REVOKED
                : Reason.SUSPENDED,
            "the issuer "
                + (entry.purpose() == StatusListContract.Purpose.REVOCATION
                    ? "revoked"
                    : "suspended")
                + " this credential (list "
                + entry.listId()
                + ", index "
                + entry.index()
                + ")");
      }
      out.add(entry);
    }
    return out;
  }

  // ---- DIDs

  private DidRecord resolve(String did, Reason missing, Reason deactivated) throws VcException {
    String id =
        Did.id(did)
            .orElseThrow(() -> new VcException(Reason.MALFORMED, "not a did:jing DID: " + did));
    byte[] stored =
        chain
            .read(Did.stateKey(id))
            .orElseThrow(() -> new VcException(missing, did + " does not exist on chain"));
    DidRecord r;
    try {
      r = DidCodec.decodeRecord(stored);
    } catch (RuntimeException e) {
      throw new VcException(Reason.CHAIN_UNVERIFIED, "DID record does not decode", e);
    }
    if (r.deactivated()) {
      throw new VcException(deactivated, did + " is deactivated");
    }
    return r;
  }

  private static DidKey key(DidRecord r, String did, String kid, int relationship, Reason missing)
      throws VcException {
    if (kid == null || !kid.startsWith(did + "#")) {
      throw new VcException(
          missing, "kid must be a key of " + did + " (" + did + "#…), got " + kid);
    }
    String fragment = kid.substring(did.length() + 1);
    for (VerificationMethod m : r.methods()) {
      if (m.id().equals(fragment) && (m.relationships() & relationship) != 0) {
        return m.key();
      }
    }
    throw new VcException(
        missing,
        kid
            + " is not "
            + (relationship == VerificationMethod.ASSERTION ? "an assertion" : "an authentication")
            + " key of "
            + did
            + " (removed, rotated or never there)");
  }

  // ---- JSON helpers

  private static String schemaDigest(Object urn) throws VcException {
    String d = Schemas.digestOf(urn instanceof String s ? s : null);
    if (d == null) {
      throw new VcException(
          Reason.MALFORMED, "schema must be urn:jing:schema:<64 hex>, got " + urn);
    }
    return d;
  }

  private static String string(Object v, String what) throws VcException {
    if (v instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw new VcException(Reason.MALFORMED, what + " must be a non-empty string");
  }

  private static List<String> strings(Object v, String what) throws VcException {
    if (v instanceof String s) {
      return List.of(s);
    }
    if (v instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        out.add(string(o, what));
      }
      return out;
    }
    throw new VcException(Reason.MALFORMED, what + " must be a string or a list of strings");
  }

  private static Instant instant(Object v, String what) throws VcException {
    try {
      return Instant.parse(string(v, what));
    } catch (DateTimeParseException e) {
      throw new VcException(Reason.MALFORMED, what + " is not an XML Schema dateTime in UTC", e);
    }
  }

  private static Instant epoch(Object v, String what) throws VcException {
    if (v instanceof Number n && n.longValue() >= 0) {
      return Instant.ofEpochSecond(n.longValue());
    }
    throw new VcException(Reason.MALFORMED, what + " must be seconds since the epoch");
  }
}
