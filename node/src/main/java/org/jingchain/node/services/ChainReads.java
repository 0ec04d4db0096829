package org.jingchain.node.services;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingchain.node.Chain;
import org.jingchain.service.StateRead;
import org.jingchain.service.StateReads;
import org.jingchain.service.api.ApiException;
import org.jingchain.service.api.ErrorCode;
import org.jingchain.state.ProofResult;
import org.jingchain.state.VersionNotFoundException;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Hash;

/** Reads of the chain's committed state by version, with proofs, as the API and services use. */
public final class ChainReads implements StateReads {
  private final Chain chain;

  public ChainReads(Chain chain) {
    this.chain = chain;
  }

  @Override
  public long headHeight() {
    return chain.head().height();
  }

  @Override
  public long oldestVersion() {
    return chain.oldestStateVersion();
  }

  @Override
  public StateRead read(Bytes key, long version, boolean withProof) throws ApiException {
    long head = chain.head().height();
    ProofResult pr;
    try {
      pr = chain.tree().prove(version, key);
    } catch (VersionNotFoundException e) {
      throw pruned(version);
    }
    Hash root = chain.tree().rootHash(version);
    StateRead.Proof proof = null;
    if (withProof) {
      var p = pr.proof();
      proof =
          new StateRead.Proof(
              p.leaf()
                  .map(l -> new StateRead.Leaf(l.keyHash().toHex(), l.valueHash().toHex()))
                  .orElse(null),
              p.siblings().stream().map(Hash::toHex).toList(),
              HexFormat.of().formatHex(p.encode()));
    }
    StateRead.Certification cert = null;
    if (version < head) {
      var next = chain.store().header(version + 1).orElseThrow();
      cert = new StateRead.Certification(version + 1, chain.hashOf(next).toHex());
    }
    return new StateRead(
        new String(key.unsafeArray(), StandardCharsets.UTF_8),
        key.toHex(),
        version,
        root.toHex(),
        chain.suite().id().label(),
        pr.value().map(Bytes::toHex).orElse(null),
        proof,
        cert);
  }

  @Override
  public Optional<Bytes> get(Bytes key, long version) throws ApiException {
    try {
      return chain.tree().get(version, key);
    } catch (VersionNotFoundException e) {
      throw pruned(version);
    }
  }

  private ApiException pruned(long version) {
    return new ApiException(
        ErrorCode.VERSION_PRUNED,
        "state version " + version + " was pruned; oldest kept is " + chain.oldestStateVersion());
  }

  @Override
  public List<Map.Entry<Bytes, Bytes>> scanLatest(Bytes prefix, Bytes from, int limit) {
    return chain.store().scanLatest(prefix, from, limit);
  }

  @Override
  public Optional<BlockHeader> header(long height) {
    return chain.store().header(height);
  }

  @Override
  public Optional<org.jingchain.types.Block> block(long height) {
    return chain.store().block(height);
  }

  @Override
  public List<org.jingchain.types.Receipt> receipts(long height) {
    return chain.store().receipts(height);
  }

  @Override
  public Optional<Hash> blockHash(long height) {
    return chain.store().header(height).map(chain::hashOf);
  }

  @Override
  public Optional<Long> heightOf(Hash hash) {
    return chain.store().heightOf(hash);
  }

  @Override
  public Optional<TxPosition> transaction(Hash txHash) {
    return chain.store().txLocation(txHash).map(l -> new TxPosition(l.height(), l.index()));
  }
}
