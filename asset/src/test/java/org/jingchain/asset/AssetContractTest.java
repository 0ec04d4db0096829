package org.jingchain.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jingchain.execution.BlockExecutor;
import org.jingchain.execution.BlockResult;
import org.jingchain.execution.Nonces;
import org.jingchain.types.Address;
import org.jingchain.types.Block;
import org.jingchain.types.BlockHeader;
import org.jingchain.types.Bytes;
import org.jingchain.types.Call;
import org.jingchain.types.Hash;
import org.jingchain.types.HashFunction;
import org.jingchain.types.MerkleRoot;
import org.jingchain.types.PublicKey;
import org.jingchain.types.Receipt;
import org.jingchain.types.SuiteId;
import org.jingchain.types.Transaction;
import org.jingchain.types.TxBody;
import org.junit.jupiter.api.Test;

/** The asset contract's rules as a user meets them: balances, failures as receipts, nonces. */
class AssetContractTest {
  static final HashFunction SHA256 =
      data -> {
        try {
          return Hash.wrap(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
          throw new AssertionError(e);
        }
      };
  static final String CHAIN = "test";

  final TreeMap<Bytes, Bytes> committed = new TreeMap<>();
  final BlockExecutor executor =
      new BlockExecutor(CHAIN, SuiteId.INTL, SHA256, List.of(new AssetContract(SuiteId.INTL)));
  long height = 1;

  static PublicKey key(int n) {
    byte[] k = new byte[32];
    k[0] = (byte) n;
    return new PublicKey(SuiteId.INTL, Bytes.wrap(k));
  }

  static Address addr(int n) {
    return Address.of(key(n), SHA256);
  }

  final PublicKey alice = key(1);
  final PublicKey bob = key(2);

  Transaction tx(PublicKey sender, long nonce, Call call) {
    return new Transaction(
        new TxBody(CHAIN, sender, nonce, 10_000, call), Bytes.wrap(new byte[64]));
  }

  /** Executes the transactions as one block and commits its writes. */
  List<Receipt> run(Transaction... txs) {
    List<Hash> ids = new ArrayList<>();
    for (Transaction t : txs) {
      ids.add(t.hash(SHA256));
    }
    BlockHeader h =
        new BlockHeader(
            CHAIN,
            height,
            height++,
            Hash.ZERO,
            1_000,
            addr(9),
            MerkleRoot.of(ids, SHA256),
            txs.length,
            Hash.ZERO,
            Hash.ZERO);
    BlockResult r =
        executor.execute(new Block(h, List.of(txs)), k -> Optional.ofNullable(committed.get(k)));
    r.changes()
        .forEach(
            (k, v) -> v.ifPresentOrElse(val -> committed.put(k, val), () -> committed.remove(k)));
    return r.receipts();
  }

  long balance(Address a, String symbol) {
    return AssetContract.balance(k -> Optional.ofNullable(committed.get(k)), a, symbol);
  }

  long nonce(Address a) {
    return Nonces.next(k -> Optional.ofNullable(committed.get(k)), a);
  }

  @Test
  void issuerCreatesMintsAndHoldersTransfer() {
    List<Receipt> rs =
        run(
            tx(alice, 0, AssetCalls.create("CNY", "Digital yuan", 2)),
            tx(alice, 1, AssetCalls.mint("CNY", addr(1), 1_000)),
            tx(alice, 2, AssetCalls.transfer("CNY", addr(2), 250)));
    assertThat(rs).allMatch(Receipt::succeeded);
    assertThat(balance(addr(1), "CNY")).isEqualTo(750);
    assertThat(balance(addr(2), "CNY")).isEqualTo(250);
    assertThat(nonce(addr(1))).isEqualTo(3);
    assertThat(AssetEvent.from(rs.get(2).events().getFirst()))
        .contains(new AssetEvent.Transferred("CNY", addr(1).toString(), addr(2).toString(), 250));
    var token =
        AssetContract.token(k -> Optional.ofNullable(committed.get(k)), "CNY").orElseThrow();
    assertThat(token.supply()).isEqualTo(1_000);
    assertThat(token.issuer()).isEqualTo(addr(1));
  }

  @Test
  void insufficientBalanceIsAFailedReceiptThatChangesOnlyTheNonce() {
    run(
        tx(alice, 0, AssetCalls.create("CNY", "yuan", 2)),
        tx(alice, 1, AssetCalls.mint("CNY", addr(1), 10)));
    Receipt r = run(tx(alice, 2, AssetCalls.transfer("CNY", addr(2), 11))).getFirst();
    assertThat(r.status()).isEqualTo(Receipt.Status.FAILED);
    assertThat(r.code()).isEqualTo("INSUFFICIENT_BALANCE");
    assertThat(r.events()).isEmpty();
    assertThat(balance(addr(1), "CNY")).isEqualTo(10);
    assertThat(balance(addr(2), "CNY")).isZero();
    assertThat(nonce(addr(1))).isEqualTo(3);
  }

  @Test
  void onlyTheIssuerMayMint() {
    run(tx(alice, 0, AssetCalls.create("CNY", "yuan", 2)));
    Receipt r = run(tx(bob, 0, AssetCalls.mint("CNY", addr(2), 5))).getFirst();
    assertThat(r.code()).isEqualTo("UNAUTHORIZED");
    assertThat(balance(addr(2), "CNY")).isZero();
  }

  @Test
  void unknownTokenAndUnknownMethodAndBadArgsAreFailedReceipts() {
    List<Receipt> rs =
        run(
            tx(alice, 0, AssetCalls.transfer("NOPE", addr(2), 1)),
            tx(alice, 1, new Call("asset", "steal", Bytes.EMPTY)),
            tx(alice, 2, new Call("asset", "transfer", Bytes.fromHex("ff"))),
            tx(alice, 3, new Call("nothing", "x", Bytes.EMPTY)),
            tx(alice, 4, AssetCalls.create("lower", "x", 2)));
    assertThat(rs)
        .extracting(Receipt::code)
        .containsExactly(
            "UNKNOWN_TOKEN", "UNKNOWN_METHOD", "INVALID_ARGS", "UNKNOWN_CONTRACT", "INVALID_ARGS");
    assertThat(nonce(addr(1))).isEqualTo(5);
  }

  @Test
  void wrongNonceAndExpiryFailWithoutConsumingTheNonce() {
    Transaction late =
        new Transaction(
            new TxBody(CHAIN, alice, 0, 999, AssetCalls.create("A", "a", 0)), Bytes.EMPTY);
    List<Receipt> rs = run(tx(alice, 5, AssetCalls.create("A", "a", 0)), late);
    assertThat(rs).extracting(Receipt::code).containsExactly("NONCE_MISMATCH", "EXPIRED");
    assertThat(nonce(addr(1))).isZero();
    assertThat(AssetContract.token(k -> Optional.ofNullable(committed.get(k)), "A")).isEmpty();
  }

  @Test
  void collectiblesAreMintedOnceAndTransferredOnlyByTheirOwner() {
    Bytes digest = Bytes.fromHex("ab".repeat(32));
    List<Receipt> rs =
        run(
            tx(alice, 0, AssetCalls.nftMint("art-1", digest)),
            tx(bob, 0, AssetCalls.nftMint("art-1", digest)),
            tx(bob, 1, AssetCalls.nftTransfer("art-1", addr(2))),
            tx(alice, 1, AssetCalls.nftTransfer("art-1", addr(2))),
            tx(alice, 2, AssetCalls.nftTransfer("missing", addr(2))));
    assertThat(rs)
        .extracting(Receipt::code)
        .containsExactly("", "NFT_EXISTS", "UNAUTHORIZED", "", "UNKNOWN_NFT");
    var nft = AssetContract.nft(k -> Optional.ofNullable(committed.get(k)), "art-1").orElseThrow();
    assertThat(nft.owner()).isEqualTo(addr(2));
    assertThat(nft.creator()).isEqualTo(addr(1));
    assertThat(nft.digest()).isEqualTo(digest);
  }

  @Test
  void transferToSelfKeepsTheBalance() {
    run(
        tx(alice, 0, AssetCalls.create("CNY", "yuan", 2)),
        tx(alice, 1, AssetCalls.mint("CNY", addr(1), 10)));
    assertThat(run(tx(alice, 2, AssetCalls.transfer("CNY", addr(1), 10))).getFirst().succeeded())
        .isTrue();
    assertThat(balance(addr(1), "CNY")).isEqualTo(10);
  }

  @Test
  void mintingPastTheMaximumSupplyIsAnOverflowFailure() {
    run(
        tx(alice, 0, AssetCalls.create("CNY", "yuan", 2)),
        tx(alice, 1, AssetCalls.mint("CNY", addr(1), Long.MAX_VALUE)));
    assertThat(run(tx(alice, 2, AssetCalls.mint("CNY", addr(2), 1))).getFirst().code())
        .isEqualTo("OVERFLOW");
  }

  @Test
  void recipientsOfAnotherSuiteAreRejectedSoFundsCannotBeLocked() {
    run(
        tx(alice, 0, AssetCalls.create("CNY", "yuan", 2)),
        tx(alice, 1, AssetCalls.mint("CNY", addr(1), 10)));
    Address smAddr = new Address(SuiteId.SM, Bytes.fromHex("01".repeat(20)));
    assertThat(run(tx(alice, 2, AssetCalls.transfer("CNY", smAddr, 1))).getFirst().code())
        .isEqualTo("INVALID_ARGS");
  }

  @Test
  void executionIsDeterministic() {
    Transaction[] txs = {
      tx(alice, 0, AssetCalls.create("CNY", "yuan", 2)),
      tx(alice, 1, AssetCalls.mint("CNY", addr(1), 100)),
      tx(alice, 2, AssetCalls.transfer("CNY", addr(2), 40)),
      tx(bob, 0, AssetCalls.transfer("CNY", addr(1), 50)),
    };
    BlockHeader h =
        new BlockHeader(
            CHAIN, 1, 1, Hash.ZERO, 1, addr(9), Hash.ZERO, txs.length, Hash.ZERO, Hash.ZERO);
    Block b = new Block(h, List.of(txs));
    BlockResult first = executor.execute(b, k -> Optional.empty());
    BlockResult second = executor.execute(b, k -> Optional.empty());
    assertThat(second).isEqualTo(first);
    assertThat(first.receipts().get(3).code()).isEqualTo("INSUFFICIENT_BALANCE");
  }
}
