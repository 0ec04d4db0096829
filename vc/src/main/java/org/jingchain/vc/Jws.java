package org.jingchain.vc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import org.jingchain.identity.DidKey;
import org.jingchain.identity.DidSignatures;

/** Compact JWS through Nimbus JOSE+JWT, signed and verified with DID keys of all three types. */
final class Jws {
  /** Bigger inputs are refused before parsing (a credential with its disclosures fits easily). */
  static final int MAX_LENGTH = 64 * 1024;

  private Jws() {}

  /** A parsed compact JWS: the header fields we use and the JSON payload. */
  record Parsed(
      JWSObject object, String alg, String kid, String typ, Map<String, Object> payload) {}

  static String sign(CredentialSigner s, String typ, Map<String, Object> payload, boolean kid) {
    JWSHeader.Builder h =
        new JWSHeader.Builder(new JWSAlgorithm(s.alg())).type(new JOSEObjectType(typ));
    if (kid) {
      h.keyID(s.kid());
    }
    JWSObject o = new JWSObject(h.build(), new Payload(payload));
    try {
      o.sign(new Signer(s));
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return o.serialize();
  }

  static Parsed parse(String compact, String what) throws VcException {
    if (compact.length() > MAX_LENGTH) {
      throw new VcException(
          VcException.Reason.MALFORMED, what + " is longer than " + MAX_LENGTH + " characters");
    }
    try {
      JWSObject o = JWSObject.parse(compact);
      JWSHeader h = o.getHeader();
      if (h.getCriticalParams() != null && !h.getCriticalParams().isEmpty()) {
        throw new VcException(
            VcException.Reason.MALFORMED, what + " has critical header parameters we do not know");
      }
      if (!h.isBase64URLEncodePayload()) {
        throw new VcException(VcException.Reason.MALFORMED, what + " has an unencoded payload");
      }
      Map<String, Object> payload = o.getPayload().toJSONObject();
      if (payload == null) {
        throw new VcException(VcException.Reason.MALFORMED, what + " payload is not a JSON object");
      }
      return new Parsed(
          o,
          h.getAlgorithm().getName(),
          h.getKeyID(),
          h.getType() == null ? null : h.getType().getType(),
          payload);
    } catch (ParseException | IllegalArgumentException e) {
      throw new VcException(
          VcException.Reason.MALFORMED, what + " is not a compact JWS: " + e.getMessage(), e);
    }
  }

  /** Checks the algorithm fits {@code key} and the signature verifies with it. */
  static void verify(Parsed p, DidKey key, String what) throws VcException {
    if (Algorithms.keyType(p.alg()).orElse(null) != key.type()) {
      throw new VcException(
          VcException.Reason.UNSUPPORTED_ALGORITHM,
          what + " uses alg " + p.alg() + " but the key is " + key.type());
    }
    JWSObject o = p.object();
    if (!DidSignatures.verify(key, o.getSigningInput(), o.getSignature().decode())) {
      throw new VcException(
          VcException.Reason.BAD_SIGNATURE, what + " signature does not verify with its key");
    }
  }

  /** Nimbus signer over a {@link CredentialSigner}. */
  private record Signer(CredentialSigner s) implements JWSSigner {
    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) {
      return Base64URL.encode(s.sign(signingInput));
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
      return Set.of(new JWSAlgorithm(s.alg()));
    }

    @Override
    public JCAContext getJCAContext() {
      return new JCAContext();
    }
  }
}
