package org.jingchain.datadir;

import java.util.Locale;
import java.util.Optional;
import org.jingchain.datadir.DatadirCalls.Consent;
import org.jingchain.datadir.DatadirCalls.GrantAccess;
import org.jingchain.datadir.DatadirCalls.RecordAccess;
import org.jingchain.datadir.DatadirCalls.Refuse;
import org.jingchain.datadir.DatadirCalls.Request;
import org.jingchain.datadir.DatadirCalls.Revoke;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;

/**
 * request, grant, refuse, revoke, consent and recordAccess [DD-9..15]; each checks everything, then
 * writes [DD-17], and appends its audit entry [DD-16].
 */
final class AccessMethods {
  private final Authority authority;

  AccessMethods(Authority authority) {
    this.authority = authority;
  }

  /** [DD-9] A pending request; returns its id in the event. */
  Event request(TxContext ctx, Request r, WriteSet s) throws ExecutionFailure {
    Validation.did("requester", r.requester());
    Validation.assetId(r.assetId());
    Validation.text("purpose", r.purpose(), 1, DatadirLimits.MAX_PURPOSE_BYTES);
    Validation.text("scope", r.scope(), 1, DatadirLimits.MAX_SCOPE_BYTES);
    Validation.duration(r.durationMillis());
    authority.requireActs(s, r.requester(), ctx.sender());
    DataAsset a = active(s, r.assetId());
    if (a.policy().kind() == Policy.Kind.PUBLIC) {
      throw Validation.invalid(a.id() + " is public: it needs no grant");
    }
    String pending = Datadir.pendingKey(a.id(), Datadir.didId(r.requester()));
    if (s.get(pending).isPresent()) {
      throw new ExecutionFailure(
          DatadirErrors.EXISTS,
          r.requester() + " has request " + DatadirCodec.u64(s.get(pending).get()) + " pending");
    }

    long id = next(s, Datadir.NEXT_REQUEST);
    long h = ctx.block().height();
    long t = ctx.block().timestampMillis();
    put(
        s,
        new AccessRequest(
            id,
            a.id(),
            r.requester(),
            r.purpose(),
            r.scope(),
            r.durationMillis(),
            h,
            t,
            AccessRequest.Status.PENDING,
            0,
            "",
            "",
            0));
    s.put(pending, DatadirCodec.u64(id));
    AuditLog.append(
        ctx,
        s,
        new AuditLog.Fact(
            AuditEntry.Type.REQUESTED, a.id(), r.requester(), r.requester(), id, 0, 0, r.purpose()),
        a.id(),
        r.requester(),
        a.owner());
    return DatadirEvents.of(
        "Requested",
        "request",
        id,
        "asset",
        a.id(),
        "requester",
        r.requester(),
        "purpose",
        r.purpose(),
        "scope",
        r.scope(),
        "durationMillis",
        r.durationMillis());
  }

  /** [DD-11] Answers a pending request with an access grant. */
  Event grant(TxContext ctx, GrantAccess g, WriteSet s) throws ExecutionFailure {
    Validation.did("actor", g.actor());
    Validation.text("scope", g.scope(), 1, DatadirLimits.MAX_SCOPE_BYTES);
    long now = ctx.block().timestampMillis();
    Validation.expiry(g.expiresAtMillis(), now);
    AccessRequest r = requestOf(s, g.requestId());
    DataAsset a = AssetMethods.require(s, r.assetId());
    authority.requireOwnerOrDelegate(s, a, g.actor(), ctx.sender());
    Authority.requireLiveOwner(s, a);
    if (a.retired()) {
      throw new ExecutionFailure(DatadirErrors.RETIRED, a.id() + " is retired");
    }
    requirePending(r);

    long id = next(s, Datadir.NEXT_GRANT);
    long h = ctx.block().height();
    Grant grant =
        new Grant(
            id,
            Grant.Kind.ACCESS,
            a.id(),
            g.actor(),
            r.requester(),
            r.purpose(),
            g.scope(),
            r.id(),
            h,
            now,
            g.expiresAtMillis(),
            false,
            "",
            0,
            0);
    put(s, grant);
    answer(s, r, AccessRequest.Status.GRANTED, id, "", g.actor(), h);
    AuditLog.append(
        ctx,
        s,
        new AuditLog.Fact(
            AuditEntry.Type.GRANTED, a.id(), g.actor(), r.requester(), r.id(), id, 0, g.scope()),
        a.id(),
        r.requester(),
        a.owner());
    return DatadirEvents.of(
        "Granted",
        "grant",
        id,
        "request",
        r.id(),
        "asset",
        a.id(),
        "grantee",
        r.requester(),
        "by",
        g.actor(),
        "scope",
        g.scope(),
        "expiresAtMillis",
        g.expiresAtMillis());
  }

