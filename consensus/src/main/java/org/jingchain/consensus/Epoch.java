package org.jingchain.consensus;

import java.util.Objects;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Hash;

/**
 * An epoch: a stretch of the chain with one validator set [GOV-8]. Epoch 0 starts at genesis; each
 * later epoch starts at the committed block whose execution changed the validator set (its root),
 * with rounds continuing above the root's round.
 *
 * @param number 0 for the genesis epoch, then one more per change
 * @param rootHash the block the epoch extends
 * @param rootHeight that block's height
 * @param rootRound that block's round
 */
public record Epoch(long number, Hash rootHash, long rootHeight, long rootRound) {
  public Epoch {
    Objects.requireNonNull(rootHash, "rootHash");
    if (number < 0 || rootHeight < 0 || rootRound < 0) {
      throw new IllegalArgumentException("negative epoch number, height or round");
    }
  }

  public static Epoch genesis(Hash genesisHash) {
    return new Epoch(0, genesisHash, 0, 0);
  }

  /** The epoch after this one, rooted at {@code root}. */
  public Epoch next(Hash rootHash, long rootHeight, long rootRound) {
    return new Epoch(number + 1, rootHash, rootHeight, rootRound);
  }

  /**
   * Starts signing bytes: epoch 0 keeps the original layout (tag, chain id); a later epoch uses its
   * own tag and adds the epoch number, so a signature of one epoch never verifies in another.
   */
  static Encoder prefix(Encoder e, int tag, int epochTag, String chainId, long epoch) {
    if (epoch == 0) {
      return e.u8(tag).string(chainId);
    }
    return e.u8(epochTag).string(chainId).u64(epoch);
  }
}
