package org.jingchain.node.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.jingchain.consensus.ConsensusMessage;
import org.jingchain.consensus.ProposedBlock;
import org.jingchain.consensus.QuorumCert;
import org.jingchain.consensus.SafetyRecord;
import org.jingchain.consensus.VoteData;
import org.jingchain.crypto.BatchVerifier;
import org.jingchain.crypto.CryptoSuite;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.crypto.KeyPair;
import org.jingchain.node.Chain;
import org.jingchain.node.NodeConfig;
import org.jingchain.node.NodeCore;
import org.jingchain.node.ServiceSet;
import org.jingchain.platform.Platform;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.Genesis;
import org.jingchain.storage.ChainStore;
import org.jingchain.storage.RocksChainStore;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validator's consensus records outlive the process [CONS-SAFETY-3], [CONS-SAFETY-6]. */
class NodeLedgerTest {
  static final CryptoSuite SUITE = CryptoSuites.intl();
  @TempDir Path dir;

  private record Opened(ChainStore store, Chain chain, NodeLedger ledger, NodeCore core)
      implements AutoCloseable {
    @Override
    public void close() {
      store.close();
    }
  }

  private Opened open(KeyPair v) {
    return open(Genesis.single("test", SUITE.id(), 1_700_000_000_000L, v.publicKey()));
  }

  private Opened open(Genesis g) {
    return open(g, dir.resolve("db"));
  }

  private Opened open(Genesis g, Path db) {
    ChainStore store = RocksChainStore.open(db, true, 8L << 20);
    NodeCore core =
        new NodeCore(
            store,
            g,
            new byte[] {'{', '}'},
            new ServiceSet(Platform.services(), new ChainSetup(g, SUITE)),
            NodeCore.Settings.of(NodeConfig.defaultsWith(java.util.Map.of())),
            BatchVerifier.create(SUITE),
            java.time.Clock.fixed(
                java.time.Instant.ofEpochMilli(1_700_000_000_000L), java.time.ZoneOffset.UTC));
    return new Opened(store, core.chain(), core.ledger(), core);
  }

  @Test
  void theSafetyRecordPendingBlocksAndEvidenceSurviveARestart() {
    KeyPair v = SUITE.generateKeyPair(new SecureRandom());
    QuorumCert qc = QuorumCert.genesis("test", Hash.fromHex("11".repeat(32)));
    SafetyRecord record = new SafetyRecord(7, 5, qc, null);
    Block child;
    Hash childHash;
    try (Opened o = open(v)) {
      assertThat(o.ledger().safetyRecord()).isNull();
      o.ledger().persistSafety(record);
      child =
          o.chain()
              .assemble(1, o.chain().head().hash(), List.of(), 1_700_000_000_100L, v.address());
      childHash = o.chain().hashOf(child.header());
      o.ledger().storePending(new ProposedBlock(child, o.ledger().committedTip().qc()), childHash);
      VoteData a = new VoteData("test", 3, 1, Hash.fromHex("aa".repeat(32)));
      VoteData b = new VoteData("test", 3, 1, Hash.fromHex("bb".repeat(32)));
      Bytes sig = Bytes.wrap(new byte[64]);
      o.ledger()
          .recordEvidence(
              "double-vote",
              2,
              new ConsensusMessage.Vote(a, 2, sig),
              new ConsensusMessage.Vote(b, 2, sig));
    }
    try (Opened o = open(v)) {
      assertThat(o.ledger().safetyRecord()).isEqualTo(record);
      assertThat(o.ledger().storedPendingBlocks())
          .extracting(p -> p.block().header())
          .containsExactly(child.header());
      assertThat(o.ledger().records().evidenceCount()).isEqualTo(1);
      assertThat(o.ledger().verify(child)).as("the recovered block executes again").isEmpty();
    }
  }

  @Test
  void aBlockThatDoesNotCarryItsParentsStateRootIsRejected() {
    KeyPair v = SUITE.generateKeyPair(new SecureRandom());
    try (Opened o = open(v)) {
      Block good =
          o.chain()
              .assemble(1, o.chain().head().hash(), List.of(), 1_700_000_000_100L, v.address());
      var h = good.header();
      Block forged =
          new Block(
              new org.jingchain.types.BlockHeader(
                  h.chainId(),
                  h.height(),
                  h.round(),
                  h.parentHash(),
                  h.timestampMillis(),
                  h.proposer(),
                  h.txRoot(),
                  h.txCount(),
                  Hash.fromHex("22".repeat(32)),
                  h.resultsRoot()),
              List.of());
      assertThat(o.ledger().verify(forged)).get().asString().contains("state or results root");
      assertThat(o.ledger().verify(good)).isEmpty();
    }
  }

