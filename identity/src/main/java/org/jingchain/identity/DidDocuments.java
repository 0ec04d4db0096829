package org.jingchain.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Renders a DID record as a W3C DID Core document and DID Resolution metadata (plain maps, in a
 * fixed key order, for any JSON library to write).
 */
public final class DidDocuments {
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final X9ECParameters SM2 = GMNamedCurves.getByName("sm2p256v1");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private DidDocuments() {}

  /** The DID document of {@code did} (DID Core §4), its keys as JsonWebKey2020. */
  public static Map<String, Object> document(String did, DidRecord r) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(
        "@context",
        List.of("https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"));
    doc.put("id", did);
    List<Object> methods = new ArrayList<>();
    List<String> authentication = new ArrayList<>();
    List<String> assertion = new ArrayList<>();
    for (VerificationMethod m : r.methods()) {
      String id = did + "#" + m.id();
      Map<String, Object> vm = new LinkedHashMap<>();
      vm.put("id", id);
      vm.put("type", "JsonWebKey2020");
      vm.put("controller", did);
      vm.put("publicKeyJwk", jwk(m.key()));
      methods.add(vm);
      if ((m.relationships() & VerificationMethod.AUTHENTICATION) != 0) {
        authentication.add(id);
      }
      if ((m.relationships() & VerificationMethod.ASSERTION) != 0) {
        assertion.add(id);
      }
    }
    doc.put("verificationMethod", methods);
    doc.put("authentication", authentication);
    doc.put("assertionMethod", assertion);
    List<Object> services = new ArrayList<>();
    for (DidService s : r.services()) {
      Map<String, Object> sv = new LinkedHashMap<>();
      sv.put("id", did + "#" + s.id());
      sv.put("type", s.type());
      sv.put("serviceEndpoint", s.endpoint());
      services.add(sv);
    }
    doc.put("service", services);
    return doc;
  }

  /** DID document metadata (DID Resolution §7): created, updated, versionId, deactivated. */
  public static Map<String, Object> metadata(DidRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created", Instant.ofEpochMilli(r.createdMillis()).toString());
    m.put("updated", Instant.ofEpochMilli(r.updatedMillis()).toString());
    m.put("versionId", Long.toString(r.version()));
    m.put("createdHeight", r.createdHeight());
    m.put("updatedHeight", r.updatedHeight());
    if (r.deactivated()) {
      m.put("deactivated", true);
    }
    return m;
  }

  /** A key as a JWK: OKP/Ed25519, EC/P-256, or EC with {@code crv} "SM2" (sm2p256v1). */
  public static Map<String, Object> jwk(DidKey k) {
    Map<String, Object> j = new LinkedHashMap<>();
    byte[] raw = k.publicKey().toByteArray();
    switch (k.type()) {
      case ED25519 -> {
        j.put("kty", "OKP");
        j.put("crv", "Ed25519");
        j.put("x", B64.encodeToString(raw));
      }
      case P256 -> ec(j, "P-256", P256.getCurve().decodePoint(raw));
      case SM2 -> ec(j, "SM2", SM2.getCurve().decodePoint(raw));
    }
    return j;
  }

  private static void ec(Map<String, Object> j, String crv, ECPoint p) {
    ECPoint n = p.normalize();
    j.put("kty", "EC");
    j.put("crv", crv);
    j.put("x", B64.encodeToString(n.getAffineXCoord().getEncoded()));
    j.put("y", B64.encodeToString(n.getAffineYCoord().getEncoded()));
  }
}
