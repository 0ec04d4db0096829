package org.jingchain.contracts;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jingchain.crypto.CryptoSuites;
import org.jingchain.execution.StateReader;
import org.jingchain.service.ChainSetup;
import org.jingchain.service.CommittedBlock;
import org.jingchain.service.Genesis;
import org.jingchain.service.IndexHandle;
import org.jingchain.service.NodeContext;
import org.jingchain.service.ServiceMetrics;
import org.jingchain.service.StateIndex;
import org.jingchain.service.StateRead;
import org.jingchain.service.StateReads;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;
import org.jingchain.types.Receipt;

/** A node at its genesis block with an empty state, for API handlers' protocol tests. */
final class FakeNode implements NodeContext {
  final TreeMap<Bytes, Bytes> state = new TreeMap<>();
  final ChainSetup chain;
  final BlockHeader genesis;

  FakeNode() {
    var key = CryptoSuites.intl().generateKeyPair(new java.security.SecureRandom());
    chain =
        new ChainSetup(
            Genesis.single(
                "rpc-test", CryptoSuites.intl().id(), 1_700_000_000_000L, key.publicKey()),
            CryptoSuites.intl());
    genesis =
        new BlockHeader(
            "rpc-test",
            0,
            0,
            Hash.ZERO,
            1_700_000_000_000L,
            new Address(CryptoSuites.intl().id(), Bytes.wrap(new byte[20])),
            Hash.ZERO,
            0,
            Hash.ZERO,
            Hash.ZERO);
  }

  @Override
  public ChainSetup chain() {
    return chain;
  }

  @Override
  public StateReader latest() {
    return k -> Optional.ofNullable(state.get(k));
  }

  @Override
  public StateReads reads() {
    return new StateReads() {
      @Override
      public long headHeight() {
        return 0;
      }

      @Override
      public long oldestVersion() {
        return 0;
      }

      @Override
      public StateRead read(Bytes key, long version, boolean withProof) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<Bytes> get(Bytes key, long version) {
        return Optional.ofNullable(state.get(key));
      }

      @Override
      public List<Map.Entry<Bytes, Bytes>> scanLatest(Bytes prefix, Bytes from, int limit) {
        return List.of();
      }

      @Override
      public Optional<BlockHeader> header(long height) {
        return height == 0 ? Optional.of(genesis) : Optional.empty();
      }

      @Override
      public Optional<Block> block(long height) {
        return height == 0 ? Optional.of(new Block(genesis, List.of())) : Optional.empty();
      }

      @Override
      public List<Receipt> receipts(long height) {
        return List.of();
      }

      @Override
      public Optional<Hash> blockHash(long height) {
        return height == 0 ? Optional.of(Hash.ZERO) : Optional.empty();
      }

      @Override
      public Optional<Long> heightOf(Hash hash) {
        return hash.equals(Hash.ZERO) ? Optional.of(0L) : Optional.empty();
      }

      @Override
      public Optional<TxPosition> transaction(Hash txHash) {
        return Optional.empty();
      }
    };
  }

  @Override
  public Path dataDir() {
    throw new UnsupportedOperationException();
  }

  @Override
  public IndexHandle index(StateIndex index) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void onCommit(Consumer<CommittedBlock> listener) {}

  @Override
  public ServiceMetrics metrics() {
    return ServiceMetrics.NONE;
  }
}