  /** [DD-11] Answers a pending request with no; allowed on a retired asset. */
  Event refuse(TxContext ctx, Refuse f, WriteSet s) throws ExecutionFailure {
    Validation.did("actor", f.actor());
    Validation.text("reason", f.reason(), 0, DatadirLimits.MAX_REASON_BYTES);
    AccessRequest r = requestOf(s, f.requestId());
    DataAsset a = AssetMethods.require(s, r.assetId());
    authority.requireOwnerOrDelegate(s, a, f.actor(), ctx.sender());
    requirePending(r);

    answer(s, r, AccessRequest.Status.REFUSED, 0, f.reason(), f.actor(), ctx.block().height());
    AuditLog.append(
        ctx,
        s,
        new AuditLog.Fact(
            AuditEntry.Type.REFUSED, a.id(), f.actor(), r.requester(), r.id(), 0, 0, f.reason()),
        a.id(),
        r.requester(),
        a.owner());
    return DatadirEvents.of(
        "Refused",
        "request",
        r.id(),
        "asset",
        a.id(),
        "requester",
        r.requester(),
        "by",
        f.actor(),
        "reason",
        f.reason());
  }

  /** [DD-12] Ends a grant (by the owner or a delegate) or a consent (by its person), for good. */
  Event revoke(TxContext ctx, Revoke v, WriteSet s) throws ExecutionFailure {
    Validation.did("actor", v.actor());
    Grant g =
        Datadir.grant(s, v.grantId())
            .orElseThrow(
                () -> new ExecutionFailure(DatadirErrors.NOT_FOUND, "no grant " + v.grantId()));
    String owner;
    if (g.kind() == Grant.Kind.ACCESS) {
      DataAsset a = AssetMethods.require(s, g.assetId());
      authority.requireOwnerOrDelegate(s, a, v.actor(), ctx.sender());
      owner = a.owner();
    } else {
      if (!g.grantor().equals(v.actor())) {
        throw new ExecutionFailure(
            DatadirErrors.NOT_OWNER, "only " + g.grantor() + " may revoke consent " + g.id());
      }
      authority.requireActs(s, v.actor(), ctx.sender());
      owner = g.grantor();
    }
    if (g.revoked()) {
      throw new ExecutionFailure(
          DatadirErrors.GRANT_REVOKED, "grant " + g.id() + " is already revoked");
    }

    long h = ctx.block().height();
    long t = ctx.block().timestampMillis();
    put(
        s,
        new Grant(
            g.id(),
            g.kind(),
            g.assetId(),
            g.grantor(),
            g.grantee(),
            g.purpose(),
            g.scope(),
            g.requestId(),
            g.height(),
            g.timeMillis(),
            g.expiresAtMillis(),
            true,
            v.actor(),
            h,
            t));
    AuditLog.append(
        ctx,
        s,
        new AuditLog.Fact(
            AuditEntry.Type.REVOKED,
            g.assetId(),
            v.actor(),
            g.grantee(),
            g.requestId(),
            g.id(),
            0,
            ""),
        g.assetId(),
        g.grantee(),
        owner);
    return DatadirEvents.of(
        "Revoked",
        "grant",
        g.id(),
        "kind",
        g.kind().label(),
        "asset",
        g.assetId(),
        "by",
        v.actor());
  }

  /** [DD-13] A person's consent: a grant of kind consent to an organisation. */
  Event consent(TxContext ctx, Consent c, WriteSet s) throws ExecutionFailure {
    Validation.did("person", c.person());
    Validation.did("organisation", c.organisation());
    if (c.person().equals(c.organisation())) {
      throw Validation.invalid("a person cannot consent to themselves");
    }
    if (!c.assetId().isEmpty()) {
      Validation.assetId(c.assetId());
    }
    Validation.text("purpose", c.purpose(), 1, DatadirLimits.MAX_PURPOSE_BYTES);
    Validation.text("scope", c.scope(), 1, DatadirLimits.MAX_SCOPE_BYTES);
    long now = ctx.block().timestampMillis();
    Validation.expiry(c.expiresAtMillis(), now);
    authority.requireActs(s, c.person(), ctx.sender());
    if (Authority.live(s, c.organisation()).isEmpty()) {
      throw new ExecutionFailure(
          DatadirErrors.NOT_FOUND, c.organisation() + " does not exist or is deactivated");
    }
    if (!c.assetId().isEmpty()) {
      active(s, c.assetId());
    }

    long id = next(s, Datadir.NEXT_GRANT);
    put(
        s,
        new Grant(
            id,
            Grant.Kind.CONSENT,
            c.assetId(),
            c.person(),
            c.organisation(),
            c.purpose(),
            c.scope(),
            0,
            ctx.block().height(),
            now,
            c.expiresAtMillis(),
            false,
            "",
            0,
            0));
    AuditLog.append(
        ctx,
        s,
        new AuditLog.Fact(
            AuditEntry.Type.CONSENTED,
            c.assetId(),
            c.person(),
            c.organisation(),
            0,
            id,
            0,
            c.purpose()),
        c.assetId(),
        c.organisation(),
        c.person());
    return DatadirEvents.of(
        "Consented",
        "grant",
        id,
        "person",
        c.person(),
        "organisation",
        c.organisation(),
        "asset",
        c.assetId(),
        "purpose",
        c.purpose(),
        "scope",
        c.scope(),
        "expiresAtMillis",
        c.expiresAtMillis());
  }

