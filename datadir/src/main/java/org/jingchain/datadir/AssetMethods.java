package org.jingchain.datadir;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jingchain.datadir.DatadirCalls.AcceptTransfer;
import org.jingchain.datadir.DatadirCalls.NewVersion;
import org.jingchain.datadir.DatadirCalls.OfferTransfer;
import org.jingchain.datadir.DatadirCalls.Register;
import org.jingchain.datadir.DatadirCalls.Retire;
import org.jingchain.datadir.DatadirCalls.Update;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.StateReader;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;

/**
 * register, update, newVersion, retire [DD-4..8] and the two steps of a transfer [DD-22]. Each
 * checks everything, then writes [DD-17].
 */
final class AssetMethods {
  private final Authority authority;

  AssetMethods(Authority authority) {
    this.authority = authority;
  }

  /** [DD-4] A new asset with version 1. */
  Event register(TxContext ctx, Register r, WriteSet s) throws ExecutionFailure {
    Validation.assetId(r.id());
    Validation.did("owner", r.owner());
    Validation.metadata(r.metadata());
    Validation.policy(r.policy());
    Validation.delegates(r.delegates(), r.owner());
    Validation.derivedFrom(r.derivedFrom());
    if (r.derivedFrom().contains(r.id())) {
      throw new ExecutionFailure(
          DatadirErrors.LINEAGE_CYCLE, r.id() + " cannot be derived from itself");
    }
    Validation.content(r.content());
    authority.requireActs(s, r.owner(), ctx.sender());
    if (s.get(Datadir.assetKey(r.id())).isPresent()) {
      throw new ExecutionFailure(DatadirErrors.EXISTS, "asset " + r.id() + " exists");
    }
    requireLiveDelegates(s, r.delegates());
    requireParents(s, r.derivedFrom());
    Lineage.requireRoomIn(s, r.derivedFrom());

    long h = ctx.block().height();
    long t = ctx.block().timestampMillis();
    DataAsset a =
        new DataAsset(
            r.id(),
            r.owner(),
            r.metadata(),
            r.policy(),
            r.delegates(),
            r.derivedFrom(),
            1,
            DataAsset.Status.ACTIVE,
            "",
            h,
            t,
            h,
            t);
    put(s, a);
    putVersion(s, r.id(), new AssetVersion(1, r.content(), h, t));
    StateLists.append(s, Datadir.ASSETS, StateLists.text(r.id()));
    StateLists.append(s, Datadir.ownedKey(Datadir.didId(r.owner())), StateLists.text(r.id()));
    for (String p : r.derivedFrom()) {
      Lineage.addEdge(s, p, r.id());
    }
    return DatadirEvents.of(
        "Registered",
        "asset",
        r.id(),
        "owner",
        r.owner(),
        "version",
        1,
        "digest",
        r.content().digest());
  }

  /** [DD-5] Replaces the present parts; [DD-8] keeps lineage acyclic and reverse edges exact. */
  Event update(TxContext ctx, Update u, WriteSet s) throws ExecutionFailure {
    Validation.assetId(u.id());
    if (u.metadata().isPresent()) {
      Validation.metadata(u.metadata().get());
    }
    if (u.policy().isPresent()) {
      Validation.policy(u.policy().get());
    }
    if (u.derivedFrom().isPresent()) {
      Validation.derivedFrom(u.derivedFrom().get());
    }
    DataAsset a = ownedActive(ctx, u.id(), s);
    if (u.delegates().isPresent()) {
      Validation.delegates(u.delegates().get(), a.owner());
      requireLiveDelegates(s, u.delegates().get());
    }
    TreeSet<String> removed = new TreeSet<>();
    TreeSet<String> added = new TreeSet<>();
    if (u.derivedFrom().isPresent()) {
      List<String> parents = u.derivedFrom().get();
      requireParents(s, parents);
      removed.addAll(a.derivedFrom());
      parents.forEach(removed::remove);
      added.addAll(parents);
      a.derivedFrom().forEach(added::remove);
      Lineage.requireAcyclic(s, a.id(), added);
      Lineage.requireRoomIn(s, added);
    }

    put(
        s,
        new DataAsset(
            a.id(),
            a.owner(),
            u.metadata().orElse(a.metadata()),
            u.policy().orElse(a.policy()),
            u.delegates().orElse(a.delegates()),
            u.derivedFrom().orElse(a.derivedFrom()),
            a.versions(),
            a.status(),
            a.retiredReason(),
            a.createdHeight(),
            a.createdMillis(),
            ctx.block().height(),
            ctx.block().timestampMillis()));
    for (String p : removed) {
      Lineage.removeEdge(s, p, a.id());
    }
    for (String p : added) {
      Lineage.addEdge(s, p, a.id());
    }
    return DatadirEvents.of("Updated", "asset", a.id(), "fields", fieldNames(u));
  }

