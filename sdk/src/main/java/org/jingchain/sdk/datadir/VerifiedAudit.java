package org.jingchain.sdk.datadir;

import java.util.NoSuchElementException;
import java.util.Objects;
import org.jingchain.datadir.AuditPage;
import org.jingchain.datadir.Datadir;

/**
 * A page of an audit index read entirely through certified state [DD-16]: the index's count, each
 * index slot and each entry it points to are read with a Merkle proof against one state root the
 * validators certified. So no entry of the page can be altered, and none can be left out: the count
 * is proven, and so is every slot below it.
 *
 * @param page the entries {@code from .. from+limit-1} and the index's total
 * @param height the certified block whose state was read
 * @param timeMillis that block's time
 */
public record VerifiedAudit(AuditPage page, long height, long timeMillis) {
  public VerifiedAudit {
    Objects.requireNonNull(page, "page");
  }

  /**
   * Reads the page through {@code chain}, every read at one certified height.
   *
   * @param key an asset id for {@link Datadir.AuditIndex#ASSET}, else a {@code did:jing}
   * @throws ChainUnavailableException when a read cannot be had or its proof does not check (code
   *     {@code PROOF_INVALID}), or the proven state is not a consistent index
   * @throws IllegalArgumentException for a key that is not a DID where one is needed, or a page
   *     outside 0..1000 entries
   */
  public static VerifiedAudit read(
      CertifiedReads chain, Datadir.AuditIndex index, String key, long from, int limit)
      throws ChainUnavailableException {
    ChainSnapshot s = chain.snapshot().memoized();
    try {
      return new VerifiedAudit(
          Datadir.audit(s.state(), index, key, from, limit), s.height(), s.timeMillis());
    } catch (ChainSnapshot.ReadFailed e) {
      throw new ChainUnavailableException("PROOF_INVALID", e.getMessage(), e);
    } catch (NoSuchElementException e) {
      throw new ChainUnavailableException(
          "PROOF_INVALID",
          "the certified state at height " + s.height() + " has a gap in audit index " + key,
          e);
    }
  }
}