  // [CONS-VALID-2] a transaction's id covers its body only: a proposal carrying the body of a
  // transaction this node admitted, with other signature bytes, is checked, not waved through
  @Test
  void aPendingTransactionsBodyWithAnotherSignatureIsRefused() {
    KeyPair v = SUITE.generateKeyPair(new SecureRandom());
    try (Opened o = open(v)) {
      KeyPair alice = SUITE.generateKeyPair(new SecureRandom());
      var body =
          new org.jingchain.types.TxBody(
              "test",
              alice.publicKey(),
              0,
              1_700_000_060_000L,
              org.jingchain.asset.AssetCalls.create("T", "t", 0));
      var unsigned = new org.jingchain.types.Transaction(body, Bytes.EMPTY);
      byte[] sig = alice.sign(unsigned.signingBytes());
      var signed = new org.jingchain.types.Transaction(body, Bytes.wrap(sig));
      assertThat(o.core().ingress(txs -> {}).submit(org.jingchain.codec.Canonical.encode(signed)))
          .isInstanceOf(org.jingchain.node.Admission.Accepted.class);
      byte[] other = sig.clone();
      other[5] ^= 1;
      var forged = new org.jingchain.types.Transaction(body, Bytes.wrap(other));
      assertThat(forged.hash(SUITE)).as("same id").isEqualTo(signed.hash(SUITE));
      Hash head = o.chain().head().hash();
      Block bad = o.chain().assemble(1, head, List.of(forged), 1_700_000_000_100L, v.address());
      assertThat(o.ledger().verify(bad))
          .contains("block carries a transaction with a bad signature");
      Block good = o.chain().assemble(1, head, List.of(signed), 1_700_000_000_100L, v.address());
      assertThat(o.ledger().verify(good)).isEmpty();
    }
  }

  // [GOV-12] voters hold a proposal to the block limits governance set, not only builders
  @Test
  void aBlockOverTheChainsBlockMaxTxsIsRejectedByVoters() {
    KeyPair v = SUITE.generateKeyPair(new SecureRandom());
    Genesis single = Genesis.single("test", SUITE.id(), 1_700_000_000_000L, v.publicKey());
    Genesis g =
        new Genesis(
            single.chainId(),
            single.suite(),
            single.timestampMillis(),
            single.validators(),
            single.roundTimeoutMillis(),
            single.maxRoundTimeoutMillis(),
            single.permissions(),
            single.organisations(),
            java.util.Map.of("block.maxTxs", "1"));
    try (Opened o = open(g)) {
      KeyPair alice = SUITE.generateKeyPair(new SecureRandom());
      List<org.jingchain.types.Transaction> two = new java.util.ArrayList<>();
      for (long nonce = 0; nonce < 2; nonce++) {
        var body =
            new org.jingchain.types.TxBody(
                "test",
                alice.publicKey(),
                nonce,
                1_800_000_000_000L,
                org.jingchain.asset.AssetCalls.create("T" + nonce, "t", 0));
        var unsigned = new org.jingchain.types.Transaction(body, Bytes.EMPTY);
        two.add(
            new org.jingchain.types.Transaction(
                body, Bytes.wrap(alice.sign(unsigned.signingBytes()))));
      }
      Hash head = o.chain().head().hash();
      Block tooMany = o.chain().assemble(1, head, two, 1_700_000_000_100L, v.address());
      assertThat(o.ledger().verify(tooMany))
          .get()
          .asString()
          .contains("block carries 2 transactions; the chain's block.maxTxs is 1");
      Block one = o.chain().assemble(1, head, two.subList(0, 1), 1_700_000_000_100L, v.address());
      assertThat(o.ledger().verify(one)).isEmpty();
    }
  }

  // [GOV-12] the gas a block's contract calls declare is bounded, so is the work of executing it
  @Test
  void aBlockWhoseContractCallsDeclareTooMuchGasIsRejectedByVoters() {
    KeyPair v = SUITE.generateKeyPair(new SecureRandom());
    Genesis g = Genesis.single("test", SUITE.id(), 1_700_000_000_000L, v.publicKey());
    KeyPair alice = SUITE.generateKeyPair(new SecureRandom());
    List<org.jingchain.types.Transaction> txs = new java.util.ArrayList<>();
    try (Opened o = open(g)) {
      for (long nonce = 0; nonce < 3; nonce++) {
        var body =
            new org.jingchain.types.TxBody(
                "test",
                alice.publicKey(),
                nonce,
                1_800_000_000_000L,
                org.jingchain.contracts.EvmCalls.call(
                    org.jingchain.evm.Address.ZERO, new byte[0], 12_000_000));
        var unsigned = new org.jingchain.types.Transaction(body, Bytes.EMPTY);
        txs.add(
            new org.jingchain.types.Transaction(
                body, Bytes.wrap(alice.sign(unsigned.signingBytes()))));
      }
      Hash head = o.chain().head().hash();
      Block tooMuch = o.chain().assemble(1, head, txs, 1_700_000_000_100L, v.address());
      assertThat(o.ledger().verify(tooMuch))
          .get()
          .asString()
          .contains("declare more than 30000000 gas");
      Block two = o.chain().assemble(1, head, txs.subList(0, 2), 1_700_000_000_100L, v.address());
      assertThat(o.ledger().verify(two)).isEmpty();
    }
    // a chain whose governance raised block.maxGas takes all three
    Genesis raised =
        new Genesis(
            g.chainId(),
            g.suite(),
            g.timestampMillis(),
            g.validators(),
            g.roundTimeoutMillis(),
            g.maxRoundTimeoutMillis(),
            g.permissions(),
            g.organisations(),
            java.util.Map.of("block.maxGas", "40000000"));
    try (Opened o = open(raised, dir.resolve("raised"))) {
      Hash head = o.chain().head().hash();
      Block three = o.chain().assemble(1, head, txs, 1_700_000_000_100L, v.address());
      assertThat(o.ledger().verify(three)).isEmpty();
    }
  }
}
