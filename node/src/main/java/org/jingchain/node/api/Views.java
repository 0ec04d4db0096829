package org.jingchain.node.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Event;
import org.jingchain.types.EventAttribute;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.Receipt;
import org.jingchain.types.Transaction;

/** The JSON shapes of the API (documented in openapi.json); hashes and bytes are lower-case hex. */
public final class Views {
  private Views() {}

  /** Body of {@code POST /transactions}. */
  public record SubmitRequest(String tx) {}

  /** Body of {@code POST /transactions/batch}. */
  public record BatchRequest(List<String> txs) {}

  /** The error body of every failed request. */
  public record ErrorBody(String code, String message) {}

  /** One result of a batch: a hash when accepted, a code and message when not. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SubmitResult(String hash, String status, String code, String message) {}

  /** Batch response (also the body of a 429 when the mempool filled up part-way). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BatchResponse(
      String code, String message, int accepted, int rejected, List<SubmitResult> results) {}

  public record MempoolView(int txs, long bytes) {}

  public record Status(
      String chainId,
      String suite,
      long height,
      String headHash,
      long headTimestampMillis,
      String stateRoot,
      long oldestStateVersion,
      MempoolView mempool,
      ConsensusView consensus,
      String version) {}

  /**
   * @param self this node's validator index
   * @param validators validator addresses in leader order
   * @param round the consensus round this node is in
   * @param peers connected validators (0 for a single validator)
   * @param timeoutsSent timeouts this validator broadcast since it started (rounds that failed)
   */
  public record ConsensusView(
      int self, List<String> validators, long round, int peers, long timeoutsSent) {}

  public record Header(
      long height,
      long round,
      String hash,
      String parentHash,
      long timestampMillis,
      String proposer,
      String txRoot,
      int txCount,
      String stateRoot,
      String resultsRoot) {
    static Header of(BlockHeader h, Hash hash) {
      return new Header(
          h.height(),
          h.round(),
          hash.toHex(),
          h.parentHash().toHex(),
          h.timestampMillis(),
          h.proposer().toString(),
          h.txRoot().toHex(),
          h.txCount(),
          h.stateRoot().toHex(),
          h.resultsRoot().toHex());
    }
  }

  public record Tx(
      String hash,
      String chainId,
      String sender,
      String senderKey,
      long nonce,
      long expiresAtMillis,
      String contract,
      String method,
      String args,
      String signature) {
    static Tx of(Transaction t, HashFunction h) {
      var b = t.body();
      return new Tx(
          t.hash(h).toHex(),
          b.chainId(),
          Address.of(b.sender(), h).toString(),
          b.sender().bytes().toHex(),
          b.nonce(),
          b.expiresAtMillis(),
          b.call().contract(),
          b.call().method(),
          b.call().args().toHex(),
          t.signature().toHex());
    }
  }

  public record EventView(String contract, String type, Map<String, String> attributes) {
    static EventView of(Event e) {
      Map<String, String> attrs = new LinkedHashMap<>();
      for (EventAttribute a : e.attributes()) {
        attrs.put(a.key(), a.value());
      }
      return new EventView(e.contract(), e.type(), attrs);
    }
  }

  public record ReceiptView(
      String txHash, String status, String code, String message, List<EventView> events) {
    static ReceiptView of(Receipt r) {
      return new ReceiptView(
          r.txHash().toHex(),
          r.succeeded() ? "success" : "failed",
          r.code(),
          r.message(),
          r.events().stream().map(EventView::of).toList());
    }
  }

  /**
   * Liveness or readiness: {@code status} is UP/DOWN (health) or READY/NOT_READY, {@code reasons}
   * say why not.
   */
  public record Health(String status, boolean ok, List<String> reasons) {}

  /**
   * What a light client needs for a committed block (hex of canonical encodings).
   *
   * @param validators the size of the validator set of the block's epoch
   * @param signers the addresses of the validators whose signatures the QC carries (decoded from
   *     {@code qc} for people; a light client checks {@code qc} itself), or null with it
   * @param qc the quorum certificate on the block, or null if not (yet) known
   * @param commitProof the child header and QC proving the commit, or null if the block was
   *     committed as an ancestor of a later one
   */
  public record Certificate(
      long height,
      int validators,
      List<String> signers,
      String header,
      String qc,
      String commitProof) {}

  /**
   * An epoch after the first [GOV-8]: its validators, the height it starts at, and what a light
   * client needs to follow into it [GOV-10]: the last block of the previous epoch (its certificate
   * at {@code lastHeightBefore} carries the commit proof) and the {@code gov/validators} value with
   * its Merkle proof against that block's state root.
   */
  public record EpochView(
      long epoch,
      long firstHeight,
      long lastHeightBefore,
      List<String> validators,
      String validatorsValue,
      String validatorsProof) {}

  public record BlockView(Header header, List<Tx> transactions, List<ReceiptView> receipts) {
    static BlockView of(Block b, Hash hash, List<Receipt> receipts, HashFunction h) {
      return new BlockView(
          Header.of(b.header(), hash),
          b.transactions().stream().map(t -> Tx.of(t, h)).toList(),
          receipts.stream().map(ReceiptView::of).toList());
    }
  }

  public record BlockList(List<Header> blocks) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TxStatus(
      String hash,
      String status,
      Long height,
      Integer index,
      String blockHash,
      ReceiptView receipt,
      Tx tx) {}

  public record Nonce(String address, long nonce, long nextNonce) {}

  /**
   * What a verifier needs of the genesis document: the chain, its suite and the validators of epoch
   * 0 (public keys, {@code <suite>:<hex>}, in index order), and block 0's hash.
   */
  public record GenesisView(
      String chainId,
      String suite,
      long timestampMillis,
      List<String> validators,
      String genesisBlockHash) {}

  /**
   * One transaction in an account's history.
   *
   * @param sent the account signed it
   * @param named its events name the account (a transfer's recipient, a grant's grantee)
   * @param status the receipt's, {@code success} or {@code failed}, with its {@code code}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AccountTx(
      String hash,
      long height,
      int index,
      long timestampMillis,
      boolean sent,
      boolean named,
      String contract,
      String method,
      String status,
      String code) {}

  /**
   * A page of an account's history, newest first.
   *
   * @param indexedFrom the history is complete from this height (0 once a node that was upgraded
   *     has indexed its older blocks)
   * @param next the {@code before} of the next (older) page, or null on the last
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AccountTxs(
      String address, long indexedFrom, List<AccountTx> transactions, String next) {}

  /**
   * Who may read what on this chain (docs/spec/api-access.md), as of the latest committed state.
   *
   * @param height the height whose state the rules were read in
   * @param families each family of routes with its rule: public, members, or roles
   * @param caller who the request's token proved, or null for an anonymous one
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AccessView(long height, Map<String, String> families, CallerView caller) {}

  /**
   * A request's caller.
   *
   * @param org its organisation, or null when it holds no role
   * @param roles its roles there, none when it holds none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CallerView(String account, String org, List<String> roles) {}

  public record BlockEvent(
      long height,
      String hash,
      int txCount,
      long timestampMillis,
      String stateRoot,
      String proposer,
      long round) {}
}
