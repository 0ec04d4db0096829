package org.jingchain.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jingchain.codec.DecodeException;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.identity.DidOperation.Create;
import org.jingchain.identity.DidOperation.Deactivate;
import org.jingchain.identity.DidOperation.Patch;
import org.jingchain.identity.DidOperation.Recover;
import org.jingchain.identity.DidOperation.Update;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.HashFunction;

/**
 * The DID registry (contract {@code did}): applies signed create, update, recover and deactivate
 * operations under the rules of docs/spec/did-method.md. Deterministic: signature checks are pure
 * functions of the operation bytes.
 */
public final class DidContract implements SystemContract {
  public static final String NAME = "did";
  private static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

  private final String chainId;
  private final HashFunction hash;

  public DidContract(String chainId, HashFunction hash) {
    this.chainId = chainId;
    this.hash = hash;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    if (method.equals("createBatch")) {
      return createBatch(ctx, args, state);
    }
    DidCodec.Signed signed;
    DidOperation op;
    try {
      signed = DidCodec.decodeSigned(args.unsafeArray());
      op = DidCodec.decodeOperation(signed.operation());
    } catch (DecodeException e) {
      throw fail("DID_INVALID", "malformed operation: " + e.getMessage());
    }
    if (!op.chainId().equals(chainId)) {
      throw fail("DID_WRONG_CHAIN", "operation is for chain " + op.chainId());
    }
    String expected =
        switch (op) {
          case Create c -> "create";
          case Update u -> "update";
          case Recover r -> "recover";
          case Deactivate d -> "deactivate";
        };
    if (!expected.equals(method)) {
      throw fail("DID_INVALID", "method " + method + " carries a " + expected + " operation");
    }
    return switch (op) {
      case Create c -> create(ctx, c, signed, state);
      case Update u -> update(ctx, u, signed, state);
      case Recover r -> recover(ctx, r, signed, state);
      case Deactivate d -> deactivate(ctx, d, signed, state);
    };
  }

  /**
   * [DID-10] Bulk onboarding: up to {@link DidCodec#MAX_BATCH} self-signed creates in one
   * transaction, all or nothing; one event with the count (the DIDs follow from the keys).
   */
  private List<Event> createBatch(TxContext ctx, Bytes args, WriteSet state)
      throws ExecutionFailure {
    List<DidCodec.Signed> batch;
    try {
      batch = DidCodec.decodeBatch(args.unsafeArray());
    } catch (DecodeException e) {
      throw fail("DID_INVALID", "malformed batch: " + e.getMessage());
    }
    for (int i = 0; i < batch.size(); i++) {
      DidCodec.Signed s = batch.get(i);
      try {
        if (!(DidCodec.decodeOperation(s.operation()) instanceof Create c)) {
          throw fail("DID_INVALID", "item " + i + " of the batch is not a create");
        }
        if (!c.chainId().equals(chainId)) {
          throw fail("DID_WRONG_CHAIN", "item " + i + " is for chain " + c.chainId());
        }
        create(ctx, c, s, state);
      } catch (DecodeException e) {
        throw fail("DID_INVALID", "item " + i + ": " + e.getMessage());
      } catch (ExecutionFailure f) {
        throw fail(f.code(), "item " + i + " of the batch: " + f.getMessage());
      }
    }
    return List.of(
        new Event(
            NAME,
            "BatchCreated",
            List.of(new EventAttribute("count", Integer.toString(batch.size())))));
  }

  private List<Event> create(TxContext ctx, Create c, DidCodec.Signed s, WriteSet state)
      throws ExecutionFailure {
    requireValidKey(c.updateKey());
    requireValidKey(c.recoveryKey());
    requireSigned(c.updateKey(), s, "create must be signed by its update key");
    checkContents(c.methods(), c.services());
    String did = Did.derive(c.updateKey(), c.recoveryKey(), hash);
    String key = Did.stateKey(Did.id(did).orElseThrow());
    if (state.get(key).isPresent()) {
      throw fail("DID_EXISTS", did + " already exists");
    }
    long h = ctx.block().height();
    long t = ctx.block().timestampMillis();
    DidRecord r =
        new DidRecord(
            1, c.updateKey(), c.recoveryKey(), c.methods(), c.services(), false, h, t, h, t);
    state.put(key, Bytes.wrap(DidCodec.encode(r)));
    return List.of(event("Created", did, r.version()));
  }

