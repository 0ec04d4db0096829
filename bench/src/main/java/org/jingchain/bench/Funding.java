package org.jingchain.bench;

import java.util.ArrayList;
import java.util.List;
import org.jingchain.asset.AssetCalls;
import org.jingchain.asset.AssetContract;
import org.jingchain.crypto.KeyPair;
import org.jingchain.execution.Nonces;
import org.jingchain.node.JingNode;
import org.jingchain.sdk.JingClient;
import org.jingchain.sdk.Transactions;
import org.jingchain.sdk.model.BatchResult;
import org.jingchain.storage.ChainStore;
import org.jingchain.types.Address;
import org.jingchain.types.Call;
import org.jingchain.types.Transaction;

/** Creates the benchmark token and mints it to every account, over the API, until committed. */
final class Funding {
  static final String SYMBOL = "LOAD";
  static final long MINT_AMOUNT = 1_000_000_000L;
  private static final long WAIT_MILLIS = 120_000;

  private Funding() {}

  /** Returns after every mint is committed and every account holds {@link #MINT_AMOUNT}. */
  static void fund(
      JingNode node,
      JingClient client,
      KeyPair issuer,
      List<Address> accounts,
      int batch,
      long expiresAtMillis)
      throws InterruptedException {
    String chainId = node.genesis().chainId();
    long nonce = 0;
    submit(
        client,
        List.of(
            Transactions.sign(
                issuer, chainId, nonce++, expiresAtMillis, AssetCalls.create(SYMBOL, "Load", 0))));
    for (int from = 0; from < accounts.size(); from += batch) {
      List<Transaction> txs = new ArrayList<>(batch);
      for (Address to : accounts.subList(from, Math.min(accounts.size(), from + batch))) {
        Call mint = AssetCalls.mint(SYMBOL, to, MINT_AMOUNT);
        txs.add(Transactions.sign(issuer, chainId, nonce++, expiresAtMillis, mint));
      }
      submit(client, txs);
    }
    awaitNonce(node.chain().store(), issuer.address(), nonce);
    ChainStore store = node.chain().store();
    for (Address a : accounts) {
      long balance = AssetContract.balance(store::latest, a, SYMBOL);
      if (balance != MINT_AMOUNT) {
        throw new IllegalStateException("account " + a + " holds " + balance + " after funding");
      }
    }
  }

  /** Gas limit of one ERC-20 transfer (one to a fresh balance uses about 51,500). */
  static final long ERC20_TRANSFER_GAS = 60_000;

  /** OpenZeppelin's ERC-20 (evm-tests/contracts/CityToken.sol, compiled by compile.mjs). */
  static byte[] erc20Bytecode() {
    try (var in = Funding.class.getResourceAsStream("CityToken.bin")) {
      return java.util.HexFormat.of()
          .parseHex(
              new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip());
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("the bench's CityToken.bin is missing", e);
    }
  }

  /** {@code transfer(to, amount)} on {@code token}. */
  static Call erc20Transfer(org.jingchain.evm.Address token, Address to, long amount) {
    byte[] data =
        org.jingchain.evm.abi.AbiCodec.call(
            "transfer(address,uint256)",
            org.jingchain.contracts.EvmAddresses.of(to).toString(),
            java.math.BigInteger.valueOf(amount));
    return org.jingchain.contracts.EvmCalls.call(token, data, ERC20_TRANSFER_GAS);
  }

  /**
   * Deploys the ERC-20 as {@code issuer} (the whole supply is its) and transfers {@link
   * #MINT_AMOUNT} to every account; returns the token's address once every transfer committed and
   * succeeded.
   */
  static org.jingchain.evm.Address fundErc20(
      JingNode node,
      JingClient client,
      KeyPair issuer,
      List<Address> accounts,
      int batch,
      long expiresAtMillis)
      throws InterruptedException {
    String chainId = node.genesis().chainId();
    byte[] ctor =
        org.jingchain.evm.abi.AbiCodec.encode(
            List.of(
                org.jingchain.evm.abi.AbiType.parse("string"),
                org.jingchain.evm.abi.AbiType.parse("string"),
                org.jingchain.evm.abi.AbiType.parse("uint256")),
            List.of(
                "Load",
                SYMBOL,
                java.math.BigInteger.valueOf(MINT_AMOUNT)
                    .multiply(java.math.BigInteger.valueOf(accounts.size() + 1L))));
    byte[] code = erc20Bytecode();
    byte[] init = java.util.Arrays.copyOf(code, code.length + ctor.length);
    System.arraycopy(ctor, 0, init, code.length, ctor.length);
    long nonce = 0;
    org.jingchain.evm.Address token =
        org.jingchain.evm.Evm.createAddress(
            org.jingchain.contracts.EvmAddresses.of(issuer.address()), nonce);
    submit(
        client,
        List.of(
            Transactions.sign(
                issuer,
                chainId,
                nonce++,
                expiresAtMillis,
                org.jingchain.contracts.EvmCalls.deploy(init, 3_000_000))));
    for (int from = 0; from < accounts.size(); from += batch) {
      List<Transaction> txs = new ArrayList<>(batch);
      for (Address to : accounts.subList(from, Math.min(accounts.size(), from + batch))) {
        txs.add(
            Transactions.sign(
                issuer, chainId, nonce++, expiresAtMillis, erc20Transfer(token, to, MINT_AMOUNT)));
      }
      submit(client, txs);
    }
    awaitNonce(node.chain().store(), issuer.address(), nonce);
    for (Address a : List.of(accounts.getFirst(), accounts.getLast())) {
      byte[] data =
          org.jingchain.evm.abi.AbiCodec.call(
              "balanceOf(address)", org.jingchain.contracts.EvmAddresses.of(a).toString());
      var r = client.evmCall(null, token.toString(), data, null);
      if (!r.success()
          || !new java.math.BigInteger(r.output().substring(2), 16)
              .equals(java.math.BigInteger.valueOf(MINT_AMOUNT))) {
        throw new IllegalStateException("account " + a + " holds " + r.output() + " after funding");
      }
    }
    return token;
  }

  private static void submit(JingClient client, List<Transaction> txs) {
    BatchResult r = client.submitBatch(txs);
    if (r.rejected() != 0) {
      throw new IllegalStateException("funding batch rejected: " + r);
    }
  }

  /** Polls the committed state; a benchmark may wait with sleeps, tests may not. */
  private static void awaitNonce(ChainStore store, Address issuer, long expected)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (Nonces.next(store::latest, issuer) < expected) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("funding not committed within " + WAIT_MILLIS + " ms");
      }
      Thread.sleep(20);
    }
  }
}
