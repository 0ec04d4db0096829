package org.jingchain.consensus;

import java.util.List;
import java.util.Objects;
import org.jingchain.codec.Encoder;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/** The messages validators exchange (wire format in docs/spec/consensus.md). */
public sealed interface ConsensusMessage {

  /** The leader's block for a round, with the QC of its parent and, after a timeout, the TC. */
  record Proposal(ProposedBlock proposed, TimeoutCert tc, int proposer, Bytes signature)
      implements ConsensusMessage {
    static final int TAG = 0x21;
    static final int TAG_EPOCH = 0x25;

    public Proposal {
      Objects.requireNonNull(proposed, "proposed");
      Objects.requireNonNull(signature, "signature");
    }

    public Block block() {
      return proposed.block();
    }

    public QuorumCert justify() {
      return proposed.justify();
    }

    public long round() {
      return proposed.block().header().round();
    }

    /** ProposalData: what the proposer signs in epoch 0. */
    public static byte[] signingBytes(String chainId, long round, Hash blockHash) {
      return signingBytes(chainId, 0, round, blockHash);
    }

    /** ProposalData in {@code epoch} (see {@link VoteData#signingBytes(long)}). */
    public static byte[] signingBytes(String chainId, long epoch, long round, Hash blockHash) {
      return Epoch.prefix(new Encoder(104), TAG, TAG_EPOCH, chainId, epoch)
          .u64(round)
          .hash(blockHash)
          .toByteArray();
    }
  }

  /** One validator's vote for a block, sent to the next round's leader. */
  record Vote(VoteData data, int voter, Bytes signature) implements ConsensusMessage {
    public Vote {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /** A validator gives up on a round; carries its high QC and the TC that led it there. */
  record Timeout(long round, QuorumCert highQc, TimeoutCert lastTc, int sender, Bytes signature)
      implements ConsensusMessage {
    public Timeout {
      Objects.requireNonNull(highQc, "highQc");
      Objects.requireNonNull(signature, "signature");
    }
  }

  /**
   * Asks a peer for the blocks from a height up to {@code target} (a certified block the asker
   * lacks), or up to the peer's high QC when it does not hold the target [CONS-LIVE-3].
   */
  record SyncRequest(long fromHeight, int maxBlocks, Hash target) implements ConsensusMessage {
    public SyncRequest {
      Objects.requireNonNull(target, "target");
    }
  }

  /**
   * Blocks in height order with their justifies, and the responder's high QC (may be null). When
   * the blocks end at the last block of an epoch, {@code epochEnd} proves that block committed
   * under the epoch's validators [GOV-8]: the blocks after it were certified by the next epoch's,
   * which the asker learns only from that block's state.
   */
  record SyncResponse(List<ProposedBlock> blocks, QuorumCert highQc, CommitProof epochEnd)
      implements ConsensusMessage {
    public SyncResponse {
      blocks = List.copyOf(blocks);
    }

    public SyncResponse(List<ProposedBlock> blocks, QuorumCert highQc) {
      this(blocks, highQc, null);
    }
  }
}
