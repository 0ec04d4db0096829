package org.jingchain.node.consensus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Decoder;
import org.jingchain.codec.Encoder;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Epoch;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.consensus.ProposedBlock;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.SafetyRecord;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;

/**
 * The consensus records a node keeps in its store's consensus family, and their key schema
 * (docs/spec/consensus.md, Persistence): the safety record of each epoch, blocks stored before a
 * vote, the justify of each committed height, the tip QC, commit proofs, the current epoch, the
 * blocks that ended epochs and the validator-set proofs after them, and evidence of equivocation.
 */
public final class ConsensusRecords {
  private static final Bytes SAFETY = key("safety");
  private static final Bytes TIP_QC = key("tipqc");
  private static final Bytes EPOCH = key("epoch");
  private static final String PENDING = "pending/";
  private static final String JUSTIFY = "justify/";
  private static final String PROOF = "proof/";
  private static final String EPOCH_END = "epochend/";
  private static final String EPOCH_STATE = "epochstate/";
  private static final String EVIDENCE = "evidence/";

  private final ChainStore store;

  public ConsensusRecords(ChainStore store) {
    this.store = store;
  }

  // ---- epochs

  /** The epoch this node last entered, if it left the first one. */
  public Optional<Epoch> epoch() {
    return store.consensusRecord(EPOCH).map(ConsensusRecords::decodeEpoch);
  }

  /**
   * Records written with the commit of an epoch's last block: the next epoch, and the proof the
   * block committed under the old one (for sync answers and light clients).
   */
  public SortedMap<Bytes, Optional<Bytes>> epochRecords(
      Epoch next, long lastHeight, CommitProof proof) {
    SortedMap<Bytes, Optional<Bytes>> m = new TreeMap<>();
    m.put(EPOCH, Optional.of(Bytes.wrap(encodeEpoch(next))));
    m.put(key(EPOCH_END, lastHeight), Optional.of(Bytes.wrap(MessageCodec.encode(proof))));
    return m;
  }

  public Optional<CommitProof> epochEndProof(long height) {
    return store.consensusRecord(key(EPOCH_END, height)).map(MessageCodec::decodeCommitProof);
  }

  /** The heights of the blocks that ended an epoch, lowest first, at most {@code max}. */
  public List<Long> epochEnds(int max) {
    List<Long> out = new ArrayList<>();
    for (var e : store.scanConsensus(key(EPOCH_END), max)) {
      byte[] k = e.getKey().unsafeArray();
      out.add(ByteBuffer.wrap(k, k.length - 8, 8).getLong());
    }
    return out;
  }

  /** The validator-set value after an epoch's last block, with its Merkle proof. */
  public record EpochState(Bytes value, byte[] proof) {}

  public void storeEpochState(long lastHeight, EpochState state) {
    Encoder e =
        new Encoder(state.value().length() + state.proof().length + 16)
            .bytes(state.value())
            .bytes(state.proof());
    write(key(EPOCH_STATE, lastHeight), Bytes.wrap(e.toByteArray()));
  }

  public Optional<EpochState> epochState(long lastHeight) {
    return store
        .consensusRecord(key(EPOCH_STATE, lastHeight))
        .map(
            b -> {
              Decoder d = new Decoder(b);
              EpochState s =
                  new EpochState(d.bytesValue("value", 1 << 20), d.bytes("proof", 1 << 20));
              d.finish("epoch state");
              return s;
            });
  }

  private static byte[] encodeEpoch(Epoch e) {
    return new Encoder(64)
        .u8(1)
        .u64(e.number())
        .hash(e.rootHash())
        .u64(e.rootHeight())
        .u64(e.rootRound())
        .toByteArray();
  }

  private static Epoch decodeEpoch(byte[] b) {
    Decoder d = new Decoder(b);
    if (d.u8("epoch record version") != 1) {
      throw new DecodeException("unknown epoch record version");
    }
    Epoch e = new Epoch(d.u64("epoch"), d.hash("root"), d.u64("root height"), d.u64("root round"));
    d.finish("epoch record");
    return e;
  }

  // ---- safety

  /** This epoch's safety record, or null before its first vote. */
  public SafetyRecord safetyRecord(long epoch) {
    return store
        .consensusRecord(safetyKey(epoch))
        .map(MessageCodec::decodeSafetyRecord)
        .orElse(null);
  }

  public void persistSafety(long epoch, SafetyRecord r) {
    write(safetyKey(epoch), Bytes.wrap(MessageCodec.encode(r)));
  }

