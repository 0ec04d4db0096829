package org.jingchain.datadir;

import org.jingchain.execution.TxContext;
import org.jingchain.execution.WriteSet;
import org.jingchain.types.Bytes;

/**
 * Appends to the audit log and its indexes [DD-16]: the entry once under {@code datadir/log}, a
 * pointer to it in each index it concerns. Append-only: nothing here rewrites or removes.
 */
final class AuditLog {
  private AuditLog() {}

  /** What an entry says, before it has a number. */
  record Fact(
      AuditEntry.Type type,
      String assetId,
      String actor,
      String subject,
      long requestId,
      long grantId,
      int version,
      String detail) {}

  /**
   * Appends {@code fact}, indexed under {@code assetId} (if not empty), the DID {@code requester}
   * (if not empty) and the DID {@code owner}.
   *
   * @return the entry's number in the global log
   */
  static long append(
      TxContext ctx, WriteSet s, Fact fact, String assetIndex, String requester, String owner) {
    return append(ctx, s, fact, assetIndex, requester, java.util.List.of(owner));
  }

  /** As above, indexed under each of {@code owners} (a transfer: the old and the new owner). */
  static long append(
      TxContext ctx,
      WriteSet s,
      Fact fact,
      String assetIndex,
      String requester,
      java.util.List<String> owners) {
    AuditEntry entry =
        new AuditEntry(
            0,
            fact.type(),
            fact.assetId(),
            fact.actor(),
            fact.subject(),
            fact.requestId(),
            fact.grantId(),
            fact.version(),
            fact.detail(),
            ctx.block().height(),
            ctx.block().timestampMillis(),
            ctx.txHash());
    long seq = StateLists.append(s, Datadir.LOG, Bytes.wrap(DatadirCodec.encode(entry)));
    Bytes pointer = DatadirCodec.u64(seq);
    if (!assetIndex.isEmpty()) {
      StateLists.append(s, Datadir.auditKey(Datadir.AuditIndex.ASSET, assetIndex), pointer);
    }
    if (!requester.isEmpty()) {
      StateLists.append(
          s, Datadir.auditKey(Datadir.AuditIndex.REQUESTER, Datadir.didId(requester)), pointer);
    }
    for (String owner : owners) {
      StateLists.append(
          s, Datadir.auditKey(Datadir.AuditIndex.OWNER, Datadir.didId(owner)), pointer);
    }
    return seq;
  }
}
