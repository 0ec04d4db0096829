package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A W3C DID Core document of a {@code did:jing} (docs/spec/did-method.md): its verification methods
 * (keys as JsonWebKey2020), which of them authenticate and assert, and its services. These are all
 * the fields a did:jing document has; the SDK's tests check that writing the record back gives the
 * node's document unchanged.
 *
 * @param context the JSON-LD contexts (DID v1 and JWS 2020)
 * @param id the DID
 * @param authentication ids of the methods that authenticate the DID's controller
 * @param assertionMethod ids of the methods that sign credentials and presentations
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DidDocument(
    @JsonProperty("@context") List<String> context,
    String id,
    List<VerificationMethod> verificationMethod,
    List<String> authentication,
    List<String> assertionMethod,
    List<Service> service) {
  public DidDocument {
    context = Copies.list(context);
    verificationMethod = Copies.list(verificationMethod);
    authentication = Copies.list(authentication);
    assertionMethod = Copies.list(assertionMethod);
    service = Copies.list(service);
  }

  /**
   * A key of the DID.
   *
   * @param id {@code <did>#<key id>}
   * @param type {@code JsonWebKey2020}
   * @param controller the DID that controls the key
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record VerificationMethod(String id, String type, String controller, Jwk publicKeyJwk) {}

  /**
   * A public key as a JSON Web Key: {@code OKP}/{@code Ed25519} with {@code x}, or {@code EC} with
   * {@code crv} {@code P-256} or {@code SM2} and {@code x}, {@code y} (base64url, unpadded).
   *
   * @param y the y coordinate for {@code EC} keys, null for {@code OKP}
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Jwk(String kty, String crv, String x, String y) {}

  /**
   * A service endpoint of the DID.
   *
   * @param id {@code <did>#<service id>}
   * @param serviceEndpoint a URI
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Service(String id, String type, String serviceEndpoint) {}
}