  private List<Event> update(TxContext ctx, Update u, DidCodec.Signed s, WriteSet state)
      throws ExecutionFailure {
    DidRecord r = current(u.did(), u.version(), state);
    requireSigned(r.updateKey(), s, "update must be signed by the DID's current update key");
    List<VerificationMethod> methods = new ArrayList<>(r.methods());
    List<DidService> services = new ArrayList<>(r.services());
    DidKey updateKey = r.updateKey();
    for (Patch p : u.patches()) {
      switch (p) {
        case Patch.AddMethod a -> {
          requireValidKey(a.method().key());
          methods.add(a.method());
        }
        case Patch.RemoveMethod rm -> {
          if (!methods.removeIf(m -> m.id().equals(rm.id()))) {
            throw fail("DID_INVALID", "no method " + rm.id());
          }
        }
        case Patch.AddService a -> services.add(a.service());
        case Patch.RemoveService rs -> {
          if (!services.removeIf(x -> x.id().equals(rs.id()))) {
            throw fail("DID_INVALID", "no service " + rs.id());
          }
        }
        case Patch.RotateUpdateKey k -> {
          requireValidKey(k.key());
          updateKey = k.key();
        }
      }
    }
    checkContents(methods, services);
    DidRecord next =
        new DidRecord(
            r.version() + 1,
            updateKey,
            r.recoveryKey(),
            methods,
            services,
            false,
            r.createdHeight(),
            r.createdMillis(),
            ctx.block().height(),
            ctx.block().timestampMillis());
    return save(u.did(), next, "Updated", state);
  }

  private List<Event> recover(TxContext ctx, Recover rc, DidCodec.Signed s, WriteSet state)
      throws ExecutionFailure {
    DidRecord r = current(rc.did(), rc.version(), state);
    requireSigned(r.recoveryKey(), s, "recover must be signed by the DID's recovery key");
    requireValidKey(rc.newUpdateKey());
    requireValidKey(rc.newRecoveryKey());
    DidRecord next =
        new DidRecord(
            r.version() + 1,
            rc.newUpdateKey(),
            rc.newRecoveryKey(),
            r.methods(),
            r.services(),
            false,
            r.createdHeight(),
            r.createdMillis(),
            ctx.block().height(),
            ctx.block().timestampMillis());
    return save(rc.did(), next, "Recovered", state);
  }

  private List<Event> deactivate(TxContext ctx, Deactivate d, DidCodec.Signed s, WriteSet state)
      throws ExecutionFailure {
    DidRecord r = current(d.did(), d.version(), state);
    requireSigned(r.recoveryKey(), s, "deactivate must be signed by the DID's recovery key");
    DidRecord next =
        new DidRecord(
            r.version() + 1,
            r.updateKey(),
            r.recoveryKey(),
            r.methods(),
            r.services(),
            true,
            r.createdHeight(),
            r.createdMillis(),
            ctx.block().height(),
            ctx.block().timestampMillis());
    return save(d.did(), next, "Deactivated", state);
  }

  /** The live record of {@code did} at exactly {@code version} [DID-3], [DID-4]. */
  private static DidRecord current(String did, long version, WriteSet state)
      throws ExecutionFailure {
    String id = Did.id(did).orElseThrow(() -> fail("DID_INVALID", "not a did:jing: " + did));
    Optional<Bytes> stored = state.get(Did.stateKey(id));
    if (stored.isEmpty()) {
      throw fail("DID_NOT_FOUND", did + " does not exist");
    }
    DidRecord r = DidCodec.decodeRecord(stored.get().unsafeArray());
    if (r.deactivated()) {
      throw fail("DID_DEACTIVATED", did + " is deactivated");
    }
    if (r.version() != version) {
      throw fail(
          "DID_VERSION_MISMATCH",
          "operation is for version " + version + ", " + did + " is at version " + r.version());
    }
    return r;
  }

  private static List<Event> save(String did, DidRecord r, String type, WriteSet state) {
    state.put(Did.stateKey(Did.id(did).orElseThrow()), Bytes.wrap(DidCodec.encode(r)));
    return List.of(event(type, did, r.version()));
  }

  private static void requireSigned(DidKey key, DidCodec.Signed s, String what)
      throws ExecutionFailure {
    if (!DidSignatures.verify(key, s.operation(), s.signature())) {
      throw fail("DID_UNAUTHORIZED", what);
    }
  }

  private static void requireValidKey(DidKey key) throws ExecutionFailure {
    if (!DidSignatures.isValid(key)) {
      throw fail("DID_INVALID", key.type() + " key is not a point of its curve");
    }
  }

  /** [DID-6] limits and unique ids. */
  private static void checkContents(List<VerificationMethod> methods, List<DidService> services)
      throws ExecutionFailure {
    if (methods.size() > DidCodec.MAX_METHODS || services.size() > DidCodec.MAX_SERVICES) {
      throw fail("DID_INVALID", "at most 32 methods and 16 services");
    }
    Set<String> ids = new HashSet<>();
    for (VerificationMethod m : methods) {
      if (!m.id().matches(ID_PATTERN) || !ids.add("m:" + m.id())) {
        throw fail("DID_INVALID", "method id '" + m.id() + "' is malformed or repeated");
      }
      requireValidKey(m.key());
    }
    for (DidService s : services) {
      if (!s.id().matches(ID_PATTERN) || !ids.add("s:" + s.id())) {
        throw fail("DID_INVALID", "service id '" + s.id() + "' is malformed or repeated");
      }
    }
  }

  private static Event event(String type, String did, long version) {
    return new Event(
        NAME,
        type,
        List.of(
            new EventAttribute("did", did), new EventAttribute("version", Long.toString(version))));
  }

  private static ExecutionFailure fail(String code, String message) {
    return new ExecutionFailure(code, message);
  }
}