  /** [DD-15] A data server's record of an access it served, refused unless [DD-14] allows it. */
  Event recordAccess(TxContext ctx, RecordAccess r, WriteSet s) throws ExecutionFailure {
    Validation.did("actor", r.actor());
    Validation.assetId(r.assetId());
    Validation.did("requester", r.requester());
    Validation.accessId(r.accessId());
    DataAsset a = AssetMethods.require(s, r.assetId());
    authority.requireOwnerOrDelegate(s, a, r.actor(), ctx.sender());
    Authority.requireLiveOwner(s, a);
    if (a.retired()) {
      throw new ExecutionFailure(DatadirErrors.RETIRED, a.id() + " is retired");
    }
    if (r.version() < 1 || r.version() > a.versions()) {
      throw new ExecutionFailure(
          DatadirErrors.NOT_FOUND, a.id() + " has no version " + r.version());
    }
    String key = Datadir.accessKey(a.id(), r.accessId());
    if (s.get(key).isPresent()) {
      throw new ExecutionFailure(
          DatadirErrors.EXISTS, "access " + r.accessId() + " of " + a.id() + " is recorded");
    }
    long now = ctx.block().timestampMillis();
    AccessDecision d = Datadir.decide(s, a, r.requester(), r.grantId(), now);
    if (!d.allowed()) {
      throw new ExecutionFailure(d.code(), d.reason());
    }

    long h = ctx.block().height();
    AccessRecord rec =
        new AccessRecord(
            a.id(), r.accessId(), r.requester(), r.grantId(), r.version(), r.actor(), h, now);
    s.put(key, Bytes.wrap(DatadirCodec.encode(rec)));
    AuditLog.append(
        ctx,
        s,
        new AuditLog.Fact(
            AuditEntry.Type.ACCESSED,
            a.id(),
            r.actor(),
            r.requester(),
            0,
            r.grantId(),
            r.version(),
            r.accessId()),
        a.id(),
        r.requester(),
        a.owner());
    return DatadirEvents.of(
        "Accessed",
        "asset",
        a.id(),
        "access",
        r.accessId(),
        "requester",
        r.requester(),
        "grant",
        r.grantId(),
        "version",
        r.version(),
        "by",
        r.actor());
  }

  // ---- helpers

  private static DataAsset active(StateReader s, String id) throws ExecutionFailure {
    DataAsset a = AssetMethods.require(s, id);
    if (a.retired()) {
      throw new ExecutionFailure(DatadirErrors.RETIRED, id + " is retired");
    }
    return a;
  }

  private static AccessRequest requestOf(StateReader s, long id) throws ExecutionFailure {
    Optional<AccessRequest> r = Datadir.request(s, id);
    return r.orElseThrow(() -> new ExecutionFailure(DatadirErrors.NOT_FOUND, "no request " + id));
  }

  private static void requirePending(AccessRequest r) throws ExecutionFailure {
    if (r.status() != AccessRequest.Status.PENDING) {
      throw new ExecutionFailure(
          DatadirErrors.CLOSED,
          "request " + r.id() + " was already " + r.status().name().toLowerCase(Locale.ROOT));
    }
  }

  private static void answer(
      WriteSet s,
      AccessRequest r,
      AccessRequest.Status status,
      long grantId,
      String reason,
      String by,
      long h) {
    put(
        s,
        new AccessRequest(
            r.id(),
            r.assetId(),
            r.requester(),
            r.purpose(),
            r.scope(),
            r.durationMillis(),
            r.height(),
            r.timeMillis(),
            status,
            grantId,
            reason,
            by,
            h));
    s.delete(WriteSet.key(Datadir.pendingKey(r.assetId(), Datadir.didId(r.requester()))));
  }

  /** The next id of a counter (ids start at 1; 0 means none) [DD-1]. */
  private static long next(WriteSet s, String counter) {
    long id = s.get(counter).map(DatadirCodec::u64).orElse(0L) + 1;
    s.put(counter, DatadirCodec.u64(id));
    return id;
  }

  private static void put(WriteSet s, AccessRequest r) {
    s.put(Datadir.requestKey(r.id()), Bytes.wrap(DatadirCodec.encode(r)));
  }

  private static void put(WriteSet s, Grant g) {
    s.put(Datadir.grantKey(g.id()), Bytes.wrap(DatadirCodec.encode(g)));
  }
}
