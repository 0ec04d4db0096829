package org.jingchain.consensus;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.codec.Canonical;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.consensus.ConsensusMessage.Proposal;
import org.jingchain.consensus.ConsensusMessage.SyncRequest;
import org.jingchain.consensus.ConsensusMessage.SyncResponse;
import org.jingchain.consensus.ConsensusMessage.Timeout;
import org.jingchain.consensus.ConsensusMessage.Vote;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Limits;

/**
 * Strict canonical encoding of consensus messages and certificates. Decoding untrusted bytes throws
 * only {@link DecodeException}.
 */
public final class MessageCodec {
  public static final int KIND_PROPOSAL = 0x01;
  public static final int KIND_VOTE = 0x02;
  public static final int KIND_TIMEOUT = 0x03;
  public static final int KIND_SYNC_REQUEST = 0x04;
  public static final int KIND_SYNC_RESPONSE = 0x05;

  /** Most blocks in one sync response. */
  public static final int MAX_SYNC_BLOCKS = 256;

  /** Largest encoded block accepted inside a message. */
  public static final int MAX_BLOCK_BYTES = 16 * 1024 * 1024;

  private MessageCodec() {}

  public static byte[] encode(ConsensusMessage m) {
    Encoder e = new Encoder(256);
    switch (m) {
      case Proposal p -> {
        e.u8(KIND_PROPOSAL).bytes(Canonical.encode(p.block()));
        writeQc(e, p.justify());
        writeOptionalTc(e, p.tc());
        e.u32(p.proposer()).bytes(p.signature());
      }
      case Vote v -> {
        e.u8(KIND_VOTE);
        writeVoteData(e, v.data());
        e.u32(v.voter()).bytes(v.signature());
      }
      case Timeout t -> {
        e.u8(KIND_TIMEOUT).u64(t.round());
        writeQc(e, t.highQc());
        writeOptionalTc(e, t.lastTc());
        e.u32(t.sender()).bytes(t.signature());
      }
      case SyncRequest r ->
          e.u8(KIND_SYNC_REQUEST).u64(r.fromHeight()).u32(r.maxBlocks()).hash(r.target());
      case SyncResponse r -> {
        e.u8(KIND_SYNC_RESPONSE).u32(r.blocks().size());
        for (ProposedBlock b : r.blocks()) {
          e.bytes(Canonical.encode(b.block()));
          writeQc(e, b.justify());
        }
        e.bool(r.highQc() != null);
        if (r.highQc() != null) {
          writeQc(e, r.highQc());
        }
        e.bool(r.epochEnd() != null);
        if (r.epochEnd() != null) {
          writeCommitProof(e, r.epochEnd(), true);
        }
      }
    }
    return e.toByteArray();
  }

  public static ConsensusMessage decode(byte[] in) {
    Decoder d = new Decoder(in);
    int kind = d.u8("message kind");
    ConsensusMessage m =
        switch (kind) {
          case KIND_PROPOSAL -> readProposal(d);
          case KIND_VOTE -> new Vote(readVoteData(d), index(d), sig(d));
          case KIND_TIMEOUT ->
              new Timeout(d.u64("round"), readQc(d), readOptionalTc(d), index(d), sig(d));
          case KIND_SYNC_REQUEST ->
              new SyncRequest(
                  d.u64("fromHeight"), d.count("maxBlocks", MAX_SYNC_BLOCKS), d.hash("target"));
          case KIND_SYNC_RESPONSE -> readSyncResponse(d);
          default ->
              throw new DecodeException(
                  "unknown consensus message kind 0x" + Integer.toHexString(kind));
        };
    d.finish("consensus message");
    return m;
  }

  public static byte[] encode(QuorumCert qc) {
    Encoder e = new Encoder(256);
    writeQc(e, qc);
    return e.toByteArray();
  }

  public static QuorumCert decodeQc(byte[] in) {
    Decoder d = new Decoder(in);
    QuorumCert qc = readQc(d);
    d.finish("quorum certificate");
    return qc;
  }

  /** Encodes a safety record for the validator's own disk. */
  public static byte[] encode(SafetyRecord r) {
    Encoder e = new Encoder(512).u8(0x30).u64(r.highestVotedRound()).u64(r.highestQcRound());
    writeQc(e, r.highQc());
    writeOptionalTc(e, r.lastTc());
    return e.toByteArray();
  }

  public static SafetyRecord decodeSafetyRecord(byte[] in) {
    Decoder d = new Decoder(in);
    if (d.u8("safety record tag") != 0x30) {
      throw new DecodeException("not a safety record");
    }
    SafetyRecord r =
        new SafetyRecord(
            d.u64("highestVotedRound"), d.u64("highestQcRound"), readQc(d), readOptionalTc(d));
    d.finish("safety record");
    return r;
  }

  /**
   * Encodes a commit proof: the child's header and the QC, then, only when there are headers above
   * the child [GOV-8], their count (1..{@link CommitProof#MAX_ABOVE}) and each header. A direct
   * proof therefore encodes exactly as before epochs existed.
   */
  public static byte[] encode(CommitProof p) {
    Encoder e = new Encoder(512);
    writeCommitProof(e, p, false);
    return e.toByteArray();
  }

