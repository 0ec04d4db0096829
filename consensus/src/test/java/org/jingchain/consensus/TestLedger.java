package org.jingchain.consensus;

import java.util.List;
import java.util.Optional;
import org.jingchain.codec.Canonical;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.SuiteId;

/**
 * A ledger for tests of the consensus core alone: a genesis block, and every proposed block valid
 * (the core's own checks still apply); nothing stored.
 */
final class TestLedger implements Ledger {
  final Block genesis;
  final Hash genesisHash;
  private final String chainId;

  TestLedger(String chainId) {
    this.chainId = chainId;
    Address zero = new Address(SuiteId.INTL, Bytes.wrap(new byte[20]));
    this.genesis =
        new Block(
            new BlockHeader(chainId, 0, 0, Hash.ZERO, 0, zero, Hash.ZERO, 0, Hash.ZERO, Hash.ZERO),
            List.of());
    this.genesisHash = CryptoSuites.intl().hash(Canonical.encode(genesis.header()));
  }

  @Override
  public CommittedTip committedTip() {
    return new CommittedTip(
        new ProposedBlock(genesis, QuorumCert.genesis(chainId, Hash.ZERO)),
        QuorumCert.genesis(chainId, genesisHash));
  }

  @Override
  public Optional<String> verify(Block block) {
    return Optional.empty();
  }

  @Override
  public List<ProposedBlock> storedPendingBlocks() {
    return List.of();
  }

  @Override
  public Optional<ProposedBlock> committed(long height) {
    return Optional.empty();
  }
}
