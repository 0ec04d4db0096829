package org.jingchain.sdk;

import java.util.List;
import org.jingchain.light.CommittedHeader;
import org.jingchain.sdk.model.Block;
import org.jingchain.types.Hash;

/**
 * A block checked against validators the caller trusts ({@link JingClient#verifiedBlock}): its
 * header is committed by their certificate, its transactions, each hashed here from its contents,
 * make the header's transaction root, and its receipts, rebuilt here, make the results root its
 * certified child carries ([LC-4]).
 *
 * @param block the block as the node sent it
 * @param committed the header, proven committed
 * @param txHashes each transaction's hash as computed here, in block order
 */
public record VerifiedBlock(Block block, CommittedHeader committed, List<Hash> txHashes) {
  public VerifiedBlock {
    txHashes = List.copyOf(txHashes);
  }
}
