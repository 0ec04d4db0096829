package org.jingchain.identity;

import java.util.List;
import java.util.Objects;

/** The signed operations on a DID (docs/spec/did-method.md, Operations). */
public sealed interface DidOperation {
  String chainId();

  record Create(
      String chainId,
      DidKey updateKey,
      DidKey recoveryKey,
      List<VerificationMethod> methods,
      List<DidService> services)
      implements DidOperation {
    public Create {
      Objects.requireNonNull(chainId, "chainId");
      methods = List.copyOf(methods);
      services = List.copyOf(services);
    }
  }

  record Update(String chainId, String did, long version, List<Patch> patches)
      implements DidOperation {
    public Update {
      patches = List.copyOf(patches);
    }
  }

  record Recover(
      String chainId, String did, long version, DidKey newUpdateKey, DidKey newRecoveryKey)
      implements DidOperation {}

  record Deactivate(String chainId, String did, long version) implements DidOperation {}

  /** One change an update makes. */
  sealed interface Patch {
    record AddMethod(VerificationMethod method) implements Patch {}

    record RemoveMethod(String id) implements Patch {}

    record AddService(DidService service) implements Patch {}

    record RemoveService(String id) implements Patch {}

    record RotateUpdateKey(DidKey key) implements Patch {}
  }
}
