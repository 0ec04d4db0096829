package org.jingchain.identity;

import java.util.List;
import java.util.Objects;

/** What the chain keeps for one DID (docs/spec/did-method.md, State). */
public record DidRecord(
    long version,
    DidKey updateKey,
    DidKey recoveryKey,
    List<VerificationMethod> methods,
    List<DidService> services,
    boolean deactivated,
    long createdHeight,
    long createdMillis,
    long updatedHeight,
    long updatedMillis) {
  public DidRecord {
    Objects.requireNonNull(updateKey, "updateKey");
    Objects.requireNonNull(recoveryKey, "recoveryKey");
    methods = List.copyOf(methods);
    services = List.copyOf(services);
  }
}
