package org.jingchain.sdk.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A W3C DID Resolution result ({@code GET /dids/{did}}; docs/spec/did-method.md), for resolved,
 * invalid, unknown and deactivated DIDs alike: {@code didResolutionMetadata.error()} tells which.
 *
 * @param context the JSON-LD context, {@code https://w3id.org/did-resolution/v1}
 * @param didDocument the DID document, or null when the DID is invalid or unknown (a deactivated
 *     DID has its last document)
 * @param didDocumentMetadata the document's metadata; all its fields null when there is no document
 * @param proof the state read of the DID's record with its Merkle proof, or null when not asked for
 *     ({@code proof=true})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DidResolution(
    @JsonProperty("@context") String context,
    @JsonInclude(JsonInclude.Include.ALWAYS) DidDocument didDocument,
    ResolutionMetadata didResolutionMetadata,
    DocumentMetadata didDocumentMetadata,
    @JsonInclude(JsonInclude.Include.NON_NULL) StateRead proof) {

  /** Whether the DID resolved to a live document (no error: not invalid, unknown, deactivated). */
  public boolean resolved() {
    return didResolutionMetadata != null && didResolutionMetadata.error() == null;
  }

  /**
   * DID Resolution metadata: the document's content type when resolved, else an error.
   *
   * @param contentType {@code application/did+ld+json} when resolved, else null
   * @param error {@code invalidDid}, {@code invalidOptions}, {@code notFound} or {@code
   *     deactivated}, else null
   * @param message what was wrong with the options, for {@code invalidOptions}; else null
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ResolutionMetadata(String contentType, String error, String message) {}

  /**
   * DID document metadata (DID Resolution section 7); every field is null when there is no
   * document.
   *
   * @param created when the DID was created (ISO-8601, UTC)
   * @param updated when its document last changed (ISO-8601, UTC)
   * @param versionId the document's version, {@code "1"} at creation and one more per change
   * @param createdHeight the block that created the DID
   * @param updatedHeight the block that last changed it
   * @param deactivated {@code true} when the DID was deactivated, else null (absent)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DocumentMetadata(
      String created,
      String updated,
      String versionId,
      Long createdHeight,
      Long updatedHeight,
      Boolean deactivated) {}
}
