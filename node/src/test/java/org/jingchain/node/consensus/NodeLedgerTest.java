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
import org.jingchain.execution.BlockExecutor;
import org.jingchain.node.Chain;
import org.jingchain.node.Genesis;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Block;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A validator's consensus records outlive the process [CONS-SAFETY-3], [CONS-SAFETY-6]. */
class NodeLedgerTest {
  static final CryptoSuite SUITE = CryptoSuites.intl();
  @TempDir Path dir;

  private record Opened(ChainStore store, Chain chain, NodeLedger ledger) implements AutoCloseable {
    @Override
    public void close() {
      store.close();
    }
  }

  private Opened open(KeyPair v) {
    ChainStore store = ChainStore.open(dir.resolve("db"), true, 8L << 20);
    Genesis g = Genesis.single("test", SUITE.id(), 1_700_000_000_000L, v.publicKey());
    Chain chain =
        Chain.open(
            store,
            SUITE,
            new BlockExecutor("test", SUITE.id(), SUITE, List.of()),
            g,
            new byte[] {'{', '}'},
            0);
    return new Opened(
        store, chain, new NodeLedger(chain, BatchVerifier.create(SUITE), h -> false, "test"));
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
      assertThat(o.ledger().evidenceCount()).isEqualTo(1);
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
}
