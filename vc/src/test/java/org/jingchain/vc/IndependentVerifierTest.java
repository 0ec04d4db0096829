package org.jingchain.vc;

import static org.assertj.core.api.Assertions.assertThat;

import com.authlete.sd.Disclosure;
import com.authlete.sd.SDJWT;
import com.authlete.sd.SDObjectDecoder;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.jingchain.identity.DidKey;
import org.jingchain.testkit.Party;
import org.jingchain.testkit.TestChain;
import org.junit.jupiter.api.Test;

/**
 * What we issue verifies with the format libraries alone, without any Jingchain code on the
 * verifying side: Nimbus JOSE+JWT's own Ed25519 and ECDSA verifiers, authlete's SD-JWT decoder, and
 * BouncyCastle's SM2 signer for {@code SM2SM3} (issue 5: "credentials we issue verify with an
 * independent verifier path built from the format libraries alone").
 */
class IndependentVerifierTest {
  final TestChain chain = new TestChain();

  Party issuer(String name, DidKey.Type type) {
    return CredentialsTest.trustedIssuer(chain, name, type);
  }

  @Test
  void ed25519CredentialsVerifyWithNimbusAlone() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.ED25519);
    Party holder = chain.party("holder", DidKey.Type.ED25519);
    String jwt =
        Credentials.issueJwt(CredentialsTest.issue(issuer, holder, CredentialsTest.claims()));
    JWSObject o = JWSObject.parse(jwt);
    OctetKeyPair jwk =
        new OctetKeyPair.Builder(
                Curve.Ed25519, Base64URL.encode(issuer.didKey().publicKey().toByteArray()))
            .build();
    assertThat(o.getHeader().getType().getType()).isEqualTo("vc+jwt");
    assertThat(o.verify(new Ed25519Verifier(jwk))).isTrue();
    Map<String, Object> vc = o.getPayload().toJSONObject();
    assertThat(vc.get("issuer")).isEqualTo(issuer.did());
    assertThat(((Map<?, ?>) vc.get("credentialSubject")).get("degree"))
        .isEqualTo("MSc Computer Science");
  }

  @Test
  void p256SdJwtVerifiesAndDecodesWithNimbusAndAuthleteAlone() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.P256);
    Party holder = chain.party("holder", DidKey.Type.P256);
    String sd =
        Credentials.issueSdJwt(CredentialsTest.issue(issuer, holder, CredentialsTest.claims()));
    String presentation =
        Credentials.presentSdJwt(
            sd, Set.of("name", "honours"), Signers.of(holder), "aud", "nonce", CredentialsTest.NOW);

    SDJWT parsed = SDJWT.parse(presentation);
    JWSObject credential = JWSObject.parse(parsed.getCredentialJwt());
    assertThat(credential.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(credential.verify(new ECDSAVerifier(ecKey(issuer.didKey())))).isTrue();
    Map<String, Object> decoded =
        new SDObjectDecoder()
            .decode(credential.getPayload().toJSONObject(), parsed.getDisclosures());
    assertThat(decoded).containsEntry("name", "Li Wei").containsEntry("honours", true);
    assertThat(decoded).doesNotContainKeys("degree", "university", "year");
    // Every presented disclosure is committed to in the signed _sd list.
    List<Object> sdDigests =
        List.copyOf((List<?>) credential.getPayload().toJSONObject().get("_sd"));
    for (Disclosure d : parsed.getDisclosures()) {
      assertThat(sdDigests).contains(d.digest());
    }
    // The holder's key binding JWT, checked with Nimbus: signature and sd_hash.
    JWSObject kb = JWSObject.parse(parsed.getBindingJwt());
    assertThat(kb.getHeader().getType().getType()).isEqualTo("kb+jwt");
    assertThat(kb.verify(new ECDSAVerifier(ecKey(holder.didKey())))).isTrue();
    assertThat(kb.getPayload().toJSONObject())
        .containsEntry("sd_hash", parsed.getSDHash())
        .containsEntry("nonce", "nonce")
        .containsEntry("aud", "aud");
  }

  @Test
  void sm2CredentialsVerifyWithBouncyCastleAlone() throws Exception {
    Party issuer = issuer("issuer", DidKey.Type.SM2);
    Party holder = chain.party("holder", DidKey.Type.SM2);
    String jwt =
        Credentials.issueJwt(CredentialsTest.issue(issuer, holder, CredentialsTest.claims()));
    String[] parts = jwt.split("\\.");
    assertThat(
            new String(
                Base64.getUrlDecoder().decode(parts[0]), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"alg\":\"SM2SM3\"");
    X9ECParameters curve = CustomNamedCurves.getByName("sm2p256v1");
    ECDomainParameters domain =
        new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
    ECPoint q = domain.getCurve().decodePoint(issuer.didKey().publicKey().toByteArray());
    SM2Signer v = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
    v.init(
        false,
        new ParametersWithID(
            new ECPublicKeyParameters(q, domain),
            "1234567812345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    byte[] input = (parts[0] + "." + parts[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    v.update(input, 0, input.length);
    assertThat(v.verifySignature(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    // One flipped bit of the signing input and BouncyCastle refuses it too.
    input[input.length - 1] ^= 1;
    v.reset();
    v.update(input, 0, input.length);
    assertThat(v.verifySignature(Base64.getUrlDecoder().decode(parts[2]))).isFalse();
  }

  static ECKey ecKey(DidKey key) throws Exception {
    X9ECParameters p256 = CustomNamedCurves.getByName("secp256r1");
    ECPoint q = p256.getCurve().decodePoint(key.publicKey().toByteArray()).normalize();
    return new ECKey.Builder(
            Curve.P_256,
            Base64URL.encode(unsigned32(q.getAffineXCoord().toBigInteger())),
            Base64URL.encode(unsigned32(q.getAffineYCoord().toBigInteger())))
        .build();
  }

  static byte[] unsigned32(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }
}