  /** [DD-6] Appends version n+1. */
  Event newVersion(TxContext ctx, NewVersion v, WriteSet s) throws ExecutionFailure {
    Validation.assetId(v.id());
    Validation.content(v.content());
    DataAsset a = ownedActive(ctx, v.id(), s);
    if (a.versions() >= DatadirLimits.MAX_VERSIONS) {
      throw Validation.limit(a.id() + " has " + DatadirLimits.MAX_VERSIONS + " versions");
    }
    int n = a.versions() + 1;
    long h = ctx.block().height();
    long t = ctx.block().timestampMillis();
    putVersion(s, a.id(), new AssetVersion(n, v.content(), h, t));
    put(s, withStatus(a, n, a.status(), a.retiredReason(), h, t));
    return DatadirEvents.of(
        "Versioned", "asset", a.id(), "version", n, "digest", v.content().digest());
  }

  /** [DD-7] Retirement is final. */
  Event retire(TxContext ctx, Retire r, WriteSet s) throws ExecutionFailure {
    Validation.assetId(r.id());
    Validation.text("reason", r.reason(), 0, DatadirLimits.MAX_REASON_BYTES);
    DataAsset a = ownedActive(ctx, r.id(), s);
    long h = ctx.block().height();
    long t = ctx.block().timestampMillis();
    put(s, withStatus(a, a.versions(), DataAsset.Status.RETIRED, r.reason(), h, t));
    Bytes offer = WriteSet.key(Datadir.transferKey(a.id()));
    if (s.get(offer).isPresent()) {
      s.delete(offer); // a pending offer ends with the asset
    }
    AuditLog.append(
        ctx,
        s,
        new AuditLog.Fact(
            AuditEntry.Type.RETIRED, a.id(), a.owner(), "", 0, 0, a.versions(), r.reason()),
        a.id(),
        "",
        a.owner());
    return DatadirEvents.of("Retired", "asset", a.id(), "reason", r.reason());
  }

  /** [DD-22] Records, replaces or (to = "") withdraws the one pending offer of an asset. */
  Event offerTransfer(TxContext ctx, OfferTransfer o, WriteSet s) throws ExecutionFailure {
    Validation.assetId(o.id());
    if (!o.to().isEmpty()) {
      Validation.did("to", o.to());
    }
    DataAsset a = ownedActive(ctx, o.id(), s);
    String key = Datadir.transferKey(a.id());
    if (o.to().isEmpty()) {
      if (s.get(WriteSet.key(key)).isEmpty()) {
        throw new ExecutionFailure(
            DatadirErrors.NOT_FOUND, "no transfer of " + a.id() + " is offered");
      }
      s.delete(WriteSet.key(key));
      return DatadirEvents.of("TransferOffered", "asset", a.id(), "to", "");
    }
    if (o.to().equals(a.owner())) {
      throw new ExecutionFailure(DatadirErrors.INVALID, o.to() + " already owns " + a.id());
    }
    if (Authority.live(s, o.to()).isEmpty()) {
      throw new ExecutionFailure(
          DatadirErrors.NOT_FOUND, o.to() + " does not exist or is deactivated");
    }
    TransferOffer offer =
        new TransferOffer(
            a.id(), a.owner(), o.to(), ctx.block().height(), ctx.block().timestampMillis());
    s.put(key, Bytes.wrap(DatadirCodec.encode(offer)));
    return DatadirEvents.of("TransferOffered", "asset", a.id(), "to", o.to());
  }

