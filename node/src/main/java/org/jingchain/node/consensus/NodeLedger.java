package org.jingchain.node.consensus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jingchain.codec.DecodeException;
import org.jingchain.codec.Encoder;
import org.jingchain.consensus.CommitProof;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.Epoch;
import org.jingchain.consensus.Ledger;
import org.jingchain.consensus.MessageCodec;
import org.jingchain.consensus.ProposedBlock;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.SafetyRecord;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.VerifyRequest;
import org.jingchain.gov.Params;
import org.jingchain.node.Chain;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Transaction;

/**
 * The consensus core's view of this node's chain: validity of proposed blocks (signatures, then
 * speculative execution in {@link Chain}), committed blocks with their certificates, and the
 * consensus records on disk (safety record, pending blocks, certificates).
 */
public final class NodeLedger implements Ledger {
  private static final Bytes SAFETY = key("safety");
  private static final Bytes TIP_QC = key("tipqc");
  private static final String PENDING = "pending/";
  private static final String JUSTIFY = "justify/";
  private static final String PROOF = "proof/";
  private static final String EPOCH_END = "epochend/";
  private static final String EPOCH_STATE = "epochstate/";
  private static final Bytes EPOCH = key("epoch");

  /** Validator sets after recent blocks, by block hash; consensus thread only. */
  private final java.util.Map<Hash, List<PublicKey>> setAfter =
      new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Hash, List<PublicKey>> e) {
          return size() > 1024;
        }
      };

  private volatile Epoch epoch;
  private volatile List<PublicKey> epochValidators;

  private final Chain chain;
  private final ChainStore store;
  private final BatchVerifier verifier;
  private final Predicate<Hash> alreadyVerified;
  private final String chainId;

  /**
   * @param alreadyVerified transactions whose signature this node checked at admission (the
   *     mempool), which need no second check
   */
  public NodeLedger(
      Chain chain, BatchVerifier verifier, Predicate<Hash> alreadyVerified, String chainId) {
    this.chain = chain;
    this.store = chain.store();
    this.verifier = verifier;
    this.alreadyVerified = alreadyVerified;
    this.chainId = chainId;
    this.epoch =
        store
            .consensusRecord(EPOCH)
            .map(NodeLedger::decodeEpoch)
            .orElse(Epoch.genesis(chain.hashOf(chain.block(0).orElseThrow().header())));
    this.epochValidators = validatorsAfterHead();
  }

  /** The epoch this node runs: the last one whose root it committed [GOV-8]. */
  public Epoch epoch() {
    return epoch;
  }

  /** The validators of {@link #epoch()}: those in the committed head's state. */
  public List<PublicKey> epochValidators() {
    return epochValidators;
  }

  /** After the commit of an epoch's last block: the next epoch is this node's. */
  public void enterEpoch(Epoch next) {
    this.epoch = next;
    this.epochValidators = validatorsAfterHead();
    setAfter.clear();
  }

  private List<PublicKey> validatorsAfterHead() {
    return keys(org.jingchain.gov.Validators.read(store::latest));
  }

  private static List<PublicKey> keys(List<org.jingchain.gov.Validators.Entry> es) {
    return es.stream().map(org.jingchain.gov.Validators.Entry::key).toList();
  }

  @Override
  public Optional<List<PublicKey>> nextValidators(Hash blockHash) {
    List<PublicKey> after = setAfter.get(blockHash);
    if (after == null) {
      Optional<org.jingchain.execution.StateReader> state = chain.stateAfter(blockHash);
      if (state.isEmpty()) {
        return Optional.empty();
      }
      after = keys(org.jingchain.gov.Validators.read(state.get()));
      setAfter.put(blockHash, after);
    }
    return after.isEmpty() || after.equals(epochValidators) ? Optional.empty() : Optional.of(after);
  }

  @Override
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

  /** The {@code gov/validators} value after an epoch's last block, with its Merkle proof. */
  public record EpochState(Bytes value, byte[] proof) {}

  /**
   * Keeps the proof of the validator set after {@code lastHeight} (the committed head, just now the
   * last block of an epoch), so light clients can follow the change after old state versions are
   * pruned [GOV-10].
   */
  public void storeEpochState(long lastHeight) {
    var r = chain.tree().prove(lastHeight, key("gov/validators"));
    Bytes value = r.value().orElse(Bytes.EMPTY);
    byte[] proof = r.proof().encode();
    Encoder e = new Encoder(value.length() + proof.length + 16).bytes(value).bytes(proof);
    write(key(EPOCH_STATE, lastHeight), Bytes.wrap(e.toByteArray()));
  }

  public Optional<EpochState> epochState(long lastHeight) {
    return store
        .consensusRecord(key(EPOCH_STATE, lastHeight))
        .map(
            b -> {
              org.jingchain.codec.Decoder d = new org.jingchain.codec.Decoder(b);
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
    org.jingchain.codec.Decoder d = new org.jingchain.codec.Decoder(b);
    if (d.u8("epoch record version") != 1) {
      throw new DecodeException("unknown epoch record version");
    }
    Epoch e = new Epoch(d.u64("epoch"), d.hash("root"), d.u64("root height"), d.u64("root round"));
    d.finish("epoch record");
    return e;
  }

  private Bytes safetyKey() {
    long n = epoch.number();
    return n == 0 ? SAFETY : key("safety/", n);
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

  @Override
  public CommittedTip committedTip() {
    Chain.Head head = chain.head();
    Block block = chain.block(head.height()).orElseThrow();
    QuorumCert qc =
        store
            .consensusRecord(TIP_QC)
            .map(MessageCodec::decodeQc)
            .orElse(QuorumCert.genesis(chainId, head.hash()));
    return new CommittedTip(new ProposedBlock(block, justify(head.height())), qc);
  }

  private QuorumCert justify(long height) {
    return store
        .consensusRecord(key(JUSTIFY, height))
        .map(MessageCodec::decodeQc)
        .orElse(QuorumCert.genesis(chainId, Hash.ZERO));
  }

  @Override
  public List<ProposedBlock> storedPendingBlocks() {
    List<ProposedBlock> out = new ArrayList<>();
    for (var e : store.scanConsensus(key(PENDING), 100_000)) {
      try {
        out.add(MessageCodec.decodeProposedBlock(e.getValue()));
      } catch (DecodeException ignored) {
        // a record this node wrote cannot be malformed unless the disk is; skip it, sync refills
      }
    }
    return out;
  }

  /**
   * The block limits governance set [GOV-12], as of the state after {@code parentHash}; each empty
   * when not set (then only each builder's own config limits it).
   */
  public record ChainLimits(java.util.OptionalLong maxTxs, java.util.OptionalLong maxBytes) {}

  public ChainLimits chainLimits(Hash parentHash) {
    Optional<org.jingchain.execution.StateReader> s = chain.stateAfter(parentHash);
    if (s.isEmpty()) {
      return new ChainLimits(java.util.OptionalLong.empty(), java.util.OptionalLong.empty());
    }
    return new ChainLimits(
        optional(Params.number(s.get(), Params.BLOCK_MAX_TXS)),
        optional(Params.number(s.get(), Params.BLOCK_MAX_BYTES)));
  }

  private static java.util.OptionalLong optional(Optional<Long> v) {
    return v.map(java.util.OptionalLong::of).orElse(java.util.OptionalLong.empty());
  }

  /**
   * [GOV-12] Voters hold proposals to the limits governance set, read from the parent's state as
   * the builder reads them: at most {@code block.maxTxs} transactions, and at most {@code
   * block.maxBytes} of encoded transactions unless the block carries a single one.
   */
  private Optional<String> checkChainLimits(Block block) {
    ChainLimits l = chainLimits(block.header().parentHash());
    int n = block.transactions().size();
    if (l.maxTxs().isPresent() && n > l.maxTxs().getAsLong()) {
      return Optional.of(
          "block carries "
              + n
              + " transactions; the chain's block.maxTxs is "
              + l.maxTxs().getAsLong());
    }
    if (l.maxBytes().isPresent() && n > 1) {
      long bytes = 0;
      for (Transaction tx : block.transactions()) {
        bytes += org.jingchain.codec.Canonical.encode(tx).length;
      }
      if (bytes > l.maxBytes().getAsLong()) {
        return Optional.of(
            "block carries "
                + bytes
                + " bytes of transactions; the chain's block.maxBytes is "
                + l.maxBytes().getAsLong());
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> verify(Block block) {
    Optional<String> tooBig = checkChainLimits(block);
    if (tooBig.isPresent()) {
      return tooBig;
    }
    List<Transaction> toCheck = new ArrayList<>();
    for (Transaction tx : block.transactions()) {
      if (!tx.body().chainId().equals(chainId)) {
        return Optional.of("block carries a transaction for chain " + tx.body().chainId());
      }
      if (tx.body().sender().suite() != verifier.suite().id()) {
        return Optional.of("block carries a transaction of another suite");
      }
      if (!alreadyVerified.test(tx.hash(verifier.suite()))) {
        toCheck.add(tx);
      }
    }
    List<VerifyRequest> requests = new ArrayList<>(toCheck.size());
    for (Transaction tx : toCheck) {
      requests.add(
          new VerifyRequest(tx.body().sender(), tx.signingBytes(), tx.signature().unsafeArray()));
    }
    if (!requests.isEmpty() && !verifier.allValid(requests)) {
      return Optional.of("block carries a transaction with a bad signature");
    }
    // Transactions this node never admitted: their DID checks in parallel before execution.
    List<org.jingchain.types.Call> calls = new ArrayList<>(toCheck.size());
    for (Transaction tx : toCheck) {
      calls.add(tx.body().call());
    }
    org.jingchain.identity.DidPrecheck.warmAll(calls);
    try {
      chain.execute(block);
      return Optional.empty();
    } catch (Chain.BlockRejectedException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public Optional<ProposedBlock> committed(long height) {
    return chain.block(height).map(b -> new ProposedBlock(b, justify(height)));
  }

  /** This epoch's safety record from disk, or null before its first vote. */
  public SafetyRecord safetyRecord() {
    return store.consensusRecord(safetyKey()).map(MessageCodec::decodeSafetyRecord).orElse(null);
  }

  public void persistSafety(SafetyRecord r) {
    write(safetyKey(), Bytes.wrap(MessageCodec.encode(r)));
  }

  public void storePending(ProposedBlock b, Hash hash) {
    write(key(PENDING, hash), Bytes.wrap(MessageCodec.encode(b)));
  }

  private void write(Bytes k, Bytes v) {
    SortedMap<Bytes, Optional<Bytes>> m = new TreeMap<>();
    m.put(k, Optional.of(v));
    store.writeConsensus(m);
  }

  /** Consensus records written with a committed block: its justify, and it leaves "pending". */
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

  /**
   * Keeps evidence of equivocation [CONS-SAFETY-6]: both signed messages, under {@code
   * evidence/<kind>/<validator>/<first message hash>}, so it survives restarts and can be handed to
   * governance.
   */
  public void recordEvidence(
      String kind, int validator, ConsensusMessage first, ConsensusMessage second) {
    byte[] a = MessageCodec.encode(first);
    byte[] b = MessageCodec.encode(second);
    Encoder e = new Encoder(a.length + b.length + 16).bytes(a).bytes(b);
    Hash id = chain.suite().hash(a);
    write(key("evidence/" + kind + "/" + validator + "/", id), Bytes.wrap(e.toByteArray()));
  }

  /** How many pieces of evidence are stored. */
  public int evidenceCount() {
    return store.scanConsensus(key("evidence/"), 100_000).size();
  }

  /** Forgets pending blocks on abandoned forks. */
  public void discard(List<Hash> hashes) {
    if (hashes.isEmpty()) {
      return;
    }
    SortedMap<Bytes, Optional<Bytes>> m = new TreeMap<>();
    for (Hash h : hashes) {
      m.put(key(PENDING, h), Optional.empty());
      chain.discard(h);
    }
    store.writeConsensus(m);
  }

  /** The QC certifying block {@code height}, if known (the next block's justify, or the tip QC). */
  public Optional<QuorumCert> certificate(long height) {
    if (height == chain.head().height()) {
      return store.consensusRecord(TIP_QC).map(MessageCodec::decodeQc);
    }
    return store.consensusRecord(key(JUSTIFY, height + 1)).map(MessageCodec::decodeQc);
  }

  /** The proof that {@code height} is committed, when it was the last block of a commit. */
  public Optional<CommitProof> commitProof(long height) {
    return store.consensusRecord(key(PROOF, height)).map(MessageCodec::decodeCommitProof);
  }
}