  public static CommitProof decodeCommitProof(byte[] in) {
    Decoder d = new Decoder(in);
    CommitProof p = readCommitProof(d, false);
    d.finish("commit proof");
    return p;
  }

  /**
   * Inside a message ({@code counted}) the headers above the child always have their count, 0 or
   * more, so no prefix of a message is another valid message; on its own a proof omits an empty
   * list (a truncated indirect proof then decodes as a direct one that fails its checks).
   */
  private static void writeCommitProof(Encoder e, CommitProof p, boolean counted) {
    e.bytes(Canonical.encode(p.childHeader()));
    writeQc(e, p.childQc());
    if (counted || !p.above().isEmpty()) {
      e.u32(p.above().size());
      for (var h : p.above()) {
        e.bytes(Canonical.encode(h));
      }
    }
  }

  /** Reads a commit proof; one not {@code counted} runs to the end of the input. */
  private static CommitProof readCommitProof(Decoder d, boolean counted) {
    var child = Canonical.decodeHeader(d.bytes("child header", 4096));
    QuorumCert qc = readQc(d);
    List<org.jingchain.types.BlockHeader> above = new ArrayList<>();
    if (counted || d.remaining() > 0) {
      int n = d.count("headers above the child", CommitProof.MAX_ABOVE);
      if (n == 0 && !counted) {
        throw new DecodeException(
            "an empty list of headers above the child is encoded by omission");
      }
      for (int i = 0; i < n; i++) {
        above.add(Canonical.decodeHeader(d.bytes("header above the child", 4096)));
      }
    }
    return new CommitProof(child, qc, above);
  }

  /** Encodes a block with its justify (pending blocks on disk, sync answers). */
  public static byte[] encode(ProposedBlock b) {
    Encoder e = new Encoder(1024).bytes(Canonical.encode(b.block()));
    writeQc(e, b.justify());
    return e.toByteArray();
  }

  public static ProposedBlock decodeProposedBlock(byte[] in) {
    Decoder d = new Decoder(in);
    ProposedBlock b = new ProposedBlock(readBlock(d), readQc(d));
    d.finish("proposed block");
    return b;
  }

  private static Proposal readProposal(Decoder d) {
    Block block = readBlock(d);
    QuorumCert justify = readQc(d);
    TimeoutCert tc = readOptionalTc(d);
    return new Proposal(new ProposedBlock(block, justify), tc, index(d), sig(d));
  }

  private static SyncResponse readSyncResponse(Decoder d) {
    int n = d.count("sync blocks", MAX_SYNC_BLOCKS);
    List<ProposedBlock> blocks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Block b = readBlock(d);
      blocks.add(new ProposedBlock(b, readQc(d)));
    }
    QuorumCert high = d.bool("hasHighQc") ? readQc(d) : null;
    CommitProof epochEnd = d.bool("hasEpochEnd") ? readCommitProof(d, true) : null;
    return new SyncResponse(blocks, high, epochEnd);
  }

  private static Block readBlock(Decoder d) {
    return Canonical.decodeBlock(d.bytes("block", MAX_BLOCK_BYTES));
  }

  private static void writeVoteData(Encoder e, VoteData v) {
    e.string(v.chainId()).u64(v.round()).u64(v.height()).hash(v.blockHash());
  }

  private static VoteData readVoteData(Decoder d) {
    return new VoteData(
        d.string("chainId", Limits.MAX_CHAIN_ID_BYTES),
        d.u64("round"),
        d.u64("height"),
        d.hash("blockHash"));
  }

  private static void writeQc(Encoder e, QuorumCert qc) {
    writeVoteData(e, qc.data());
    e.u32(qc.signatures().size());
    for (IndexedSignature s : qc.signatures()) {
      e.u32(s.index()).bytes(s.signature());
    }
  }

  private static QuorumCert readQc(Decoder d) {
    VoteData data = readVoteData(d);
    int n = d.count("qc signatures", ValidatorSet.MAX_VALIDATORS);
    List<IndexedSignature> sigs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sigs.add(new IndexedSignature(index(d), sig(d)));
    }
    return new QuorumCert(data, sigs);
  }

  private static void writeOptionalTc(Encoder e, TimeoutCert tc) {
    e.bool(tc != null);
    if (tc != null) {
      e.string(tc.chainId()).u64(tc.round()).u32(tc.signatures().size());
      for (TimeoutSignature s : tc.signatures()) {
        e.u32(s.index()).u64(s.highQcRound()).bytes(s.signature());
      }
    }
  }

  private static TimeoutCert readOptionalTc(Decoder d) {
    if (!d.bool("hasTc")) {
      return null;
    }
    String chainId = d.string("chainId", Limits.MAX_CHAIN_ID_BYTES);
    long round = d.u64("round");
    int n = d.count("tc signatures", ValidatorSet.MAX_VALIDATORS);
    List<TimeoutSignature> sigs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      sigs.add(new TimeoutSignature(index(d), d.u64("highQcRound"), sig(d)));
    }
    return new TimeoutCert(chainId, round, sigs);
  }

  private static int index(Decoder d) {
    return d.count("validator index", ValidatorSet.MAX_VALIDATORS - 1);
  }

  private static Bytes sig(Decoder d) {
    return d.bytesValue("signature", Limits.MAX_SIGNATURE_BYTES);
  }
}
