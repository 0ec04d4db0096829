package org.jingchain.identity;

import java.util.Objects;

/** A service endpoint of a DID document (an opaque URL: never personal data). */
public record DidService(String id, String type, String endpoint) {
  public DidService {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(endpoint, "endpoint");
  }
}