  /**
   * Every epoch's safety record as stored (key and bytes): what a restore carries over from the
   * database it replaces, so a restored validator never signs again in a round it signed since the
   * backup ([CONS-SAFETY-3]).
   */
  public SortedMap<Bytes, Optional<Bytes>> safetyRecords() {
    SortedMap<Bytes, Optional<Bytes>> out = new TreeMap<>();
    for (var e : store.scanConsensus(SAFETY, 100_000)) {
      Bytes k = e.getKey();
      if (k.equals(SAFETY) || k.toHex().startsWith(key("safety/").toHex())) {
        out.put(k, Optional.of(Bytes.wrap(e.getValue())));
      }
    }
    return out;
  }

  /** Writes records as {@link #safetyRecords} returned them. */
  public void writeSafetyRecords(SortedMap<Bytes, Optional<Bytes>> records) {
    store.writeConsensus(records);
  }

  private static Bytes safetyKey(long epoch) {
    return epoch == 0 ? SAFETY : key("safety/", epoch);
  }

  // ---- blocks

  public void storePending(ProposedBlock b, Hash hash) {
    write(key(PENDING, hash), Bytes.wrap(MessageCodec.encode(b)));
  }

  /** The stored uncommitted blocks; one that does not decode is skipped (sync refills it). */
  public List<ProposedBlock> storedPendingBlocks() {
    List<ProposedBlock> out = new ArrayList<>();
    for (var e : store.scanConsensus(key(PENDING), 100_000)) {
      try {
        out.add(MessageCodec.decodeProposedBlock(e.getValue()));
      } catch (DecodeException ignored) {
        // a record this node wrote cannot be malformed unless the disk is
      }
    }
    return out;
  }

  /** Forgets stored blocks of abandoned forks. */
  public void discardPending(List<Hash> hashes) {
    if (hashes.isEmpty()) {
      return;
    }
    SortedMap<Bytes, Optional<Bytes>> m = new TreeMap<>();
    for (Hash h : hashes) {
      m.put(key(PENDING, h), Optional.empty());
    }
    store.writeConsensus(m);
  }

  /**
   * Records written in the batch of a committed block: its justify, it leaves "pending", and for
   * the last block of a commit the tip QC and the commit proof.
   */
  public SortedMap<Bytes, Optional<Bytes>> commitRecords(
      ProposedBlock b, Hash hash, QuorumCert tipQc, CommitProof proof) {
    SortedMap<Bytes, Optional<Bytes>> m = new TreeMap<>();
    long h = b.block().height();
    m.put(key(JUSTIFY, h), Optional.of(Bytes.wrap(MessageCodec.encode(b.justify()))));
    m.put(key(PENDING, hash), Optional.empty());
    if (tipQc != null) {
      m.put(TIP_QC, Optional.of(Bytes.wrap(MessageCodec.encode(tipQc))));
      m.put(key(PROOF, h), Optional.of(Bytes.wrap(MessageCodec.encode(proof))));
    }
    return m;
  }

  public Optional<QuorumCert> tipQc() {
    return store.consensusRecord(TIP_QC).map(MessageCodec::decodeQc);
  }

  /** The QC a committed block at {@code height} carried (its parent's certificate). */
  public Optional<QuorumCert> justify(long height) {
    return store.consensusRecord(key(JUSTIFY, height)).map(MessageCodec::decodeQc);
  }

  /** The proof that {@code height} is committed, when it was the last block of a commit. */
  public Optional<CommitProof> commitProof(long height) {
    return store.consensusRecord(key(PROOF, height)).map(MessageCodec::decodeCommitProof);
  }

  // ---- evidence

  /**
   * Keeps evidence of equivocation [CONS-SAFETY-6]: both signed messages, under {@code
   * evidence/<kind>/<validator>/<first message hash>}, so it survives restarts and can be handed to
   * governance.
   */
  public void recordEvidence(
      String kind,
      int validator,
      ConsensusMessage first,
      ConsensusMessage second,
      HashFunction hash) {
    byte[] a = MessageCodec.encode(first);
    byte[] b = MessageCodec.encode(second);
    Encoder e = new Encoder(a.length + b.length + 16).bytes(a).bytes(b);
    write(key(EVIDENCE + kind + "/" + validator + "/", hash.hash(a)), Bytes.wrap(e.toByteArray()));
  }

  /** How many pieces of evidence are stored. */
  public int evidenceCount() {
    return store.scanConsensus(key(EVIDENCE), 100_000).size();
  }

  private void write(Bytes k, Bytes v) {
    SortedMap<Bytes, Optional<Bytes>> m = new TreeMap<>();
    m.put(k, Optional.of(v));
    store.writeConsensus(m);
  }

  private static Bytes key(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Bytes key(String prefix, Hash h) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(
        ByteBuffer.allocate(p.length + Hash.LENGTH).put(p).put(h.unsafeArray()).array());
  }

  private static Bytes key(String prefix, long height) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(p.length + 8).put(p).putLong(height).array());
  }
}
