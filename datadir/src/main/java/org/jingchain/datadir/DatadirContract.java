package org.jingchain.datadir;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jingchain.codec.DecodeException;
import org.jingchain.datadir.DatadirCalls.AcceptTransfer;
import org.jingchain.datadir.DatadirCalls.Args;
import org.jingchain.datadir.DatadirCalls.Consent;
import org.jingchain.datadir.DatadirCalls.GrantAccess;
import org.jingchain.datadir.DatadirCalls.NewVersion;
import org.jingchain.datadir.DatadirCalls.OfferTransfer;
import org.jingchain.datadir.DatadirCalls.RecordAccess;
import org.jingchain.datadir.DatadirCalls.Refuse;
import org.jingchain.datadir.DatadirCalls.Register;
import org.jingchain.datadir.DatadirCalls.Request;
import org.jingchain.datadir.DatadirCalls.Retire;
import org.jingchain.datadir.DatadirCalls.Revoke;
import org.jingchain.datadir.DatadirCalls.Update;
import org.jingchain.execution.ExecutionFailure;
import org.jingchain.execution.SystemContract;
import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;
import org.jingchain.types.Event;
import org.jingchain.types.HashFunction;
import org.jingchain.types.Limits;
import org.jingchain.types.SuiteId;

/**
 * The data directory contract {@code datadir} (docs/spec/datadir.md): data assets, access requests
 * and grants, consent, the audit trail and lineage, each write acting as a DID through the
 * transaction's sender [DD-2]. Deterministic: block time, sorted collections, no clock.
 */
public final class DatadirContract implements SystemContract {
  public static final String NAME = DatadirCalls.CONTRACT;

  private final AssetMethods assets;
  private final AccessMethods access;

  /**
   * @param suite the chain's crypto suite: which DID keys can be transaction senders
   * @param hash the chain's hash function, which derives addresses from keys
   */
  public DatadirContract(SuiteId suite, HashFunction hash) {
    Authority authority = new Authority(suite, hash);
    this.assets = new AssetMethods(authority);
    this.access = new AccessMethods(authority);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Event> call(TxContext ctx, String method, Bytes args, WriteSet state)
      throws ExecutionFailure {
    Args decoded;
    try {
      decoded = DatadirCalls.decode(method, args.unsafeArray());
    } catch (DecodeException e) {
      throw failure(DatadirErrors.INVALID, "malformed " + method + " arguments: " + e.getMessage());
    }
    try {
      Event event =
          switch (decoded) {
            case Register r -> assets.register(ctx, r, state);
            case Update u -> assets.update(ctx, u, state);
            case NewVersion v -> assets.newVersion(ctx, v, state);
            case Retire r -> assets.retire(ctx, r, state);
            case OfferTransfer o -> assets.offerTransfer(ctx, o, state);
            case AcceptTransfer a -> assets.acceptTransfer(ctx, a, state);
            case Request r -> access.request(ctx, r, state);
            case GrantAccess g -> access.grant(ctx, g, state);
            case Refuse f -> access.refuse(ctx, f, state);
            case Revoke v -> access.revoke(ctx, v, state);
            case Consent c -> access.consent(ctx, c, state);
            case RecordAccess r -> access.recordAccess(ctx, r, state);
          };
      return List.of(event);
    } catch (ExecutionFailure f) {
      throw failure(f.code(), f.getMessage());
    }
  }

  /** A failure whose message fits a receipt. */
  private static ExecutionFailure failure(String code, String message) {
    byte[] b = message.getBytes(StandardCharsets.UTF_8);
    int max = Limits.MAX_RECEIPT_MESSAGE_BYTES - 4;
    if (b.length <= Limits.MAX_RECEIPT_MESSAGE_BYTES) {
      return new ExecutionFailure(code, message);
    }
    int n = max;
    while (n > 0 && (b[n] & 0xC0) == 0x80) {
      n--; // do not cut a UTF-8 sequence
    }
    return new ExecutionFailure(code, new String(b, 0, n, StandardCharsets.UTF_8) + "…");
  }
}