  /** [DD-22] The DID the offer names takes the asset over; the old owner's delegates go. */
  Event acceptTransfer(TxContext ctx, AcceptTransfer t, WriteSet s) throws ExecutionFailure {
    Validation.assetId(t.id());
    Validation.did("as", t.as());
    DataAsset a = require(s, t.id());
    TransferOffer offer =
        Datadir.transferOffer(s, a.id())
            .orElseThrow(
                () ->
                    new ExecutionFailure(
                        DatadirErrors.NOT_FOUND, "no transfer of " + a.id() + " is offered"));
    if (!offer.to().equals(t.as()) || !offer.from().equals(a.owner())) {
      throw new ExecutionFailure(
          DatadirErrors.NOT_OWNER, a.id() + " is offered to " + offer.to() + ", not " + t.as());
    }
    authority.requireActs(s, t.as(), ctx.sender());
    if (a.retired()) {
      throw new ExecutionFailure(DatadirErrors.RETIRED, a.id() + " is retired");
    }
    Authority.requireLiveOwner(s, a); // nobody acts for a deactivated owner, its offer neither
    long h = ctx.block().height();
    long ms = ctx.block().timestampMillis();
    put(
        s,
        new DataAsset(
            a.id(),
            t.as(),
            a.metadata(),
            a.policy(),
            List.of(),
            a.derivedFrom(),
            a.versions(),
            a.status(),
            a.retiredReason(),
            a.createdHeight(),
            a.createdMillis(),
            h,
            ms));
    s.delete(WriteSet.key(Datadir.transferKey(a.id())));
    StateLists.append(s, Datadir.ownedKey(Datadir.didId(t.as())), StateLists.text(a.id()));
    AuditLog.append(
        ctx,
        s,
        new AuditLog.Fact(
            AuditEntry.Type.TRANSFERRED, a.id(), t.as(), a.owner(), 0, 0, a.versions(), ""),
        a.id(),
        "",
        List.of(a.owner(), t.as()));
    return DatadirEvents.of("Transferred", "asset", a.id(), "from", a.owner(), "to", t.as());
  }

  /** The asset, if it exists, the sender acts as its owner and it is not retired. */
  private DataAsset ownedActive(TxContext ctx, String id, StateReader s) throws ExecutionFailure {
    DataAsset a = require(s, id);
    authority.requireOwner(s, a, ctx.sender());
    if (a.retired()) {
      throw new ExecutionFailure(DatadirErrors.RETIRED, id + " is retired");
    }
    return a;
  }

  static DataAsset require(StateReader s, String id) throws ExecutionFailure {
    return Datadir.asset(s, id)
        .orElseThrow(() -> new ExecutionFailure(DatadirErrors.NOT_FOUND, "no asset " + id));
  }

  private static void requireLiveDelegates(StateReader s, List<String> delegates)
      throws ExecutionFailure {
    for (String d : delegates) {
      if (Authority.live(s, d).isEmpty()) {
        throw new ExecutionFailure(
            DatadirErrors.NOT_FOUND, "delegate " + d + " does not exist or is deactivated");
      }
    }
  }

  private static void requireParents(StateReader s, List<String> parents) throws ExecutionFailure {
    for (String p : parents) {
      if (s.get(WriteSet.key(Datadir.assetKey(p))).isEmpty()) {
        throw new ExecutionFailure(DatadirErrors.NOT_FOUND, "no asset " + p + " to derive from");
      }
    }
  }

  private static DataAsset withStatus(
      DataAsset a, int versions, DataAsset.Status status, String reason, long h, long t) {
    return new DataAsset(
        a.id(),
        a.owner(),
        a.metadata(),
        a.policy(),
        a.delegates(),
        a.derivedFrom(),
        versions,
        status,
        reason,
        a.createdHeight(),
        a.createdMillis(),
        h,
        t);
  }

  private static String fieldNames(Update u) {
    List<String> names = new ArrayList<>();
    u.metadata().ifPresent(x -> names.add("metadata"));
    u.policy().ifPresent(x -> names.add("policy"));
    u.delegates().ifPresent(x -> names.add("delegates"));
    u.derivedFrom().ifPresent(x -> names.add("derivedFrom"));
    return String.join(",", names);
  }

  static void put(WriteSet s, DataAsset a) {
    s.put(Datadir.assetKey(a.id()), Bytes.wrap(DatadirCodec.encode(a)));
  }

  private static void putVersion(WriteSet s, String id, AssetVersion v) {
    s.put(Datadir.versionKey(id, v.number()), Bytes.wrap(DatadirCodec.encode(v)));
  }
}
